/**
 * Kubelet lines with `--logging-format=json` (rare; Talos, docs/kubelet.md §5.3):
 * `{"ts":1644505520281.427,"caller":"config/file.go:187","msg":"…","v":0,"err":"…",…}`.
 * `ts` is milliseconds since the epoch; `v` (verbosity) appears on info lines only, so a
 * line without `v` is an error line (ErrorS).
 */
import type { KlogKeyValue, KlogRecord, KlogValue, LogLinePrefix } from '../../contract/domain/logs';
import { isObject } from '../api/tool-output/json-narrow';

const RESERVED = new Set(['ts', 'caller', 'msg', 'v']);

/** A record from the JSON body starting at `at`, or null if it is not a JSON log object. */
export function parseKlogJson(line: string, at: number, prefix: LogLinePrefix | null): KlogRecord | null {
  let o: unknown;
  try {
    o = JSON.parse(line.slice(at));
  } catch {
    return null;
  }
  if (!isObject(o) || typeof o.msg !== 'string') return null;
  const keyValues: KlogKeyValue[] = [];
  for (const [key, v] of Object.entries(o)) {
    if (!RESERVED.has(key)) keyValues.push({ key, ...toValue(v) });
  }
  const caller = typeof o.caller === 'string' ? o.caller : '';
  const colon = caller.lastIndexOf(':');
  const ts = typeof o.ts === 'number' ? o.ts : NaN;
  const date = Number.isFinite(ts) ? new Date(ts) : null;
  const micros = date
    ? Math.round((ts - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())) * 1000)
    : -1;
  const str = (k: string): string | null => {
    const v = o[k];
    return typeof v === 'string' ? v : null;
  };
  const pods = o.pods;
  return {
    severity: 'v' in o ? 'I' : 'E',
    format: 'json',
    month: date ? date.getUTCMonth() + 1 : 0,
    day: date ? date.getUTCDate() : 0,
    time: date ? formatTime(micros) : '',
    micros,
    pid: prefix?.pid ?? -1,
    file: colon > 0 ? caller.slice(0, colon) : caller,
    line: colon > 0 ? Number(caller.slice(colon + 1)) || 0 : 0,
    message: o.msg,
    keyValues,
    err: str('err'),
    pod: str('pod'),
    podUID: str('podUID'),
    pods: Array.isArray(pods) && pods.every((p) => typeof p === 'string') ? (pods as string[]) : null,
    truncated: false,
    prefix,
    raw: line,
  };
}

function toValue(v: unknown): KlogValue {
  if (typeof v === 'string') return { type: 'string', value: v, quoted: true };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return { type: 'list', value: v as string[] };
  return { type: 'json', value: JSON.stringify(v) };
}

/** Microseconds since midnight → `hh:mm:ss.uuuuuu`, as in the klog header. */
function formatTime(micros: number): string {
  const p = (n: number, w: number): string => String(n).padStart(w, '0');
  const s = Math.floor(micros / 1_000_000);
  return `${p(Math.floor(s / 3600), 2)}:${p(Math.floor(s / 60) % 60, 2)}:${p(s % 60, 2)}.${p(micros % 1_000_000, 6)}`;
}
