# The crash-safe save of one manifest (save-command.ts: the eight steps and why), after
# manifest-helpers.sh; no batch prologue (no `sec`, no scratch directory: two forks fewer).
# $1 dir, $2 name, $3 expected sha256 ('' = new file), $4 new sha256, $5 tmp root, $6 hook, $7
# hook step. The new content comes on stdin.
# shellcheck disable=SC2154,SC2034 # h and d are set by manifest-helpers.sh, HOOK and HOOKAT read there
set -u
umask 077
dir=$1
name=$2
want=$3
newsha=$4
tmp=$5
HOOK=$6
HOOKAT=$7
f="$dir/$name"
stage=
trap '[ -z "$stage" ] || rm -rf -- "$stage"' EXIT
trap 'exit 129' HUP
trap 'exit 141' PIPE
trap 'exit 143' TERM INT

conflict() {
  emit status conflict
  emit message "$1"
  if [ -f "$f" ]; then
    emit theirssha "$(sha "$f")"
    emitfile theirs "$f"
  fi
  exit 0
}

[ -d "$dir" ] || fail error "the manifest directory $dir does not exist"
[ -L "$f" ] && fail error "$f is a symbolic link; edit the file it points to"
[ -e "$f" ] && [ ! -f "$f" ] && fail error "$f is not a regular file"

step 1 # stage the new content outside the manifest directory, check it arrived whole
# shellcheck disable=SC2174 # the parents of the backup root exist: it sits beside the manifest directory
[ -d "$tmp" ] || mkdir -p -m 0700 -- "$tmp" || fail error "cannot create $tmp"
# One stat for both devices: a rename is atomic only within one filesystem (docs/kubelet.md §7).
devs=$(stat -c %d -- "$tmp" "$dir") || fail error "cannot stat $tmp"
[ "${devs%%[!0-9]*}" = "${devs##*[!0-9]}" ] ||
  fail error "$tmp is not on the filesystem of $dir, so a rename cannot be atomic"
stage=$(mktemp -d "$tmp/kubelet-studio-XXXXXXXXXX") || fail error "cannot create a staging directory in $tmp"
cat >"$stage/$name" || fail error "cannot write the staged copy"
digest "$stage/$name"
[ "$h" = "$newsha" ] ||
  fail error "the new content arrived incomplete (the connection may have been cut); nothing was changed"
sync -- "$stage/$name" 2>/dev/null

step 2 # the current file is the one the user opened; its owner and mode
if [ -n "$want" ]; then
  [ -f "$f" ] || conflict "the file was deleted on the node after you opened it"
  digest "$f"
  [ "$h" = "$want" ] || conflict "the file was changed on the node after you opened it"
  om=$(stat -c "%u:%g %a" -- "$f") || fail error "cannot stat $f"
  own=${om% *}
  mode=${om#* }
else
  [ -e "$f" ] && conflict "a file with this name was created on the node meanwhile"
  u=$(id -u)
  if [ "$u" = 0 ]; then own=0:0; else own=$u:$(id -g); fi
  mode=600
fi

step 3 # a backup of the current file, kept
bk=
if [ -n "$want" ]; then
  newdir "$tmp/kubelet-studio-backup" "$name" || fail error "cannot create a backup directory in $tmp"
  bk="$d/$name"
  cp -p -- "$f" "$bk" || fail error "cannot copy $f to $bk"
  digest "$bk"
  [ "$h" = "$want" ] || conflict "the file changed on the node while it was being backed up"
fi

step 4 # the old owner and mode on the staged copy
chown -- "$own" "$stage/$name" || fail error "cannot set owner $own on the staged copy"
chmod -- "$mode" "$stage/$name" || fail error "cannot set mode $mode on the staged copy"

step 5 # the current file once more, right before the rename
if [ -n "$want" ]; then
  { [ -f "$f" ] && digest "$f" && [ "$h" = "$want" ]; } || conflict "the file was changed on the node during the save"
else
  [ -e "$f" ] && conflict "a file with this name was created on the node during the save"
fi

step 6 # ONE rename into place; a new file never clobbers one created meanwhile
if [ -n "$want" ]; then
  mv -f -- "$stage/$name" "$f" || fail error "the rename into $dir failed"
else
  mv -n -- "$stage/$name" "$f" || fail error "the rename into $dir failed"
  [ -e "$stage/$name" ] && conflict "a file with this name was created on the node during the save"
fi

step 7 # the content in place is the new one
digest "$f"
[ "$h" = "$newsha" ] || fail error "after the rename $f has other content: something else wrote it just now"

step 8 # the staging directory goes
rm -rf -- "$stage"
stage=
# emit status saved, with "saved" in base64 already (one fork fewer).
printf '@@ks status 0\n%s\n\n' c2F2ZWQ=
emit backup "$bk"
emit owner "$(stat -c "%U %G %a" -- "$f")"
