# Rollback = the backup renamed back into place, as kubeadm's rollbackOldManifests does
# (docs/kubelet.md §7, docs/security.md), after write-prologue.sh. The version it replaces is
# first copied to `kubelet-studio-rolledback-<stamp>/` so nothing is lost. $5 the backup.
# shellcheck disable=SC2154 # f, want, tmp, name, dir (write-prologue.sh) and d (newdir)
bk=$5
[ -f "$bk" ] || fail no-backup "the backup $bk is no longer there"
kept=
if [ -e "$f" ]; then
  [ -n "$want" ] && [ "$(sha "$f")" != "$want" ] && conflict "the file was changed on the node after you opened it"
  newdir "$tmp/kubelet-studio-rolledback" "$name" || fail error "cannot create a directory in $tmp"
  kept="$d/$name"
  cp -p -- "$f" "$kept" || fail error "cannot keep a copy of $f"
elif [ -n "$want" ]; then
  conflict "the file is no longer on the node"
fi
mv -f -- "$bk" "$f" || fail error "the rename of $bk into $dir failed"
rmdir -- "${bk%/*}" 2>/dev/null
emit status rolled-back
emit sha "$(sha "$f")"
emit kept "$kept"
