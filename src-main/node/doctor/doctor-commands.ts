/**
 * The doctor's two round trips (docs/doctor.md). The first reads files and asks the tools that
 * need nothing but paths: the manifests, certificates (CERTIFICATE blocks only: a key never
 * leaves the node), the kubeconfigs' certificate lines, the kubelet's config, the runtime's
 * configuration and its view (crictl info, images, imagefsinfo, pods, ps), the cgroup version,
 * `df` of the kubelet's root and of the image filesystem, the kubelet's journal and, when it
 * answers, the API's Node objects (kubectl with a 5 s request timeout, so a dead API server costs
 * seconds, not minutes). The second (probe-commands.ts) needs what the first found: which ports
 * serve which certificate, the kubelet's healthz, the CNI directory the runtime reads, and
 * etcdctl in the etcd container. The script is doctor-read.sh.
 */
import KUBECTL_FUNCTION from '../api/kubectl-function.sh';
import { batchArgv } from '../batch/batch-script';
import CRICTL_FUNCTION from '../cri/crictl-function.sh';
import KUBELET_JOURNAL_TAIL from '../journal/kubelet-journal-tail.sh';
import type { NodeCommand } from '../session/node-command';
import DOCTOR_READ_SCRIPT from './doctor-read.sh';
import type { DoctorPaths } from './doctor-paths';
import FILE_RECORDS_FUNCTIONS from './file-records.sh';

/** Bytes read of one manifest, config or certificate file. */
export const DOCTOR_FILE_LIMIT = 256 * 1024;
/** Kubelet journal lines read for the doctor and the bundle's log window. */
export const JOURNAL_LINES = 1000;

export function doctorReadCommand(paths: DoctorPaths): NodeCommand {
  return {
    purpose: "read the node's certificates, runtime configuration, disks and logs for the doctor",
    argv: batchArgv(
      [FILE_RECORDS_FUNCTIONS, CRICTL_FUNCTION, KUBECTL_FUNCTION, KUBELET_JOURNAL_TAIL, DOCTOR_READ_SCRIPT],
      [
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
        String(DOCTOR_FILE_LIMIT),
        String(JOURNAL_LINES),
      ],
    ),
    privileged: true,
    timeoutMs: 60_000,
  };
}
