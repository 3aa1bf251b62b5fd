/**
 * klog text lines, as the kubelet writes them to stderr and journald stores them in MESSAGE
 * (docs/kubelet.md §5.3): `Lmmdd hh:mm:ss.uuuuuu PPPPPPP file.go:NNN] "Message" key="value"`.
 */

export type KlogLevel = 'I' | 'W' | 'E' | 'F';

/** A structured value: strings are Go-quoted, numbers/bools bare, lists as `["a","b"]`. */
export type KlogValue = string | number | boolean | readonly string[] | { raw: string };

export type KlogPairs = ReadonlyArray<readonly [string, KlogValue]>;

/** Where a message comes from in the real kubelet source (basename and line, §5.3). */
export interface KlogCaller {
  file: string;
  line: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The header. Times are rendered in UTC (kubeadm nodes run in UTC, §1.5); the pid is
 * right-aligned in 7 columns after one separator space (`%7d`, §5.3).
 */
export function klogHeader(
  level: KlogLevel,
  epochMs: number,
  micros: number,
  pid: number,
  caller: KlogCaller,
): string {
  const d = new Date(epochMs);
  const mmdd = pad(d.getUTCMonth() + 1) + pad(d.getUTCDate());
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`;
  return `${level}${mmdd} ${time} ${String(pid).padStart(7, ' ')} ${caller.file}:${caller.line}] `;
}

/** Go's strconv.Quote for the strings the kubelet logs (ASCII-printable plus \n, \t, \", \\). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function formatValue(value: KlogValue): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('raw' in value) return value.raw;
  // KObjSlice renders as a JSON-ish list of quoted names (newer klog, §1.6).
  return '[' + (value as readonly string[]).map(goQuote).join(',') + ']';
}

/** The structured body: quoted message, then `err=` first (ErrorS), then the other pairs. */
export function klogBody(message: string, pairs: KlogPairs = [], err?: string): string {
  let out = goQuote(message);
  if (err !== undefined) out += ' err=' + goQuote(err);
  for (const [key, value] of pairs) out += ` ${key}=${formatValue(value)}`;
  return out;
}

export function klogLine(
  level: KlogLevel,
  epochMs: number,
  micros: number,
  pid: number,
  caller: KlogCaller,
  body: string,
): string {
  return klogHeader(level, epochMs, micros, pid, caller) + body;
}
