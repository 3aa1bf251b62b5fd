/**
 * The simulated kubelet journal: SimPaths.journalFile, one JSON entry per line, appended by the
 * daemon and replaced by rename when vacuumed. Cursors have systemd's shape
 * `s=…;i=…;b=…;m=…;t=<hex realtime µs>;x=…` (kubelet-facts §9.6) and are opaque except for
 * `t=`, which lets a cursor that is no longer in the journal be placed by time (§5.2).
 */
import fsp from 'node:fs/promises';
import type { JournalEntry } from '../model';

export interface StoredEntry {
  entry: JournalEntry;
  /** __REALTIME_TIMESTAMP as a number (µs). */
  realtime: number;
  /** Byte offset just after this entry's line, for resuming a follow. */
  endOffset: number;
}

export function parseJournalText(text: string, baseOffset = 0): { entries: StoredEntry[]; consumed: number } {
  const entries: StoredEntry[] = [];
  let pos = 0;
  let byte = baseOffset;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break; // an unterminated last line is still being written
    const line = text.slice(pos, nl);
    byte += Buffer.byteLength(line) + 1;
    pos = nl + 1;
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      entries.push({ entry, realtime: Number(entry.__REALTIME_TIMESTAMP), endOffset: byte });
    } catch {
      // A corrupt line is skipped, as journalctl skips corrupt entries.
    }
  }
  return { entries, consumed: byte - baseOffset };
}

export async function readJournal(file: string): Promise<{ entries: StoredEntry[]; size: number; text: string }> {
  let text = '';
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { entries, consumed } = parseJournalText(text);
  return { entries, size: consumed, text };
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
  return { seqnumId: fields.get('s') ?? '', seqnum: i && /^[0-9a-f]+$/i.test(i) ? parseInt(i, 16) : -1, realtime: parseInt(t, 16) };
}

/**
 * Where reading starts for `--cursor` (inclusive) / `--after-cursor` (exclusive). A cursor that
 * is no longer in the journal (vacuumed) places the read at the first entry at or after its
 * realtime, as sd_journal_seek_cursor does without an exact match.
 */
export function cursorStart(entries: StoredEntry[], cursor: string, after: boolean): number {
  const exact = entries.findIndex((e) => e.entry.__CURSOR === cursor);
  if (exact >= 0) return after ? exact + 1 : exact;
  const parsed = parseCursor(cursor) as ParsedCursor;
  const next = entries.findIndex((e) => e.realtime >= parsed.realtime);
  return next < 0 ? entries.length : next;
}
