# The shared start of delete and rollback (manifest-commands.ts), after the batch prologue and
# manifest-helpers.sh. $1 dir, $2 name, $3 expected sha256 ('' = any), $4 backup root.
# shellcheck disable=SC2034 # want is read by the script that follows (delete, rollback)
set -u
umask 077
dir=$1
name=$2
want=$3
tmp=$4
f="$dir/$name"

conflict() {
  emit status conflict
  emit message "$1"
  [ -f "$f" ] && emit theirssha "$(sha "$f")"
  exit 0
}

[ -L "$f" ] && fail error "$f is a symbolic link; edit the file it points to"
# shellcheck disable=SC2174 # the parents of the backup root exist: it sits beside the manifest directory
[ -d "$tmp" ] || mkdir -p -m 0700 -- "$tmp" || fail error "cannot create $tmp"
[ "$(stat -c %d -- "$tmp")" = "$(stat -c %d -- "$dir")" ] ||
  fail error "$tmp is not on the filesystem of $dir, so a rename cannot be atomic"
