# The backups of one manifest (manifest-commands.ts), after the batch prologue and
# manifest-helpers.sh. $1 backup root, $2 name. Section list: NUL-delimited path, size, sha256.
# shellcheck disable=SC2154 # $t is the prologue's scratch directory
{
  for p in "$1"/kubelet-studio-backup-*/"$2" "$1"/kubelet-studio-rolledback-*/"$2"; do
    [ -f "$p" ] || continue
    printf '%s\0%s\0%s\0' "$p" "$(stat -c %s -- "$p")" "$(sha "$p")"
  done
} >"$t/h"
emitfile list "$t/h"
