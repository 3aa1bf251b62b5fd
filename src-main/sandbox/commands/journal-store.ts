/**
 * The simulated kubelet journal: SimPaths.journalFile, one JSON entry per line, appended by the
 * daemon and replaced by rename when vacuumed. Cursors have systemd's shape
 * `s=…;i=…;b=…;m=…;t=<hex realtime µs>;x=…` (docs/kubelet.md §9.6) and are opaque except for
 * `t=`, which lets a cursor that is no longer in the journal be placed by time (§5.2).
 * Read through journal-lines.ts, a chunk at a time (a 1M-entry journal is ~0.7 GB).
 */
import type { FileHandle } from 'node:fs/promises';
import type { JournalEntry } from '../model';
import { readLinesBackward, readLinesForward, type RawLine } from './journal-lines';

export interface StoredEntry {
  entry: JournalEntry;
  /** __REALTIME_TIMESTAMP as a number (µs). */
  realtime: number;
  /** Byte offset of the entry's line. */
  startOffset: number;
  /** Byte offset just after this entry's line, for resuming a follow. */
  endOffset: number;
}

/** One line → its entry; null for a blank or corrupt line (journalctl skips corrupt entries). */
export function parseStoredLine(line: RawLine): StoredEntry | null {
  if (line.bytes.length === 0) return null;
  try {
    const entry = JSON.parse(line.bytes.toString('utf8')) as JournalEntry;
    if (entry === null || typeof entry !== 'object') return null;
    return {
      entry,
      realtime: Number(entry.__REALTIME_TIMESTAMP),
      startOffset: line.start,
      endOffset: line.end,
    };
  } catch {
    return null;
  }
}

const fieldPatterns = new Map<string, Buffer>();

/**
 * A plain string field read straight from the line's bytes, without parsing the entry — for the
 * address fields (`__CURSOR`, `__REALTIME_TIMESTAMP`), whose values never need escaping. In
 * compact JSON `"KEY":"` can only be a key: inside a string value every quote is escaped.
 * undefined when the line is not written that way (the caller then parses it).
 */
export function addressField(bytes: Buffer, key: string): string | undefined {
  let pattern = fieldPatterns.get(key);
  if (!pattern) fieldPatterns.set(key, (pattern = Buffer.from(`"${key}":"`)));
  const at = bytes.indexOf(pattern);
  if (at < 0) return undefined;
  const from = at + pattern.length;
  const to = bytes.indexOf(0x22, from);
  if (to < 0) return undefined;
  const value = bytes.toString('latin1', from, to);
  return value.includes('\\') ? undefined : value;
}

function lineRealtime(line: RawLine): number | null {
  const fast = addressField(line.bytes, '__REALTIME_TIMESTAMP');
  if (fast !== undefined && /^\d+$/.test(fast)) return Number(fast);
  return parseStoredLine(line)?.realtime ?? null;
}

function lineCursor(line: RawLine): string | null {
  return addressField(line.bytes, '__CURSOR') ?? parseStoredLine(line)?.entry.__CURSOR ?? null;
}

export interface ParsedCursor {
  seqnumId: string;
  seqnum: number;
  realtime: number;
}

/** Parses a cursor; null when it is not a journald cursor (journalctl: "Invalid argument"). */
export function parseCursor(cursor: string): ParsedCursor | null {
  const fields = new Map<string, string>();
  for (const part of cursor.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const t = fields.get('t');
  if (!t || !/^[0-9a-f]+$/i.test(t)) return null;
  const i = fields.get('i');
  return {
    seqnumId: fields.get('s') ?? '',
    seqnum: i && /^[0-9a-f]+$/i.test(i) ? parseInt(i, 16) : -1,
    realtime: parseInt(t, 16),
  };
}

/** Where a cursor's entry is in [0, end): its line, or else the first line at or after a time. */
export interface CursorPlace {
  exact?: { start: number; end: number };
  /** Start of the first entry whose realtime is ≥ the time asked for (when no exact match). */
  atOrAfter?: number;
}

/**
 * Finds `cursor` in the file, and the first entry at or after `realtime` in case the cursor's
 * entry is gone: sd_journal_seek_cursor places a vacuumed cursor by its time (§5.2). One forward
 * pass over the bytes, no entry parsed unless a line is not in the compact form.
 */
export async function locateCursor(
  fh: FileHandle,
  end: number,
  cursor: string,
  realtime: number,
): Promise<CursorPlace> {
  const place: CursorPlace = {};
  const pattern = Buffer.from(`"__CURSOR":${JSON.stringify(cursor)}`);
  for await (const lines of readLinesForward(fh, 0, end)) {
    for (const line of lines) {
      if (line.bytes.length === 0) continue;
      const hit =
        line.bytes.includes(pattern) || (!line.bytes.includes('"__CURSOR":"') && lineCursor(line) === cursor);
      if (hit && parseStoredLine(line)?.entry.__CURSOR === cursor)
        return { exact: { start: line.start, end: line.end } };
      if (place.atOrAfter === undefined) {
        const t = lineRealtime(line);
        if (t !== null && t >= realtime) place.atOrAfter = line.start;
      }
    }
  }
  return place;
}

/**
 * Where reading starts for `--cursor` (inclusive) / `--after-cursor` (exclusive). A cursor that
 * is no longer in the journal (vacuumed) places the read at the first entry at or after its
 * realtime, as sd_journal_seek_cursor does without an exact match.
 */
export async function cursorStart(
  fh: FileHandle,
  end: number,
  cursor: string,
  after: boolean,
): Promise<number> {
  const parsed = parseCursor(cursor) as ParsedCursor;
  const place = await locateCursor(fh, end, cursor, parsed.realtime);
  if (place.exact) return after ? place.exact.end : place.exact.start;
  return place.atOrAfter ?? end;
}

/** The newest entry in [0, end), found from the end. */
export async function lastEntry(fh: FileHandle, end: number): Promise<StoredEntry | null> {
  for await (const lines of readLinesBackward(fh, 0, end, 64 * 1024)) {
    for (const line of lines) {
      const s = parseStoredLine(line);
      if (s) return s;
    }
  }
  return null;
}
