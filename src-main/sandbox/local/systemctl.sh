# The Sandbox node's systemctl (sandbox-bin.ts): what discovery asks (`systemctl show -p
# MainPID --value kubelet`, docs/kubelet.md §6), and `systemctl restart kubelet`, which asks the
# app to start the kubelet again as systemd would (sandbox-node.ts) and waits until the new one
# runs. The lines written before this script set pid_file (the running kubelet's pid) and
# restart_file (the request the app looks for).
# shellcheck disable=SC2154 # pid_file and restart_file
case "$*" in
  *MainPID*kubelet*)
    cat "$pid_file" 2>/dev/null || echo 0
    ;;
  "restart kubelet" | "restart kubelet.service")
    old=$(cat "$pid_file" 2>/dev/null)
    if [ -z "$old" ]; then
      echo "kubelet.service is not running" >&2
      exit 1
    fi
    : >"$restart_file"
    kill -TERM "$old"
    i=0
    while [ "$i" -lt 300 ]; do
      new=$(cat "$pid_file" 2>/dev/null)
      [ -n "$new" ] && [ "$new" != "$old" ] && exit 0
      sleep 0.1
      i=$((i + 1))
    done
    echo "Job for kubelet.service failed because a timeout was exceeded." >&2
    exit 1
    ;;
  *)
    echo "systemctl: not available on the sandbox node" >&2
    exit 1
    ;;
esac
