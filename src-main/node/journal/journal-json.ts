/**
 * One line of `journalctl -o json` (docs/kubelet.md §5.2): a compact JSON object whose
 * values are all strings — numbers too (`"_PID":"20023"`) — except: an array of byte
 * values for a value that is not printable UTF-8, an array of values for a field present
 * several times, and null for a value over 4096 bytes when `--all` was not given.
 * Key order is not fixed (systemd ≥254 puts `__CURSOR` mid-line), so fields are looked up
 * by name. Lines cut by a pager keep their complete fields (`truncated`).
 */
import type { JournalFieldValue, JournalRecord } from '../../contract/domain/logs';
import { isObject } from '../api/tool-output/json-narrow';
import { parseJsonTolerant } from '../api/tool-output/json-salvage';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The record, or null when the line is not a JSON object (e.g. `-- No entries --`). */
export function parseJournalJsonLine(line: string): JournalRecord | null {
  const trimmed = line.trim();
  if (trimmed.charCodeAt(0) !== 0x7b) return null;
  const parsed = parseJsonTolerant(trimmed);
  if (!parsed.ok || !isObject(parsed.value)) return null;
  const fields: Record<string, JournalFieldValue> = {};
  for (const [k, v] of Object.entries(parsed.value)) {
    const f = toField(v);
    if (f !== undefined) fields[k] = f;
  }
  const message = fields.MESSAGE;
  return {
    cursor: text(fields.__CURSOR),
    realtimeUs: int(fields.__REALTIME_TIMESTAMP),
    monotonicUs: int(fields.__MONOTONIC_TIMESTAMP),
    message: message === undefined ? null : text(message),
    messageElided: message === null,
    pid: int(fields._PID),
    unit: text(fields._SYSTEMD_UNIT),
    identifier: text(fields.SYSLOG_IDENTIFIER),
    hostname: text(fields._HOSTNAME),
    bootId: text(fields._BOOT_ID),
    priority: int(fields.PRIORITY),
    fields,
    truncated: parsed.truncated,
  };
}

function toField(v: unknown): JournalFieldValue | undefined {
  if (typeof v === 'string' || v === null) return v;
  if (!Array.isArray(v)) return undefined;
  if (v.every((b) => typeof b === 'number')) return v as number[];
  const items: Array<string | number[] | null> = [];
  for (const item of v) {
    if (typeof item === 'string' || item === null) items.push(item);
    else if (Array.isArray(item) && item.every((b) => typeof b === 'number')) items.push(item as number[]);
  }
  return items;
}

/**
 * A field as text: byte arrays decoded as UTF-8 (invalid bytes → U+FFFD); for a repeated
 * field the first value. Null when absent or elided.
 */
export function journalFieldText(v: JournalFieldValue | undefined): string | null {
  return text(v);
}

function text(v: JournalFieldValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (v.length === 0) return '';
  if (typeof v[0] === 'number') return utf8.decode(Uint8Array.from(v as number[]));
  return text((v as Array<string | number[] | null>)[0]);
}

function int(v: JournalFieldValue | undefined): number | null {
  const t = text(v);
  if (t === null || !/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}
