/**
 * One joined pod reduced to the cells both the Pods pane and `kubelet-studio status` show, the
 * runtime's and the API server's view side by side (issue 6 point 1): state, ready, restarts,
 * age, IPs, images, container ids. Pure and in the contract, so the CLI and the renderer (which
 * may import only the contract) agree.
 */
import type { JoinedPod } from './node-pods';
import type { PodKind } from './pods';

export interface PodRowSummary {
  /** What created the pod: static (file), or the API pod's kind (DaemonSet, Deployment, plain…). */
  kind: 'static' | PodKind | 'unknown';
  runtime: {
    state: string;
    ready: string;
    restarts: number;
    createdAtMs: number | null;
    containerIds: string[];
    images: string[];
    ip: string | null;
  };
  api: {
    state: string;
    ready: string;
    restarts: number;
    createdAtMs: number | null;
    containerIds: string[];
    images: string[];
    ip: string | null;
  } | null;
}

const short = (id: string) => id.slice(0, 13);

export function summarizePod(pod: JoinedPod): PodRowSummary {
  const sandbox = pod.sandboxes[0];
  const current = pod.containers.filter((c) => !sandbox || c.podSandboxId === sandbox.id);
  const newestByName = new Map<string, (typeof current)[number]>();
  for (const c of current) if (!newestByName.has(c.name)) newestByName.set(c.name, c);
  const latest = [...newestByName.values()];
  const running = latest.filter((c) => c.state === 'running').length;
  const runtimeState = !sandbox
    ? pod.manifestPaths.length > 0
      ? 'no sandbox'
      : 'absent'
    : sandbox.state === 'ready'
      ? running === latest.length && latest.length > 0
        ? 'Running'
        : latest.some((c) => c.state === 'exited')
          ? 'Exited'
          : 'Created'
      : 'NotReady';
  const api = pod.apiPod;
  const statuses = api?.containerStatuses.filter((s) => !s.init) ?? [];
  const waiting = statuses.find((s) => s.state.state === 'waiting');
  const apiState = !api
    ? null
    : api.deletionTimestamp
      ? 'Terminating'
      : waiting && waiting.state.state === 'waiting'
        ? (waiting.state.reason ?? 'Waiting')
        : (api.phase ?? 'Unknown');
  return {
    kind: pod.origin === 'static' ? 'static' : (api?.kind ?? 'unknown'),
    runtime: {
      state: runtimeState,
      ready: `${running}/${latest.length}`,
      restarts: latest.reduce((sum, c) => sum + c.attempt, 0),
      createdAtMs: sandbox?.createdAtMs ?? null,
      containerIds: latest.map((c) => short(c.id)),
      images: latest.map((c) => c.imageRef || c.image),
      ip: null,
    },
    api: api
      ? {
          state: apiState ?? 'Unknown',
          // As kubectl prints READY: over the spec's containers, whether or not they have a status yet.
          ready: `${statuses.filter((s) => s.ready).length}/${Math.max(api.specContainerCount, statuses.length)}`,
          restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
          createdAtMs: api.creationTimestamp ? Date.parse(api.creationTimestamp) : null,
          containerIds: statuses.map((s) => (s.containerId ? short(s.containerId) : '-')),
          images: statuses.map((s) => s.image),
          ip: api.podIP,
        }
      : null,
  };
}

/** kubectl's age format (apimachinery HumanDuration, docs/kubelet.md §4.2), for both columns. */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}
