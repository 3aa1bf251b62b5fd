/**
 * CrashLoopBackOff timing (docs/kubelet.md §9.4): the first crash restarts at once and arms a
 * 10 s back-off; each further crash doubles it, capped at 5 min. So a container whose attempt N
 * (N ≥ 1) just crashed waits 10 s · 2^(N−1): attempt 4 → `back-off 1m20s` (the real v1.29 status).
 * Image pulls back off on the same 10 s → 5 min schedule.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** Delay before the next start after container attempt `attempt` exited. */
export function crashBackoffMs(attempt: number): number {
  if (attempt <= 0) return 0;
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
}

/** Delay before pull try `failures + 1` after `failures` failed pulls (≥ 1). */
export function imageBackoffMs(failures: number): number {
  return Math.min(BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

/** Go's time.Duration String() for whole-second durations: `10s`, `1m20s`, `5m0s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** `back-off 1m20s restarting failed container=<c> pod=<pod>_<ns>(<uid>)` (§4.1, §9.4). */
export function crashLoopMessage(
  delayMs: number,
  container: string,
  pod: string,
  namespace: string,
  uid: string,
): string {
  return `back-off ${goDuration(delayMs)} restarting failed container=${container} pod=${pod}_${namespace}(${uid})`;
}
