# `kc KUBECONFIG ARGS…`: kubectl with the node's kubeconfig, or kubectl's own choice when it is ''.
kc() {
  _k=$1
  shift
  if [ -n "$_k" ]; then kubectl --kubeconfig "$_k" "$@"; else kubectl "$@"; fi
}
