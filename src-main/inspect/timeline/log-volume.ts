/**
 * The kubelet log's volume by severity per interval of the timeline's axis. Severity is the
 * klog header letter (docs/kubelet.md §5.3: journald gives every kubelet line PRIORITY=6, §5.1);
 * the time is the line's journal time (`__REALTIME_TIMESTAMP`, §5.2), which has the year klog's
 * header lacks. Lines with no time (0) are not placed: nothing is guessed.
 */
import type { LogVolumeBucket } from '../../contract/domain/node-timeline';

export type VolumeSeverity = 'I' | 'W' | 'E' | 'F' | 'unknown';

/** At most this many buckets on an axis, whatever the span (the renderer draws one bar each). */
export const MAX_LOG_BUCKETS = 120;

/**
 * A source of rows read newest first: `visit` is called with each row's journal time and
 * severity, and returns false to stop. Journal order is time order (§5.2), so the reader stops
 * at the first row older than the axis.
 */
export type RowsNewestFirst = (visit: (timeMs: number, severity: VolumeSeverity) => boolean) => void;

export function bucketMsFor(spanMs: number, buckets: number): number {
  return Math.max(1000, Math.ceil(spanMs / Math.max(1, Math.min(buckets, MAX_LOG_BUCKETS)) / 1000) * 1000);
}

/** Buckets of `bucketMs` from `fromMs` up to `toMs` (the last one holds `toMs`). */
export function logVolume(
  rows: RowsNewestFirst,
  fromMs: number,
  toMs: number,
  bucketMs: number,
): LogVolumeBucket[] {
  const count = Math.min(MAX_LOG_BUCKETS, Math.max(1, Math.ceil((toMs - fromMs + 1) / bucketMs)));
  const buckets: LogVolumeBucket[] = Array.from({ length: count }, (_, i) => ({
    startMs: fromMs + i * bucketMs,
    E: 0,
    W: 0,
    I: 0,
    other: 0,
  }));
  rows((timeMs, severity) => {
    if (timeMs <= 0) return true;
    if (timeMs < fromMs) return false;
    const index = Math.floor((timeMs - fromMs) / bucketMs);
    const bucket = buckets[index];
    if (!bucket) return true; // later than the axis (a node clock ahead of the app's)
    if (severity === 'E') bucket.E++;
    else if (severity === 'W') bucket.W++;
    else if (severity === 'I') bucket.I++;
    else bucket.other++;
    return true;
  });
  return buckets;
}
