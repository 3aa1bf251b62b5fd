# The Sandbox node's systemctl (sandbox-bin.ts): what discovery asks (`systemctl show -p
# MainPID --value kubelet`, docs/kubelet.md §6, and the units' state, node-facts.ts), and `systemctl restart kubelet`, which asks the
# app to start the kubelet again as systemd would (sandbox-node.ts) and waits until the new one
# runs. The lines written before this script set pid_file (the running kubelet's pid) and
# restart_file (the request the app looks for) and unit_description (the kubelet unit's
# Description, which tells discovery this node is the simulated one: setup-kind.ts).
# shellcheck disable=SC2154 # pid_file, restart_file and unit_description
pid=$(cat "$pid_file" 2>/dev/null)
[ -n "$pid" ] || pid=0
case "$*" in
  "show -p MainPID --value kubelet" | "show -p MainPID --value kubelet.service")
    echo "$pid"
    ;;
  show\ *)
    # `systemctl show -p Id -p LoadState … -- <units>` (node-facts.ts): one Key=Value block per
    # unit, blocks separated by an empty line, as systemd prints them. Only the kubelet's unit
    # exists here; the others are "not-found", as on a kubeadm host without them. Without this,
    # discovery would pick a kubelet process by name among every kubelet of this machine.
    shift
    sep=
    for arg in "$@"; do
      case "$arg" in
        -p | --value | -- | Id | LoadState | ActiveState | MainPID | FragmentPath | Description) continue ;;
      esac
      unit=${arg%.service}.service
      printf '%s' "$sep"
      sep='
'
      if [ "$unit" = kubelet.service ]; then
        state=inactive
        [ "$pid" != 0 ] && state=active
        printf 'Id=%s\nLoadState=loaded\nActiveState=%s\nMainPID=%s\nFragmentPath=\nDescription=%s\n' "$unit" "$state" "$pid" "$unit_description"
      else
        printf 'Id=%s\nLoadState=not-found\nActiveState=inactive\nMainPID=0\nFragmentPath=\nDescription=%s\n' "$unit" "$unit"
      fi
    done
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
