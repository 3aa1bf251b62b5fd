# The pods snapshot's one round trip (pods-snapshot-command.ts), after the batch prologue and the
# functions lwn, lw, lwf (kubelet-log-window.ts), jr (kubelet-journal-tail.sh), lsf, lsm, gnu
# (static-dir-listing.sh). Lists are newline-separated.
# $1 kubectl's kubeconfig ('' to let kubectl choose), $2 node name, $3 static pod path ('' for
# none), $4 API read mode (node, skip, none), $5 crictl's argv prefix, $6 kubectl's argv prefix
# ('' when not found), $7 1 to also list all Nodes, $8 the kubelet's systemd unit ('' for none),
# $9 the kubelet's process name, ${10} the log window's kind (journal, file, none, legacy),
# ${11} journalctl, ${12} the window in seconds, ${13} units, ${14} identifiers, ${15} the log
# file, ${16} bytes read of one manifest.
_kk=$1 _node=$2 _sp=$3 _am=$4 _cr=$5 _kb=$6 _cf=$7 _ku=$8 _kc=$9
_lm=${10} _lj=${11} _ls=${12} _lu=${13} _lt=${14} _lf=${15} _ml=${16}

nl='
'

# `run ARGV ARGS…`: runs ARGV (words, newline-separated) followed by ARGS.
run() {
  _v=$1
  shift
  _o=$IFS
  IFS=$nl
  set -f
  # shellcheck disable=SC2086 # split on newlines only, no globbing
  set -- $_v "$@"
  set +f
  IFS=$_o
  "$@"
}

# crictl and kubectl by the argv prefixes discovery found, never looked up by name.
cr() {
  if [ -z "$_cr" ]; then
    echo "crictl not found" >&2
    return 127
  fi
  run "$_cr" "$@"
}

kc() {
  if [ -z "$_kb" ]; then
    echo "kubectl not found" >&2
    return 127
  fi
  if [ -n "$_kk" ]; then run "$_kb" --kubeconfig "$_kk" "$@"; else run "$_kb" "$@"; fi
}

# `kp`: the process running the kubelet: systemd's MainPID of its unit when there is one, else
# the oldest process with its name (a /proc scan: busybox has no pgrep). Prints the pid line, the
# host name line, then the NUL-separated command line (discover.ts parseKubeletProcessSection).
kp() {
  _kp=
  [ -n "$_ku" ] && _kp=$(systemctl show -p MainPID --value "$_ku" 2>/dev/null)
  case "$_kp" in
    "" | 0)
      _kp=
      _kt=
      for _kd in /proc/[0-9]*; do
        [ "$(cat "$_kd/comm" 2>/dev/null)" = "$_kc" ] || continue
        _t=$(stat -c %Y "$_kd" 2>/dev/null) || continue
        if [ -z "$_kt" ] || [ "$_t" -lt "$_kt" ]; then
          _kt=$_t
          _kp=${_kd#/proc/}
        fi
      done
      ;;
  esac
  printf "%s\n" "$_kp"
  uname -n
  [ -n "$_kp" ] && cat "/proc/$_kp/cmdline"
  return 0
}

sec kubelet kp
sec sandboxes cr pods -o json
sec containers cr ps -a -o json
if [ "$_am" = node ]; then
  sec api kc get pods -A -o json --field-selector "spec.nodeName=$_node"
  sec node kc get node "$_node" -o name
  [ "$_cf" = 1 ] && sec nodes kc get nodes -o json
fi
case "$_lm" in
  journal)
    sec lognow lwn
    sec logwin lw "$_lj" "$_ls" "$_lu" "$_lt"
    ;;
  file)
    sec lognow lwn
    sec logwin lwf "$_lf"
    ;;
  legacy) sec journal jr 300 ;;
esac
if [ -n "$_sp" ]; then
  if gnu; then sec manifests lsf "$_sp" "$_ml"; else sec manifests lsm "$_sp" "$_ml"; fi
fi
