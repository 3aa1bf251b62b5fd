# The doctor's first round trip (doctor-commands.ts), after the batch prologue and the functions
# fr (file-records.sh), cr (crictl-function.sh), kc (kubectl-function.sh), jr
# (kubelet-journal-tail.sh).
# $1 kubelet config ('' for none), $2 static pod path ('' for none), $3 pki dir, $4 kubeconfigs
# (newline-separated), $5 kubelet cert dir, $6 kubelet root dir, $7 kubectl's kubeconfig ('' to
# let kubectl choose), $8 node name, $9 crictl, ${10} crictl's subcommand ('' for none),
# ${11} bytes read of one file, ${12} journal lines.
# shellcheck disable=SC2034 # CR and CRS are read by cr (crictl-function.sh)
CR=$9 CRS=${10}
_lim=${11}

# Every manifest of the directory but dot files, as the kubelet reads them. Exit 3: no directory.
lsman() {
  [ -d "$1" ] || return 3
  for _n in "$1"/*; do
    case "${_n##*/}" in
      .*) continue ;;
    esac
    fr "$_lim" cat "$_n"
  done
  return 0
}

# The certificates (*.crt, *.pem) of a PKI directory and its subdirectories. Exit 3: no directory.
pkis() {
  [ -d "$1" ] || return 3
  find "$1" -maxdepth 2 \( -name '*.crt' -o -name '*.pem' \) -type f 2>/dev/null | sort |
    while IFS= read -r _c; do fr 65536 certs "$_c"; done
  return 0
}

# Each kubeconfig's certificate lines: `<base64 path> <base64 lines>`; never its keys.
kcerts() {
  printf '%s\n' "$1" | while IFS= read -r _k; do
    { [ -n "$_k" ] && [ -f "$_k" ]; } || continue
    printf '%s ' "$(printf %s "$_k" | base64 -w0)"
    grep -E '^[[:space:]]*(client-certificate-data|client-certificate|certificate-authority-data|certificate-authority):' -- "$_k" | base64 -w0
    echo
  done
  return 0
}

# containerd's and CRI-O's configuration files, drop-ins in name order.
rtconf() {
  set -- /etc/containerd/config.toml /etc/crio/crio.conf
  for _d in /etc/crio/crio.conf.d/*; do set -- "$@" "$_d"; done
  fr "$_lim" cat "$@"
}

# The image filesystem's mount point, as crictl imagefsinfo reports it.
imfs() {
  cr imagefsinfo -o json 2>/dev/null | sed -n 's/.*"mountpoint": *"\([^"]*\)".*/\1/p' | head -n 1
}

# `df` of the kubelet's root dir and of the image filesystem: blocks (dfs) and inodes (dfi).
dfs() {
  _i=$(imfs)
  df -P -k -- "$1" ${_i:+"$_i"}
}
dfi() {
  _i=$(imfs)
  df -P -i -- "$1" ${_i:+"$_i"}
}

# A dead API server costs seconds, not minutes.
kq() {
  kc "$_kc" --request-timeout=5s "$@"
}
_kc=$7

[ -n "$1" ] && sec kubeletconfig fr "$_lim" cat "$1"
[ -n "$2" ] && sec manifests lsman "$2"
sec pki pkis "$3"
sec kubeconfigs kcerts "$4"
sec kubeletpki pkis "$5"
sec runtimeconfig rtconf
sec info cr info
sec images cr images -o json
sec imagefs cr imagefsinfo -o json
sec sandboxes cr pods -o json
sec containers cr ps -a -o json
sec cgroupfs stat -f -c %T /sys/fs/cgroup
sec df dfs "$6"
sec dfi dfi "$6"
sec journal jr "${12}"
if command -v kubectl >/dev/null 2>&1; then
  sec node kq get node "$8" -o json
  sec nodes kq get nodes -o json
fi
