/**
 * The two round trips of discovery (docs/kubelet.md §6): first the kubelet's process (pid,
 * command line) and the host name; then the files its flags name.
 */
import path from 'node:path';
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';

/** Known static pod paths when neither flag nor config says (docs/kubelet.md §6 point 3). */
export const DEFAULT_STATIC_POD_PATHS = [
  '/etc/kubernetes/manifests',
  '/var/lib/rancher/rke2/agent/pod-manifests',
  '/var/lib/rancher/k3s/agent/pod-manifests',
];

/**
 * systemd's MainPID of kubelet.service first (exactly the kubelet the node runs), else the
 * oldest process named kubelet.
 */
const PROCESS_BODY =
  'p=$(systemctl show -p MainPID --value kubelet 2>/dev/null); ' +
  'case "$p" in ""|0) p=$(pgrep -o -x kubelet 2>/dev/null);; esac; ' +
  'sec pid printf "%s" "$p"; ' +
  '[ -n "$p" ] && sec cmdline cat "/proc/$p/cmdline"; ' +
  'sec hostname uname -n';

export function kubeletProcessCommand(): NodeCommand {
  return { purpose: "find the kubelet's process", argv: batchArgv(PROCESS_BODY, []), privileged: true };
}

/**
 * The same look-up as ONE batch section for other batches (the pods snapshot reads it on every
 * refresh to notice a restarted kubelet): `kp` prints the pid line, the host name line, then
 * the NUL-separated command line. Parsed by parseKubeletProcessSection.
 */
export const KUBELET_PROCESS_FUNCTION =
  'kp() { _kp=$(systemctl show -p MainPID --value kubelet 2>/dev/null); ' +
  'case "$_kp" in ""|0) _kp=$(pgrep -o -x kubelet 2>/dev/null);; esac; ' +
  'printf "%s\\n" "$_kp"; uname -n; [ -n "$_kp" ] && cat "/proc/$_kp/cmdline"; return 0; }; ';

/** $1 config file, $2 config dir, $3 kubeconfig candidates (newline-separated), $4… default dirs. */
const FILES_BODY =
  '[ -n "$1" ] && sec config cat -- "$1"; ' +
  '[ -n "$2" ] && sec dropins sh -c \'for f in "$1"/*.conf; do [ -f "$f" ] && printf "%s\\n" "$f"; done\' sh "$2"; ' +
  'k=$3; shift 3; ' +
  'sec defaults sh -c \'for d do [ -d "$d" ] && printf "%s\\n" "$d"; done; exit 0\' sh "$@"; ' +
  'sec kubeconfigs sh -c \'printf "%s\\n" "$1" | while IFS= read -r f; do [ -n "$f" ] && [ -r "$f" ] && printf "%s\\n" "$f"; done; exit 0\' sh "$k"';

export function kubeletFilesCommand(
  configPath: string,
  configDir: string,
  kubeconfigCandidates: string[],
): NodeCommand {
  return {
    purpose: "read the kubelet's configuration",
    argv: batchArgv(FILES_BODY, [
      configPath,
      configDir,
      kubeconfigCandidates.join('\n'),
      ...DEFAULT_STATIC_POD_PATHS,
    ]),
    privileged: true,
  };
}

/** Drop-in files are read in a third step only when the config dir has any (rare). */
export function readFilesCommand(files: string[]): NodeCommand {
  const body = 'i=0; for f do i=$((i+1)); sec "f$i" cat -- "$f"; done';
  return { purpose: 'read kubelet configuration drop-ins', argv: batchArgv(body, files), privileged: true };
}

/**
 * kubectl's kubeconfig on the node: admin.conf beside the kubelet's kubeconfig on a control
 * plane (kubeadm writes both to /etc/kubernetes), else the kubelet's own.
 */
export function kubeconfigCandidates(kubeletKubeconfig: string | undefined): string[] {
  const dir = kubeletKubeconfig ? path.posix.dirname(kubeletKubeconfig) : '/etc/kubernetes';
  const candidates = [path.posix.join(dir, 'admin.conf')];
  if (kubeletKubeconfig) candidates.push(kubeletKubeconfig);
  else candidates.push('/etc/kubernetes/kubelet.conf');
  return candidates;
}
