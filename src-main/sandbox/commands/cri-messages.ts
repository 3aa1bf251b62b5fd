/**
 * The simulated runtime's objects as CRI messages, in cri-api proto field order
 * (docs/kubelet.md §3.3 list items, §3.4 status + containerd-like verbose info).
 * Which optional fields exist depends on the emulated crictl's vendored cri-api.
 */
import type { SimContainer, SimSandbox } from '../model';
import type { CrictlFeatures } from './crictl-version';
import type { RuntimeName } from '../daemon/sim-env';
import { msg, protoMap, UNSET, type PlainJson, type ProtoMessage, type ProtoValue } from './protojson';

type Field = [string, ProtoValue];
import { GO_ZERO_TIME, rfc3339NanoLocal } from './go-time';

function imageSpec(image: string, f: CrictlFeatures): ProtoMessage {
  const fields: Field[] = [
    ['image', image],
    ['annotations', protoMap({})],
  ];
  if (f.imageSpecUserFields) fields.push(['userSpecifiedImage', ''], ['runtimeHandler', '']);
  if (f.imageIdFields) fields.push(['imageRef', '']);
  return msg(fields);
}

/** `PodSandbox` as ListPodSandbox returns it. */
export function sandboxListItem(sb: SimSandbox): ProtoMessage {
  return msg([
    ['id', sb.id],
    [
      'metadata',
      msg([
        ['name', sb.name],
        ['uid', sb.uid],
        ['namespace', sb.namespace],
        ['attempt', sb.attempt],
      ]),
    ],
    ['state', sb.state],
    ['createdAt', sb.createdAtNs],
    ['labels', protoMap(sb.labels)],
    ['annotations', protoMap(sb.annotations)],
    ['runtimeHandler', sb.runtimeHandler],
  ]);
}

/**
 * What a runtime reports as a container's image, by runtime: containerd puts the `sha256:`
 * image ID in the list's image.image, CRI-O the image the pod asked for (cri-o
 * `internal/oci/container.go` NewContainer: `Image: userRequestedImage`).
 */
export function listedImage(c: SimContainer, runtime: RuntimeName): string {
  return runtime === 'cri-o' ? c.imageSpec : c.imageId;
}

/** The image ID: containerd `sha256:<hex>`, CRI-O the bare hex (IDStringForOutOfProcessConsumptionOnly). */
export function imageIdOf(c: SimContainer, runtime: RuntimeName): string {
  return runtime === 'cri-o' ? c.imageId.replace(/^sha256:/, '') : c.imageId;
}

/** `Container` as ListContainers returns it. */
export function containerListItem(
  c: SimContainer,
  f: CrictlFeatures,
  runtime: RuntimeName = 'containerd',
): ProtoMessage {
  const fields: Field[] = [
    ['id', c.id],
    ['podSandboxId', c.podSandboxId],
    [
      'metadata',
      msg([
        ['name', c.name],
        ['attempt', c.attempt],
      ]),
    ],
    ['image', imageSpec(listedImage(c, runtime), f)],
    ['imageRef', c.imageRef],
    ['state', c.state],
    ['createdAt', c.createdAtNs],
    ['labels', protoMap(c.labels)],
    ['annotations', protoMap(c.annotations)],
  ];
  if (f.imageIdFields) fields.push(['imageId', imageIdOf(c, runtime)]);
  return msg(fields);
}

/**
 * `ContainerStatus` after crictl's marshalContainerStatus: times as RFC3339Nano (local zone);
 * startedAt is Go's zero time while CREATED, finishedAt unless EXITED (cri-tools container.go).
 */
export function containerStatus(
  c: SimContainer,
  f: CrictlFeatures,
  runtime: RuntimeName = 'containerd',
): ProtoMessage {
  const started = c.state === 'CONTAINER_CREATED' ? GO_ZERO_TIME : rfc3339NanoLocal(c.startedAtNs);
  const finishedKnown =
    c.state === 'CONTAINER_EXITED' || (c.state === 'CONTAINER_UNKNOWN' && BigInt(c.finishedAtNs) > 0n);
  const fields: Field[] = [
    ['id', c.id],
    [
      'metadata',
      msg([
        ['name', c.name],
        ['attempt', c.attempt],
      ]),
    ],
    ['state', c.state],
    ['createdAt', rfc3339NanoLocal(c.createdAtNs)],
    ['startedAt', started],
    ['finishedAt', finishedKnown ? rfc3339NanoLocal(c.finishedAtNs) : GO_ZERO_TIME],
    ['exitCode', c.exitCode],
    ['image', imageSpec(c.imageSpec, f)],
    ['imageRef', c.imageRef],
    ['reason', c.reason],
    ['message', c.message],
    ['labels', protoMap(c.labels)],
    ['annotations', protoMap(c.annotations)],
    ['mounts', []],
    ['logPath', c.logPath],
    ['resources', UNSET],
  ];
  if (f.imageIdFields) fields.push(['imageId', imageIdOf(c, runtime)], ['user', UNSET]);
  if (f.stopSignalField) fields.push(['stopSignal', 'RUNTIME_DEFAULT']);
  return msg(fields);
}

/** `PodSandboxStatus` after marshalPodSandboxStatus (createdAt readable). */
export function sandboxStatus(sb: SimSandbox): ProtoMessage {
  return msg([
    ['id', sb.id],
    [
      'metadata',
      msg([
        ['name', sb.name],
        ['uid', sb.uid],
        ['namespace', sb.namespace],
        ['attempt', sb.attempt],
      ]),
    ],
    ['state', sb.state],
    ['createdAt', rfc3339NanoLocal(sb.createdAtNs)],
    // containerd reports no IP for a host-network sandbox; kubectl shows podIP = hostIP (§3.4).
    [
      'network',
      msg([
        ['ip', sb.hostNetwork ? '' : sb.ip],
        ['additionalIps', []],
      ]),
    ],
    [
      'linux',
      msg([
        [
          'namespaces',
          msg([
            [
              'options',
              msg([
                ['network', sb.hostNetwork ? 'NODE' : 'POD'],
                ['pid', 'CONTAINER'],
                ['ipc', 'POD'],
                ['targetId', ''],
                ['userNsParams', UNSET],
              ]),
            ],
          ]),
        ],
      ]),
    ],
    ['labels', protoMap(sb.labels)],
    ['annotations', protoMap(sb.annotations)],
    ['runtimeHandler', sb.runtimeHandler],
  ]);
}

/** A stable fake PID per object, so repeated inspects agree. */
export function fakePid(id: string): number {
  return 1000 + (parseInt(id.slice(0, 6) || '0', 16) % 60000);
}

const OCI_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** containerd's verbose `info` for a container, trimmed to what tools read (pid, runtimeSpec). */
export function containerInfo(c: SimContainer, sb: SimSandbox | undefined): PlainJson {
  const running = c.state === 'CONTAINER_RUNNING';
  const sbPid = sb ? fakePid(sb.id) : 0;
  return {
    sandboxID: c.podSandboxId,
    pid: running ? fakePid(c.id) : 0,
    removing: false,
    snapshotKey: c.id,
    snapshotter: 'overlayfs',
    runtimeType: 'io.containerd.runc.v2',
    runtimeOptions: { systemd_cgroup: true },
    config: {
      metadata: { name: c.name, attempt: c.attempt },
      image: { image: c.imageId },
      command: c.command,
      labels: { ...c.labels },
      annotations: { ...c.annotations },
      log_path: `${c.name}/${c.attempt}.log`,
    },
    runtimeSpec: {
      ociVersion: '1.2.0',
      process: { user: { uid: 0, gid: 0 }, args: c.command, env: OCI_ENV, cwd: '/' },
      root: { path: 'rootfs' },
      annotations: {
        'io.kubernetes.cri.container-name': c.name,
        'io.kubernetes.cri.container-type': 'container',
        'io.kubernetes.cri.image-name': c.imageSpec,
        'io.kubernetes.cri.sandbox-id': c.podSandboxId,
        'io.kubernetes.cri.sandbox-name': c.labels['io.kubernetes.pod.name'] ?? '',
        'io.kubernetes.cri.sandbox-namespace': c.labels['io.kubernetes.pod.namespace'] ?? '',
        'io.kubernetes.cri.sandbox-uid': c.labels['io.kubernetes.pod.uid'] ?? '',
      },
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
  };
}

/** containerd's verbose `info` for a sandbox. */
export function sandboxInfo(sb: SimSandbox): PlainJson {
  const ready = sb.state === 'SANDBOX_READY';
  return {
    pid: ready ? fakePid(sb.id) : 0,
    processStatus: ready ? 'running' : 'deleted',
    netNamespaceClosed: !ready,
    image: 'registry.k8s.io/pause:3.10',
    snapshotKey: sb.id,
    snapshotter: 'overlayfs',
    runtimeHandler: sb.runtimeHandler,
    runtimeType: 'io.containerd.runc.v2',
    runtimeOptions: { systemd_cgroup: true },
    config: {
      metadata: { name: sb.name, uid: sb.uid, namespace: sb.namespace, attempt: sb.attempt },
      hostname: sb.hostNetwork ? '' : sb.name,
      log_directory: `/var/log/pods/${sb.namespace}_${sb.name}_${sb.uid}`,
      labels: { ...sb.labels },
      annotations: { ...sb.annotations },
    },
    runtimeSpec: {
      ociVersion: '1.2.0',
      process: { user: { uid: 65535, gid: 65535 }, args: ['/pause'], cwd: '/' },
      root: { path: 'rootfs', readonly: true },
      annotations: {
        'io.kubernetes.cri.container-type': 'sandbox',
        'io.kubernetes.cri.sandbox-id': sb.id,
        'io.kubernetes.cri.sandbox-name': sb.name,
        'io.kubernetes.cri.sandbox-namespace': sb.namespace,
        'io.kubernetes.cri.sandbox-uid': sb.uid,
      },
    },
    cniResult: null,
  };
}
