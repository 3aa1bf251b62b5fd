/**
 * The READY / STATUS / RESTARTS cells of `kubectl get pods`, computed as kubectl's printPod
 * does (pkg/printers/internalversion/printers.go, docs/kubelet.md §4.2): waiting/terminated
 * reasons win (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, Error, Completed), init
 * containers show `Init:x/y`, a deletionTimestamp shows Terminating, and RESTARTS gets
 * `N (Xm ago)` from the newest lastState.terminated.finishedAt.
 */
import type { ApiPod } from '../model';
import { kubectlAge } from './human-duration';

interface StateDetail {
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  finishedAt?: string;
}

interface ContainerStatusView {
  name: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  state: { waiting?: StateDetail; running?: object; terminated?: StateDetail };
  lastState: { terminated?: StateDetail };
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function statusView(raw: unknown): ContainerStatusView {
  const o = obj(raw);
  const state = obj(o.state);
  const last = obj(o.lastState);
  return {
    name: String(o.name ?? ''),
    ready: o.ready === true,
    restartCount: Number(o.restartCount ?? 0),
    started: typeof o.started === 'boolean' ? o.started : undefined,
    state: {
      waiting: state.waiting ? (obj(state.waiting) as StateDetail) : undefined,
      running: state.running ? obj(state.running) : undefined,
      terminated: state.terminated ? (obj(state.terminated) as StateDetail) : undefined,
    },
    lastState: { terminated: last.terminated ? (obj(last.terminated) as StateDetail) : undefined },
  };
}

export interface PodRow {
  ready: string;
  status: string;
  restarts: string;
}

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  !a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a;

export function podRow(pod: ApiPod, nowMs: number): PodRow {
  const status = obj(pod.status);
  const spec = pod.spec;
  const initSpecs = arr(spec.initContainers).map(obj);
  const isRestartableInit = (name: string) =>
    initSpecs.some((c) => c.name === name && c.restartPolicy === 'Always');
  let total = arr(spec.containers).length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  const phase = String(status.phase ?? '');
  let reason = status.reason ? String(status.reason) : phase;
  const conditions = arr(status.conditions).map(obj);
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses).map(statusView);
  let sidecarRestarts = 0;
  let sidecarLast: string | undefined;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount;
    lastRestart = laterOf(lastRestart, c.lastState.terminated?.finishedAt);
    if (isRestartableInit(c.name)) {
      sidecarRestarts += c.restartCount;
      sidecarLast = laterOf(sidecarLast, c.lastState.terminated?.finishedAt);
    }
    const t = c.state.terminated;
    const w = c.state.waiting;
    if (t && t.exitCode === 0) continue;
    if (isRestartableInit(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t)
      reason = t.reason
        ? `Init:${t.reason}`
        : t.signal
          ? `Init:Signal:${t.signal}`
          : `Init:ExitCode:${t.exitCode ?? 0}`;
    else if (w && w.reason && w.reason !== 'PodInitializing') reason = `Init:${w.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initializedTrue = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLast;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses).map(statusView);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount;
      lastRestart = laterOf(lastRestart, c.lastState.terminated?.finishedAt);
      const { waiting: w, terminated: t } = c.state;
      if (w && w.reason) reason = w.reason;
      else if (t && t.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  total = Math.max(total, 0);
  const restartsText =
    restarts !== 0 && lastRestart ? `${restarts} (${kubectlAge(nowMs, lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

/** The first pod IP, `<none>` when unset (printPod wide columns). */
export function podIp(pod: ApiPod): string {
  const ips = arr(obj(pod.status).podIPs).map(obj);
  const ip = ips.length ? String(ips[0].ip ?? '') : String(obj(pod.status).podIP ?? '');
  return ip || '<none>';
}

export function readinessGates(pod: ApiPod): string {
  const gates = arr(pod.spec.readinessGates).map(obj);
  if (gates.length === 0) return '<none>';
  const conds = arr(obj(pod.status).conditions).map(obj);
  const ok = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return `${ok}/${gates.length}`;
}
