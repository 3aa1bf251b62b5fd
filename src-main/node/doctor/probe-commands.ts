/**
 * The doctor's second round trip: what needs the first one's answers.
 *
 * - What each port serves, read on the node itself (so from the node's network view):
 *   `openssl s_client` when the node has openssl, else python3's `ssl.get_server_certificate`;
 *   only the leaf certificate is kept. The tool used is the section's first line, so a view can
 *   say which one read it.
 * - The kubelet's `/healthz` (healthzBindAddress:healthzPort, 127.0.0.1:10248 by default
 *   [src: pkg/kubelet/apis/config/v1beta1/defaults.go]) with curl, wget or python3.
 * - The CNI configuration directory the runtime reads (crictl info's `confDir`, containerd's
 *   default /etc/cni/net.d): every entry with its type and size.
 * - etcd through `crictl exec` into the running etcd container, with the certificate paths of
 *   the etcd manifest: etcdctl ships in the etcd image, so nothing is installed on the node
 *   (etcd-commands.ts).
 */
import { batchArgv } from '../batch/batch-script';
import CRICTL_FUNCTION from '../cri/crictl-function.sh';
import type { NodeCommand } from '../session/node-command';
import type { DoctorPaths } from './doctor-paths';
import type { EtcdctlTarget } from '../etcd/etcd-commands';
import DOCTOR_PROBE_SCRIPT from './doctor-probe.sh';

/** How long doctor-probe.sh's tools wait for a port's handshake and for the healthz answer. */
export const TLS_PROBE_SECONDS = 8;
export const HEALTHZ_PROBE_SECONDS = 5;

export interface PortProbe {
  port: number;
  host: string;
  component: string;
}

export interface ProbeInput {
  paths: DoctorPaths;
  ports: PortProbe[];
  /** Null: the kubelet's healthz is not asked (its address is not the node's, probe-address.ts). */
  healthz: { host: string; port: number } | null;
  cniDir: string;
  etcd: EtcdctlTarget | null;
}

export function doctorProbeCommand(input: ProbeInput): NodeCommand {
  const etcd = input.etcd;
  return {
    purpose: 'read what the control-plane ports serve, the kubelet health and etcd for the doctor',
    argv: batchArgv(
      [CRICTL_FUNCTION, DOCTOR_PROBE_SCRIPT],
      [
        input.paths.crictl[0] ?? 'crictl',
        input.paths.crictl[1] ?? '',
        input.healthz?.host ?? '',
        String(input.healthz?.port ?? ''),
        input.cniDir,
        etcd?.endpoint ?? '',
        etcd?.cacert ?? '',
        etcd?.cert ?? '',
        etcd?.key ?? '',
        ...input.ports.flatMap((p) => [p.host, String(p.port)]),
      ],
    ),
    privileged: true,
    timeoutMs: 90_000,
  };
}
