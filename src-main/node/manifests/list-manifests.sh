# The static pod path (manifest-commands.ts), after the batch prologue and manifest-helpers.sh.
# $1 static pod path, $2 read limit in bytes, $3 find's -printf format of an entry.
# Sections: kind (missing, dir or file), list, and per non-dot regular file n.I (its name) and
# c.I (its first bytes).
if [ ! -e "$1" ]; then
  emit kind missing
  exit 0
fi
if [ -d "$1" ]; then
  emit kind dir
  sec list find "$1" -mindepth 1 -maxdepth 1 -printf "$3"
  i=0
  # `*` skips dot names, as the kubelet's `[^.]*` glob does (docs/kubelet.md §1.2).
  for p in "$1"/*; do
    [ -f "$p" ] || continue
    emit "n.$i" "${p##*/}"
    sec "c.$i" head -c "$2" -- "$p"
    i=$((i + 1))
  done
else
  emit kind file
  sec list find "$1" -maxdepth 0 -printf "$3"
  emit n.0 "${1##*/}"
  sec c.0 head -c "$2" -- "$1"
fi
