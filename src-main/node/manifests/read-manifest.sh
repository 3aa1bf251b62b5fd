# One file (manifest-commands.ts), after the batch prologue and manifest-helpers.sh.
# $1 file, $2 byte limit. Sections: missing, or stat ("size user group mode mtime") and content.
if [ ! -f "$1" ]; then
  emit missing "$1"
  exit 0
fi
sec stat stat -L -c "%s %U %G %a %Y" -- "$1"
sec content head -c "$2" -- "$1"
