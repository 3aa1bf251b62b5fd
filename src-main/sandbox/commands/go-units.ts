/**
 * docker/go-units HumanDuration, which crictl uses for its CREATED column followed by " ago"
 * (docs/kubelet.md §3.2). Integer truncation and the "+0.5 hours" rounding follow the Go source.
 */
export function goUnitsHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** crictl's CREATED cell: `units.HumanDuration(time.Now().UTC().Sub(createdAt)) + " ago"`. */
export function crictlAgo(nowMs: number, createdAtNs: string): string {
  return `${goUnitsHumanDuration(nowMs - nsToMs(createdAtNs))} ago`;
}

export function nsToMs(ns: string): number {
  return Number(BigInt(ns || '0') / 1_000_000n);
}
