# `jr N`: the last N kubelet journal entries as JSON: the unit's, or the identifier's when the
# unit has none (docs/kubelet.md §5.1; the app's other readers follow the same rule,
# node/journal/kubelet-log-source.ts).
jr() {
  _o=$(journalctl -u kubelet -o json -n "$1" --no-pager) || return $?
  if [ -n "$_o" ]; then
    printf '%s\n' "$_o"
  else
    journalctl -t kubelet -o json -n "$1" --no-pager
  fi
}
