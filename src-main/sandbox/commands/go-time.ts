/**
 * Go time formatting the simulated tools need: RFC3339Nano of an int64 nanosecond timestamp in
 * the local zone (crictl inspect, docs/kubelet.md §3.4), and Go's zero time.
 */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** The local zone suffix Go prints: `Z` for UTC, else `+hh:mm`. */
export function zoneSuffix(d: Date, colon = true): string {
  const off = -d.getTimezoneOffset();
  if (off === 0 && colon) return 'Z';
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${sign}${pad(Math.trunc(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** `time.Unix(0, ns).Format(time.RFC3339Nano)`: fraction without trailing zeros, local zone. */
export function rfc3339NanoLocal(ns: string | bigint): string {
  const n = BigInt(ns);
  const secs = n / 1_000_000_000n;
  let frac = n % 1_000_000_000n;
  let s = secs;
  if (frac < 0n) {
    frac += 1_000_000_000n;
    s -= 1n;
  }
  const d = new Date(Number(s) * 1000);
  const fracText = frac === 0n ? '' : '.' + frac.toString().padStart(9, '0').replace(/0+$/, '');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${fracText}${zoneSuffix(d)}`;
}
