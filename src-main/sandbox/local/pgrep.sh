# The Sandbox node's pgrep (sandbox-bin.ts): `pgrep -x kubelet` (discovery's fallback while
# systemd reports no MainPID, e.g. during a restart) finds this node's kubelet only, not another
# one on the same machine; anything else goes to the machine's pgrep. The lines written before
# this script set pid_file (the running kubelet's pid) and real_pgrep ('' when there is none).
# shellcheck disable=SC2154 # pid_file and real_pgrep
case "$*" in
  *-x*kubelet*)
    p=$(cat "$pid_file" 2>/dev/null)
    if [ -n "$p" ] && [ -d "/proc/$p" ]; then
      echo "$p"
      exit 0
    fi
    exit 1
    ;;
esac
if [ -z "$real_pgrep" ]; then
  echo "pgrep: not found" >&2
  exit 127
fi
exec "$real_pgrep" "$@"
