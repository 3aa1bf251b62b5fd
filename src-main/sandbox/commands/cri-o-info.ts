/**
 * CRI-O's verbose `info` for `crictl inspect` / `inspectp` [src: cri-o/cri-o
 * `server/container_status.go` createContainerInfo, `server/sandbox_status.go`
 * createSandboxInfo]: one `info` key holding JSON, for a container
 * `{"sandboxID","pid","runtimeSpec","privileged"}`, for a sandbox `{"image","pid","runtimeSpec"}`
 * — no `config`, `snapshotter` or `runtimeType` as containerd has. The OCI spec's annotations
 * are CRI-O's `io.kubernetes.cri-o.*` (cri-o `internal/annotations`, set in
 * `internal/factory/container/container.go` and `server/sandbox_run_linux.go`) beside the
 * kubelet's own.
 */
import type { SimContainer, SimSandbox } from '../model';
import { fakePid } from './cri-messages';
import type { PlainJson } from './protojson';
import { rfc3339NanoLocal } from './go-time';

const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
const OCI_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'];

/** k8s_<container>_<pod>_<namespace>_<uid>_<attempt>, CRI-O's storage name for a container. */
function kubeName(container: string, sb: SimSandbox, attempt: number): string {
  return `k8s_${container}_${sb.name}_${sb.namespace}_${sb.uid}_${attempt}`;
}

export function crioContainerInfo(c: SimContainer, sb: SimSandbox | undefined): PlainJson {
  const running = c.state === 'CONTAINER_RUNNING';
  const sbPid = sb ? fakePid(sb.id) : 0;
  const annotations: { [k: string]: PlainJson } = {
    ...c.annotations,
    'io.container.manager': 'cri-o',
    'io.kubernetes.container.name': c.name,
    'io.kubernetes.cri-o.ContainerID': c.id,
    'io.kubernetes.cri-o.ContainerType': 'container',
    'io.kubernetes.cri-o.Created': rfc3339NanoLocal(c.createdAtNs),
    'io.kubernetes.cri-o.Image': c.imageSpec,
    'io.kubernetes.cri-o.ImageName': c.imageSpec,
    'io.kubernetes.cri-o.ImageRef': c.imageId.replace(/^sha256:/, ''),
    'io.kubernetes.cri-o.Labels': JSON.stringify(c.labels),
    'io.kubernetes.cri-o.LogPath': c.logPath,
    'io.kubernetes.cri-o.Metadata': JSON.stringify({ name: c.name, attempt: c.attempt }),
    'io.kubernetes.cri-o.Name': sb ? kubeName(c.name, sb, c.attempt) : c.name,
    'io.kubernetes.cri-o.SandboxID': c.podSandboxId,
    'io.kubernetes.cri-o.SandboxName': sb ? kubeName('POD', sb, sb.attempt) : '',
    'io.kubernetes.cri-o.Stdin': 'false',
    'io.kubernetes.cri-o.StdinOnce': 'false',
    'io.kubernetes.cri-o.TTY': 'false',
    'io.kubernetes.pod.name': c.labels['io.kubernetes.pod.name'] ?? '',
    'io.kubernetes.pod.namespace': c.labels['io.kubernetes.pod.namespace'] ?? '',
    'io.kubernetes.pod.uid': c.labels['io.kubernetes.pod.uid'] ?? '',
  };
  return {
    sandboxID: c.podSandboxId,
    pid: running ? fakePid(c.id) : 0,
    runtimeSpec: {
      ociVersion: '1.0.2-dev',
      process: { user: { uid: 0, gid: 0 }, args: c.command, env: OCI_ENV, cwd: '/' },
      root: { path: `/var/lib/containers/storage/overlay/${c.id}/merged` },
      hostname: sb?.hostNetwork ? '' : (sb?.name ?? ''),
      annotations,
      linux: {
        namespaces: [
          { type: 'pid' },
          { type: 'ipc', path: `/proc/${sbPid}/ns/ipc` },
          { type: 'uts', path: `/proc/${sbPid}/ns/uts` },
          { type: 'mount' },
          { type: 'network', path: `/proc/${sbPid}/ns/net` },
        ],
      },
    },
    privileged: false,
  };
}

export function crioSandboxInfo(sb: SimSandbox): PlainJson {
  const ready = sb.state === 'SANDBOX_READY';
  return {
    image: PAUSE_IMAGE,
    pid: ready ? fakePid(sb.id) : 0,
    runtimeSpec: {
      ociVersion: '1.0.2-dev',
      process: { user: { uid: 65535, gid: 65535 }, args: ['/pause'], cwd: '/' },
      root: { path: `/var/lib/containers/storage/overlay/${sb.id}/merged`, readonly: true },
      hostname: sb.hostNetwork ? '' : sb.name,
      annotations: {
        ...sb.annotations,
        'io.container.manager': 'cri-o',
        'io.kubernetes.container.name': 'POD',
        'io.kubernetes.cri-o.ContainerID': sb.id,
        'io.kubernetes.cri-o.ContainerName': kubeName('POD', sb, sb.attempt),
        'io.kubernetes.cri-o.ContainerType': 'sandbox',
        'io.kubernetes.cri-o.Created': rfc3339NanoLocal(sb.createdAtNs),
        'io.kubernetes.cri-o.HostNetwork': String(sb.hostNetwork),
        'io.kubernetes.cri-o.Image': PAUSE_IMAGE,
        'io.kubernetes.cri-o.KubeName': sb.name,
        'io.kubernetes.cri-o.Labels': JSON.stringify(sb.labels),
        'io.kubernetes.cri-o.LogPath': `/var/log/pods/${sb.namespace}_${sb.name}_${sb.uid}/${sb.id}.log`,
        'io.kubernetes.cri-o.Metadata': JSON.stringify({
          name: sb.name,
          uid: sb.uid,
          namespace: sb.namespace,
          attempt: sb.attempt,
        }),
        'io.kubernetes.cri-o.Name': kubeName('POD', sb, sb.attempt),
        'io.kubernetes.cri-o.Namespace': sb.namespace,
        'io.kubernetes.cri-o.SandboxID': sb.id,
        'io.kubernetes.cri-o.SandboxName': kubeName('POD', sb, sb.attempt),
        'io.kubernetes.pod.name': sb.name,
        'io.kubernetes.pod.namespace': sb.namespace,
        'io.kubernetes.pod.uid': sb.uid,
      },
    },
  };
}
