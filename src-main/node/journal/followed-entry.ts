/**
 * The three fields the log follower needs from one `journalctl -o json` line (docs/kubelet.md
 * §5.2): cursor, realtime and MESSAGE. JSON.parse first (fast, and every complete line parses);
 * the tolerant parser only for a line it rejects. MESSAGE may be a byte array (not UTF-8);
 * it is never null here because the follower passes `--all`.
 */
import { jsonTooDeep, MAX_JSON_DEPTH } from '../api/tool-output/json-salvage';
import { journalFieldText, parseJournalJsonLine } from './journal-json';

export interface FollowedEntry {
  cursor: string | null;
  /** ms since the epoch (µs / 1000); 0 when absent. */
  timeMs: number;
  message: string;
  /**
   * Who wrote it (`SYSLOG_IDENTIFIER` and `_PID`): `-u kubelet` also returns systemd's own lines
   * about the unit (docs/kubelet.md §5.1), which must never be joined to a kubelet record.
   */
  source: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function messageText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((b) => typeof b === 'number'))
    return utf8.decode(Uint8Array.from(v as number[]));
  if (Array.isArray(v) && v.length > 0) return messageText(v[0]);
  return null;
}

/**
 * An entry whose JSON nests deeper than any journal entry does (journald's values are strings
 * or byte arrays) is shown as a marked row, keeping its cursor and time so that following goes
 * on after it, instead of being walked (messageText recurses) or dropped unseen.
 */
function tooDeepEntry(line: string): FollowedEntry {
  const cursor = /"__CURSOR"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? null;
  const realtime = Number(/"__REALTIME_TIMESTAMP"\s*:\s*"(\d+)"/.exec(line)?.[1] ?? NaN);
  return {
    cursor,
    timeMs: Number.isFinite(realtime) ? Math.floor(realtime / 1000) : 0,
    message: `[Kubelet Studio: this journal entry nests JSON deeper than ${MAX_JSON_DEPTH} levels, which journald never writes; not shown]`,
    source: '|',
  };
}

export function parseFollowedEntry(line: string): FollowedEntry | null {
  if (line.charCodeAt(0) !== 0x7b) return null;
  if (jsonTooDeep(line)) return tooDeepEntry(line);
  let object: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      object = parsed as Record<string, unknown>;
  } catch {
    const record = parseJournalJsonLine(line);
    if (!record) return null;
    return {
      cursor: record.cursor,
      timeMs: record.realtimeUs === null ? 0 : Math.floor(record.realtimeUs / 1000),
      message: record.message ?? journalFieldText(record.fields.MESSAGE) ?? '',
      source: `${record.identifier ?? ''}|${record.pid ?? ''}`,
    };
  }
  if (!object) return null;
  const cursor = typeof object.__CURSOR === 'string' ? object.__CURSOR : null;
  const realtime =
    typeof object.__REALTIME_TIMESTAMP === 'string' ? Number(object.__REALTIME_TIMESTAMP) : NaN;
  return {
    cursor,
    timeMs: Number.isFinite(realtime) ? Math.floor(realtime / 1000) : 0,
    message: messageText(object.MESSAGE) ?? '',
    source: `${typeof object.SYSLOG_IDENTIFIER === 'string' ? object.SYSLOG_IDENTIFIER : ''}|${typeof object._PID === 'string' ? object._PID : ''}`,
  };
}
