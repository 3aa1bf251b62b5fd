/**
 * How often the simulated kubelet repeats a line about a mirror it keeps failing to replace.
 * A real kubelet says "Trying to delete pod" … "Failed creating a mirror pod for" on every sync
 * of the static pod (docs/kubelet.md §2.2), and a running pod with nothing happening is synced
 * about once a minute (the pod worker's resync, syncFrequency 1m with jitter) [inf: from the
 * kubelet's defaults, not observed for this case]. The simulation checks its mirrors on every
 * housekeeping tick (500 ms), so it lets each repeated line through once per period per key.
 */
export const MIRROR_RETRY_LOG_MS = 60_000;

export class RepeatLimiter {
  private readonly last = new Map<string, number>();

  constructor(private readonly periodMs: number) {}

  /** True (and remembered) when `key` has not been let through within the period. */
  allow(key: string, nowMs: number): boolean {
    const last = this.last.get(key);
    if (last !== undefined && nowMs - last < this.periodMs) return false;
    this.last.set(key, nowMs);
    return true;
  }

  /** Lets the next line for `key` through at once (its object is gone or changed). */
  forget(key: string): void {
    this.last.delete(key);
  }
}
