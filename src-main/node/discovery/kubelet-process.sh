# `kp`: the kubelet's process, for a batch section (discover.ts parseKubeletProcessSection): the
# pid line, the host name line, then the NUL-separated command line. systemd's MainPID of
# kubelet.service first (exactly the kubelet the node runs), else the oldest process named
# kubelet (docs/kubelet.md §6).
kp() {
  _kp=$(systemctl show -p MainPID --value kubelet 2>/dev/null)
  case "$_kp" in
    "" | 0) _kp=$(pgrep -o -x kubelet 2>/dev/null) ;;
  esac
  printf '%s\n' "$_kp"
  uname -n
  [ -n "$_kp" ] && cat "/proc/$_kp/cmdline"
  return 0
}
