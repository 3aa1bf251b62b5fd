# Delete = one rename out of the directory into a backup directory (the kubelet sees a remove,
# docs/kubelet.md §1.7), after write-prologue.sh.
# shellcheck disable=SC2154 # f, want, tmp, name (write-prologue.sh) and d (newdir)
[ -f "$f" ] || conflict "the file is no longer on the node"
[ "$(sha "$f")" = "$want" ] || conflict "the file was changed on the node after you opened it"
newdir "$tmp/kubelet-studio-backup" "$name" || fail error "cannot create a backup directory in $tmp"
mv -- "$f" "$d/$name" || fail error "cannot move $f to $d"
emit status deleted
emit backup "$d/$name"
