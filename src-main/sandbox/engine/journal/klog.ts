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

/**
 * The package directory of a kubelet source file, for the JSON format's `caller`: zap's
 * ShortCallerEncoder prints `<dir>/<file>:<line>` (`config/file.go:187`), the text header only
 * the file. Directories per kubernetes `pkg/kubelet/…`.
 */
const CALLER_DIRS: Record<string, string> = {
  'file.go': 'config',
  'file_linux.go': 'config',
  'config.go': 'config',
  'mirror_client.go': 'pod',
  'status_manager.go': 'status',
  'pod_startup_latency_tracker.go': 'util',
  'log.go': 'logs',
};

export function shortCaller(caller: KlogCaller): string {
  return `${CALLER_DIRS[caller.file] ?? 'kubelet'}/${caller.file}:${caller.line}`;
}

/** `ns/name` → klog's ObjectRef as JSON marshals it (`namespace` omitted when empty). */
function objectRef(ref: string): { name: string; namespace?: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { name: ref } : { name: ref.slice(slash + 1), namespace: ref.slice(0, slash) };
}

/**
 * Keys whose values the kubelet logs as klog.KObj / KObjSlice: in JSON an object
 * `{"name","namespace"}` and an array of them (klog `k8s_references.go` ObjectRef, kobjSlice).
 */
const OBJECT_REF_KEYS = new Set(['pod', 'pods', 'node', 'mirrorPod', 'staticPod']);

function jsonValue(key: string, value: KlogValue): unknown {
  if (OBJECT_REF_KEYS.has(key)) {
    if (typeof value === 'string') return objectRef(value);
    if (Array.isArray(value)) return (value as readonly string[]).map(objectRef);
  }
  if (typeof value === 'object' && value !== null && 'raw' in value) {
    try {
      return JSON.parse(value.raw) as unknown;
    } catch {
      return value.raw;
    }
  }
  return value;
}

/**
 * One line of `--logging-format=json` (k8s.io/component-base/logs/json): `ts` (milliseconds
 * since the epoch, a float), `caller`, `msg`, then `v` for info lines (zapr's LogInfoLevel),
 * the pairs, and `err` last for error lines (zapr appends the NamedError field); no level key.
 */
export function klogJsonLine(
  level: KlogLevel,
  realtimeUs: bigint,
  caller: KlogCaller,
  message: string,
  pairs: KlogPairs = [],
  err?: string,
  v = 0,
): string {
  const ts = Number(realtimeUs) / 1000;
  let out = `{"ts":${ts},"caller":${JSON.stringify(shortCaller(caller))},"msg":${JSON.stringify(message)}`;
  if (level !== 'E') out += `,"v":${v}`;
  for (const [key, value] of pairs) out += `,${JSON.stringify(key)}:${JSON.stringify(jsonValue(key, value))}`;
  if (err !== undefined) out += `,"err":${JSON.stringify(err)}`;
  return `${out}}`;
}
