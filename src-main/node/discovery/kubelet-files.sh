# Discovery's second round trip (discovery-commands.ts): the files the kubelet's flags name.
# $1 config file ('' for none), $2 config drop-in directory ('' for none), $3 kubeconfig
# candidates (newline-separated), $4... known static pod directories.

# The drop-in files of a directory (*.conf), one path a line.
dropins() {
  for f in "$1"/*.conf; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done
  return 0
}

# The arguments that are directories, one a line.
directories() {
  for d do
    [ -d "$d" ] && printf '%s\n' "$d"
  done
  return 0
}

# The readable files among the newline-separated paths of $1, one a line.
readable() {
  printf '%s\n' "$1" | while IFS= read -r f; do
    [ -n "$f" ] && [ -r "$f" ] && printf '%s\n' "$f"
  done
  return 0
}

[ -n "$1" ] && sec config cat -- "$1"
[ -n "$2" ] && sec dropins dropins "$2"
candidates=$3
shift 3
sec defaults directories "$@"
sec kubeconfigs readable "$candidates"
