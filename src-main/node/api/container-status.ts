/**
 * `status.containerStatuses[]` of a pod (docs/kubelet.md §4.1). The `containerID`
 * `<runtime>://<64 hex>` is the direct link from the mirror pod to `crictl ps`, so it is
 * split into runtime and CRI id here.
 */
import type { ContainerStateView, ContainerStatusView } from '../../contract/domain/pods';
import { bool, boolOrNull, isObject, num, numOrNull, obj, str, strOrNull } from './tool-output/json-narrow';

export function toContainerStatus(raw: unknown, init: boolean): ContainerStatusView {
  const s = obj(raw);
  const id = splitContainerId(s.containerID);
  return {
    name: str(s.name),
    init,
    ready: bool(s.ready),
    started: boolOrNull(s.started),
    restartCount: num(s.restartCount),
    image: str(s.image),
    imageId: str(s.imageID),
    state: toState(s.state),
    lastState: toState(s.lastState),
    runtime: id.runtime,
    containerId: id.containerId,
  };
}

/** `containerd://57d5…` → { runtime: 'containerd', containerId: '57d5…' } (§4.1). */
export function splitContainerId(raw: unknown): { runtime: string | null; containerId: string | null } {
  const v = strOrNull(raw);
  if (v === null) return { runtime: null, containerId: null };
  const sep = v.indexOf('://');
  if (sep < 0) return { runtime: null, containerId: v };
  return { runtime: v.slice(0, sep), containerId: v.slice(sep + 3) || null };
}

/** One of running / waiting / terminated; `{}` (no state yet) → unknown. */
export function toState(raw: unknown): ContainerStateView {
  const s = obj(raw);
  if (isObject(s.running)) {
    return { state: 'running', startedAt: strOrNull(s.running.startedAt) };
  }
  if (isObject(s.terminated)) {
    const t = s.terminated;
    const id = splitContainerId(t.containerID);
    return {
      state: 'terminated',
      reason: strOrNull(t.reason),
      message: strOrNull(t.message),
      exitCode: numOrNull(t.exitCode),
      signal: numOrNull(t.signal),
      // The API shows the Unix epoch for a container that never started (real sample).
      startedAt: epochToNull(strOrNull(t.startedAt)),
      finishedAt: epochToNull(strOrNull(t.finishedAt)),
      runtime: id.runtime,
      containerId: id.containerId,
    };
  }
  if (isObject(s.waiting)) {
    return { state: 'waiting', reason: strOrNull(s.waiting.reason), message: strOrNull(s.waiting.message) };
  }
  return { state: 'unknown' };
}

function epochToNull(t: string | null): string | null {
  return t === '1970-01-01T00:00:00Z' ? null : t;
}
