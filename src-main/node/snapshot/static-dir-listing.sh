# The static pod directory's listing for the pods snapshot (section `manifests`, parsed by
# static-dir-listing.ts), after the batch prologue. `lsf DIR LIMIT` (GNU find and GNU tar) or
# `lsm DIR LIMIT` (busybox) list DIR, every name, dot files included, no recursion
# (docs/kubelet.md §1.2), reading each readable regular file up to LIMIT bytes. Exit 3 when the
# path does not exist, 4 when this user may not read it.
#
# lsf, in ONE pass whatever the number of files: a line `T D` (directory) or `T S` (the path is a
# single file, docs/kubelet.md §1.2 point 4), then one `<find %Y> <size> <r|u> <name>` record per
# entry (`u`: this user may not read it), each ending in NUL, an empty record, then a tar stream
# of the readable regular files up to LIMIT (symlinks and hard links stored as content, as the
# kubelet reads them). `-H` follows a symlinked static pod path itself.
# lsm: one line `<f|d|o|u> <base64 name> <base64 content>` per entry, after a first line `S` for a
# single file.

b64() { printf %s "$1" | base64 -w0; }

# `ent PATH LIMIT`: one lsm line.
ent() {
  _n=${1##*/}
  if [ -L "$1" ] && [ ! -e "$1" ]; then
    printf "o %s -\n" "$(b64 "$_n")"
  elif [ -d "$1" ]; then
    printf "d %s -\n" "$(b64 "$_n")"
  elif [ -f "$1" ] && [ ! -r "$1" ]; then
    printf "u %s -\n" "$(b64 "$_n")"
  elif [ -f "$1" ]; then
    printf "f %s " "$(b64 "$_n")"
    head -c "$2" -- "$1" | base64 -w0
    echo
  else
    printf "o %s -\n" "$(b64 "$_n")"
  fi
}

# A path that is not there, told apart from one behind a directory this user may not search.
gone() {
  case $(stat -L "$1" 2>&1) in
    *ermission*)
      echo "$1: Permission denied" >&2
      return 4
      ;;
  esac
  return 3
}

# True (with the error printed) when this user may not list the directory.
shut() {
  if [ ! -r "$1" ] || [ ! -x "$1" ]; then
    echo "$1: Permission denied" >&2
    return 0
  fi
  return 1
}

lsm() {
  _d=$1
  if [ -f "$_d" ]; then
    echo S
    ent "$_d" "$2"
    return 0
  fi
  [ -d "$_d" ] || {
    gone "$_d"
    return
  }
  shut "$_d" && return 4
  for _f in "$_d"/* "$_d"/.[!.]* "$_d"/..?*; do
    { [ -e "$_f" ] || [ -L "$_f" ]; } && ent "$_f" "$2"
  done
  return 0
}

lsf() {
  _d=$1
  if [ -f "$_d" ]; then
    _s=S
    _a="-maxdepth 0"
    _p=${_d%/*}
    [ -n "$_p" ] || _p=/
  elif [ -d "$_d" ]; then
    _s=D
    _a="-mindepth 1 -maxdepth 1"
    _p=$_d
    shut "$_d" && return 4
  else
    gone "$_d"
    return
  fi
  printf "T %s\n" "$_s"
  # shellcheck disable=SC2086 # $_a is find's depth options, one word each
  find -H "$_d" $_a \( -readable -printf "%Y %s r %f\0" \) -o -printf "%Y %s u %f\0"
  printf "\000"
  # shellcheck disable=SC2086 # as above
  find -L "$_d" $_a -type f -readable -size "-$(($2 + 1))c" -printf "%f\0" |
    tar -chf - -b1 --format=gnu --hard-dereference --null --no-recursion -C "$_p" -T -
  return 0
}

# True when find and tar are GNU's (lsf can run).
gnu() {
  find / -maxdepth 0 -readable -printf "" 2>/dev/null || return 1
  case $(tar --version 2>/dev/null) in
    *GNU*) return 0 ;;
  esac
  return 1
}
