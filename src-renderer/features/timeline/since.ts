/**
 * The workspace's "since" moment (chosen on the node timeline) as each pane applies it. Pure;
 * tested in test/unit/renderer/timeline-since.test.ts.
 */
import type { LogFilter } from '../../../src-main/contract/domain/log-filter';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';

/** The log filter with the timeline's moment as its lower bound (the later of the two wins). */
export function withSince(filter: LogFilter, since: number | null): LogFilter {
  if (since === null) return filter;
  return { ...filter, sinceMs: filter.sinceMs === undefined ? since : Math.max(filter.sinceMs, since) };
}

/** `17:42:05`, local time (the moment's day is on the axis). */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * When the runtime last changed this pod at or after `since`: a sandbox (new UID or sandbox) or
 * a container (a restart) created then, by the runtime's createdAt. Null when none did, or
 * when the runtime gave no times: nothing is claimed without them.
 */
export function podChangedSince(pod: JoinedPod, since: number): number | null {
  let latest: number | null = null;
  for (const item of [...pod.sandboxes, ...pod.containers]) {
    const at = item.createdAtMs;
    if (at !== null && at >= since && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

/** A file modified at or after `since`, by its mtime from the listing. */
export function modifiedSince(mtimeMs: number, since: number | null): boolean {
  return since !== null && Number.isFinite(mtimeMs) && mtimeMs >= since;
}

/** Where a moment sits on the axis, 0…1 (clamped). */
export function axisFraction(atMs: number, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 1;
  return Math.min(1, Math.max(0, (atMs - fromMs) / (toMs - fromMs)));
}

/** The marker a key moves to from `index` among `count` markers (arrows, Home, End); null: not a move key. */
export function markerMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
