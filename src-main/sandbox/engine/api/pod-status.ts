/**
 * The `status` the kubelet's status manager writes to a pod in the API (docs/kubelet.md §4.1):
 * phase, conditions, containerStatuses with `containerd://<id>` (`cri-o://` on CRI-O), restartCount, state and
 * lastState, hostIP/podIP.
 */
import type { SimContainer } from '../../model';
import { rfc3339Nano } from '../runtime/cri-store';
import type { ContainerSlot, PodWorker } from '../runtime/pod-worker';

const seconds = (ns: string) => rfc3339Nano(ns).replace(/\.\d+Z$/, 'Z');
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function terminated(c: SimContainer, scheme: string): Record<string, unknown> {
  return {
    terminated: {
      containerID: `${scheme}://${c.id}`,
      exitCode: c.exitCode,
      reason: c.reason || 'Error',
      ...(c.message ? { message: c.message } : {}),
      startedAt: c.startedAtNs === '0' ? '1970-01-01T00:00:00Z' : seconds(c.startedAtNs),
      finishedAt: seconds(c.finishedAtNs === '0' ? c.createdAtNs : c.finishedAtNs),
    },
  };
}

function containerStatus(slot: ContainerSlot, scheme: string): Record<string, unknown> {
  const c = slot.current;
  const running = c?.state === 'CONTAINER_RUNNING';
  let state: Record<string, unknown>;
  if (slot.waiting)
    state = {
      waiting: {
        reason: slot.waiting.reason,
        ...(slot.waiting.message ? { message: slot.waiting.message } : {}),
      },
    };
  else if (running && c) state = { running: { startedAt: seconds(c.startedAtNs) } };
  else if (c) state = terminated(c, scheme);
  else state = { waiting: { reason: 'ContainerCreating' } };
  const last =
    slot.lastTerminated && slot.lastTerminated !== c
      ? terminated(slot.lastTerminated, scheme)
      : slot.waiting && slot.lastTerminated
        ? terminated(slot.lastTerminated, scheme)
        : {};
  return {
    ...(c ? { containerID: `${scheme}://${c.id}` } : {}),
    image: slot.spec.image,
    imageID: c ? c.imageRef : '',
    lastState: last,
    name: slot.spec.name,
    ready: running && !slot.waiting,
    restartCount: slot.restartCount,
    started: running,
    state,
  };
}

/**
 * `scheme`: the runtime's name as the kubelet prefixes container IDs (`containerd`, `cri-o`),
 * kuberuntime's `ContainerID{Type: runtimeName}`.
 */
export function podStatus(worker: PodWorker, nodeIp: string, scheme = 'containerd'): Record<string, unknown> {
  const startMs = worker.seenAtMs;
  const statuses = worker.slots.map((slot) => containerStatus(slot, scheme));
  const ready = statuses.every((s) => s.ready === true);
  const notReady = worker.slots.filter((_, i) => statuses[i].ready !== true).map((s) => s.spec.name);
  const cond = (type: string, ok: boolean, extra: Record<string, unknown> = {}) => ({
    lastProbeTime: null,
    lastTransitionTime: isoSeconds(startMs),
    status: ok ? 'True' : 'False',
    type,
    ...(ok ? {} : extra),
  });
  const notReadyExtra = {
    message: `containers with unready status: [${notReady.join(' ')}]`,
    reason: 'ContainersNotReady',
  };
  const everyExitedForGood = worker.phase === 'terminated';
  const podIp = worker.sandbox?.ip ?? '';
  return {
    conditions: [
      cond('PodReadyToStartContainers', worker.sandbox?.state === 'SANDBOX_READY'),
      cond('Initialized', true),
      cond('Ready', ready, notReadyExtra),
      cond('ContainersReady', ready, notReadyExtra),
      cond('PodScheduled', true),
    ],
    containerStatuses: statuses,
    hostIP: nodeIp,
    hostIPs: [{ ip: nodeIp }],
    phase: everyExitedForGood ? 'Succeeded' : worker.slots.some((s) => s.current) ? 'Running' : 'Pending',
    ...(podIp ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
    qosClass: 'Burstable',
    startTime: isoSeconds(startMs),
  };
}

/** What a freshly created mirror shows until the status manager writes (`0/1 Pending`, §1.7). */
export function pendingStatus(): Record<string, unknown> {
  return { phase: 'Pending', qosClass: 'Burstable' };
}
