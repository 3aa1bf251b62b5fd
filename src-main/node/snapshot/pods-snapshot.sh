# Everything the Pods view needs, in one round trip (pods-snapshot-command.ts), after the batch
# prologue and the functions kp (kubelet-process.sh), kc (kubectl-function.sh) and jr
# (kubelet-journal-tail.sh: the last 300 kubelet journal lines).
# $1 kubeconfig ('' to let kubectl choose), $2 node name, $3 static pod path ('' when none),
# $4 `node` to read the API with kubectl on the node, `skip` when the app reads it itself,
# $5 the longest manifest content read, in bytes.
# Helper variables start with `_`: shell functions share globals with the prologue's `sec`.
_limit=$5

b64() {
  printf %s "$1" | base64 -w0
}

# One entry of the old per-file listing: `<f|d|o> <base64 name> <base64 content or ->`.
ent() {
  _n=${1##*/}
  if [ -L "$1" ] && [ ! -e "$1" ]; then
    printf 'o %s -\n' "$(b64 "$_n")"
  elif [ -d "$1" ]; then
    printf 'd %s -\n' "$(b64 "$_n")"
  elif [ -f "$1" ]; then
    printf 'f %s ' "$(b64 "$_n")"
    head -c "$_limit" -- "$1" | base64 -w0
    echo
  else
    printf 'o %s -\n' "$(b64 "$_n")"
  fi
}

# The static pod path without GNU find/tar (busybox): one entry a line, after a first line `S`
# when the path is a single file; every name, dot files included. Exit 3: no such path.
lsm() {
  _d=$1
  if [ -f "$_d" ]; then
    echo S
    ent "$_d"
    return 0
  fi
  [ -d "$_d" ] || return 3
  for _f in "$_d"/* "$_d"/.[!.]* "$_d"/..?*; do
    { [ -e "$_f" ] || [ -L "$_f" ]; } && ent "$_f"
  done
  return 0
}

# The static pod path in ONE pass whatever the number of files (GNU find + GNU tar): `T D`
# (directory) or `T S` (a single file), one `<find %Y> <size> <name>` record per entry, each
# ending in NUL, an empty record, then a tar stream of the regular files up to the limit
# (symlinks and hard links stored as content, as the kubelet reads them). `-H` follows a
# symlinked static pod path itself. Exit 3: no such path.
lsf() {
  _d=$1
  if [ -f "$_d" ]; then
    _s=S
    _p=${_d%/*}
    [ -n "$_p" ] || _p=/
    set -- -maxdepth 0
  elif [ -d "$_d" ]; then
    _s=D
    _p=$_d
    set -- -mindepth 1 -maxdepth 1
  else
    return 3
  fi
  printf 'T %s\n' "$_s"
  find -H "$_d" "$@" -printf '%Y %s %f\0'
  printf '\000'
  find -L "$_d" "$@" -type f -size -"$((_limit + 1))"c -printf '%f\0' |
    tar -chf - -b1 --format=gnu --hard-dereference --null --no-recursion -C "$_p" -T -
  return 0
}

gnu() {
  find / -maxdepth 0 -printf "" 2>/dev/null || return 1
  case $(tar --version 2>/dev/null) in
    *GNU*) return 0 ;;
  esac
  return 1
}

sec kubelet kp
sec sandboxes crictl pods -o json
sec containers crictl ps -a -o json
if [ "$4" = node ]; then
  sec api kc "$1" get pods -A -o json --field-selector "spec.nodeName=$2"
  sec node kc "$1" get node "$2" -o name
fi
sec journal jr 300
if [ -n "$3" ]; then
  if gnu; then sec manifests lsf "$3"; else sec manifests lsm "$3"; fi
fi
