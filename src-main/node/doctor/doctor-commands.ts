/**
 * The doctor's two round trips (docs/doctor.md). The first reads files and asks the tools that
 * need nothing but paths: the manifests, certificates (CERTIFICATE blocks only: a key never
 * leaves the node), the kubeconfigs' certificate lines, the kubelet's config, the runtime's
 * configuration and its view (crictl info, images, imagefsinfo, pods, ps), the cgroup version,
 * `df` of the kubelet's root and of the image filesystem, the kubelet's journal and, when it
 * answers, the API's Node objects. The second (probe-commands.ts) needs what the first found:
 * which ports serve which certificate, the kubelet's healthz, the CNI directory the runtime
 * reads, and etcdctl in the etcd container.
 */
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';
import type { DoctorPaths } from './doctor-paths';
import { FILE_RECORDS_FUNCTION } from './file-records';

/** Bytes read of one manifest, config or certificate file. */
export const DOCTOR_FILE_LIMIT = 256 * 1024;
/** Kubelet journal lines read for the doctor and the bundle's log window. */
export const JOURNAL_LINES = 1000;

/**
 * `cr` runs crictl by its argv prefix ($CR, and $CRS for a multi-call binary's subcommand);
 * `kc` runs kubectl with the node's kubeconfig and a short request timeout, so a dead API
 * server costs seconds, not minutes.
 * $1 kubelet config, $2 static pod path, $3 pki dir, $4 kubeconfigs (newline-separated),
 * $5 kubelet cert dir, $6 kubelet root dir, $7 kubectl kubeconfig, $8 node name, $9 crictl,
 * ${10} crictl subcommand ('' for none).
 */
const BODY =
  FILE_RECORDS_FUNCTION +
  'CR=$9; CRS=${10}; ' +
  'cr() { if [ -n "$CRS" ]; then "$CR" "$CRS" "$@"; else "$CR" "$@"; fi; }; ' +
  'kc() { if [ -n "$KC" ]; then kubectl --kubeconfig "$KC" --request-timeout=5s "$@"; else kubectl --request-timeout=5s "$@"; fi; }; ' +
  'KC=$7; ' +
  `lsman() { [ -d "$1" ] || return 3; for _p in "$1"/*; do case "\${_p##*/}" in .*) continue;; esac; fr ${DOCTOR_FILE_LIMIT} cat "$_p"; done; return 0; }; ` +
  `pkis() { [ -d "$1" ] || return 3; fr 65536 certs $(find "$1" -maxdepth 2 \\( -name "*.crt" -o -name "*.pem" \\) -type f 2>/dev/null | sort); }; ` +
  'kcerts() { printf "%s\\n" "$1" | while IFS= read -r _k; do [ -n "$_k" ] && [ -f "$_k" ] || continue; ' +
  'printf "%s " "$(printf %s "$_k" | base64 -w0)"; grep -E "^[[:space:]]*(client-certificate-data|client-certificate|certificate-authority-data|certificate-authority):" -- "$_k" | base64 -w0; echo; done; return 0; }; ' +
  'jr() { _o=$(journalctl -u kubelet -o json -n ' +
  String(JOURNAL_LINES) +
  ' --no-pager) || return $?; if [ -n "$_o" ]; then printf "%s\\n" "$_o"; else journalctl -t kubelet -o json -n ' +
  String(JOURNAL_LINES) +
  ' --no-pager; fi; }; ' +
  'imfs() { cr imagefsinfo -o json 2>/dev/null | sed -n "s/.*\\"mountpoint\\": *\\"\\([^\\"]*\\)\\".*/\\1/p" | head -n 1; }; ' +
  'dfs() { _i=$(imfs); df -P -k -- "$6" ${_i:+"$_i"}; }; ' +
  'dfi() { _i=$(imfs); df -P -i -- "$6" ${_i:+"$_i"}; }; ' +
  `[ -n "$1" ] && sec kubeletconfig fr ${DOCTOR_FILE_LIMIT} cat "$1"; ` +
  '[ -n "$2" ] && sec manifests lsman "$2"; ' +
  'sec pki pkis "$3"; ' +
  'sec kubeconfigs kcerts "$4"; ' +
  'sec kubeletpki pkis "$5"; ' +
  `sec runtimeconfig fr ${DOCTOR_FILE_LIMIT} cat /etc/containerd/config.toml /etc/crio/crio.conf $(ls -d /etc/crio/crio.conf.d/* 2>/dev/null | sort); ` +
  'sec info cr info; ' +
  'sec images cr images -o json; ' +
  'sec imagefs cr imagefsinfo -o json; ' +
  'sec sandboxes cr pods -o json; ' +
  'sec containers cr ps -a -o json; ' +
  'sec cgroupfs stat -f -c %T /sys/fs/cgroup; ' +
  'sec df dfs "$@"; ' +
  'sec dfi dfi "$@"; ' +
  'sec journal jr; ' +
  'if command -v kubectl >/dev/null 2>&1; then sec node kc get node "$8" -o json; sec nodes kc get nodes -o json; fi';

export function doctorReadCommand(paths: DoctorPaths): NodeCommand {
  return {
    purpose: "read the node's certificates, runtime configuration, disks and logs for the doctor",
    argv: batchArgv(BODY, [
      paths.kubeletConfig ?? '',
      paths.staticPodPath ?? '',
      paths.pkiDir,
      paths.kubeconfigs.join('\n'),
      paths.kubeletCertDir,
      paths.kubeletRootDir,
      paths.kubectlKubeconfig ?? '',
      paths.nodeName,
      paths.crictl[0] ?? 'crictl',
      paths.crictl[1] ?? '',
    ]),
    privileged: true,
    timeoutMs: 60_000,
  };
}
