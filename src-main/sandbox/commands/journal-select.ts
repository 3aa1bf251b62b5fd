/**
 * Which entries the non-follow part of `journalctl` prints, in journalctl's positioning rules,
 * streamed in batches from the journal file (never the whole journal in memory, issue 7):
 *
 * - positioned (`--cursor`/`--after-cursor`, `--since`, `-n +N`): forward from there, the first
 *   N (all of them with `-f`, which keeps going anyway);
 * - otherwise `-n N`: the last N — found by reading backwards from the end, as journald seeks to
 *   the tail, so `-n 1` (the app's source probe) reads one chunk whatever the journal's size;
 * - `-r`: the same entries, newest first, read backwards.
 *
 * Counting passes (where the N-th entry is) keep only an offset, then the printing pass reads
 * that range again: two reads of the range instead of N entries held in memory.
 */
import type { FileHandle } from 'node:fs/promises';
import type { JournalEntry } from '../model';
import { readLinesBackward, readLinesForward, type RawLine } from './journal-lines';
import { cursorStart, parseStoredLine, type StoredEntry } from './journal-store';
import type { JournalQuery } from './journalctl-options';

type Keep = (s: StoredEntry) => boolean;

function keptEntries(lines: RawLine[], keep: Keep): StoredEntry[] {
  const out: StoredEntry[] = [];
  for (const line of lines) {
    const s = parseStoredLine(line);
    if (s && keep(s)) out.push(s);
  }
  return out;
}

/** The kept entries of batches of lines, in the batches' order, at most `limit`. */
async function* keptUpTo(
  batches: AsyncIterable<RawLine[]>,
  keep: Keep,
  limit: number,
): AsyncGenerator<StoredEntry[]> {
  let left = limit;
  if (left <= 0) return;
  for await (const lines of batches) {
    const batch = keptEntries(lines, keep);
    if (batch.length >= left) {
      yield batch.slice(0, left);
      return;
    }
    left -= batch.length;
    if (batch.length > 0) yield batch;
  }
}

/** Kept entries of [lo, hi), oldest first, at most `limit`. */
const scanForward = (fh: FileHandle, lo: number, hi: number, keep: Keep, limit: number) =>
  keptUpTo(readLinesForward(fh, lo, hi), keep, limit);

/** Kept entries of [lo, hi), newest first, at most `limit`. */
const scanBackward = (fh: FileHandle, lo: number, hi: number, keep: Keep, limit: number) =>
  keptUpTo(readLinesBackward(fh, lo, hi), keep, limit);

/** Start offset of the n-th kept entry counted from `hi` backwards; `lo` if there are fewer. */
async function nthFromEnd(fh: FileHandle, lo: number, hi: number, keep: Keep, n: number): Promise<number> {
  if (n <= 0) return hi;
  let from = lo;
  for await (const batch of scanBackward(fh, lo, hi, keep, n)) {
    n -= batch.length;
    if (n === 0) from = batch[batch.length - 1].startOffset;
  }
  return from;
}

/** End offset of the n-th kept entry counted from `lo` forwards; `hi` if there are fewer. */
async function nthFromStart(fh: FileHandle, lo: number, hi: number, keep: Keep, n: number): Promise<number> {
  if (n <= 0) return lo;
  let to = hi;
  for await (const batch of scanForward(fh, lo, hi, keep, n)) {
    n -= batch.length;
    if (n === 0) to = batch[batch.length - 1].endOffset;
  }
  return to;
}

/**
 * The entries to print from the complete lines in [0, end), in output order, a batch per chunk.
 * `matches` is the unit/field/priority/boot filter; the time window is applied here.
 */
export async function* selectEntries(
  fh: FileHandle,
  end: number,
  q: JournalQuery,
  matches: (e: JournalEntry) => boolean,
): AsyncGenerator<StoredEntry[]> {
  const keep: Keep = (s) =>
    matches(s.entry) &&
    (q.sinceUs === undefined || s.realtime >= q.sinceUs) &&
    (q.untilUs === undefined || s.realtime <= q.untilUs);
  const lo = q.cursor !== undefined ? await cursorStart(fh, end, q.cursor, !!q.afterCursor) : 0;
  const positioned = q.cursor !== undefined || q.sinceUs !== undefined || q.linesOldest;
  if (q.lines === undefined || (positioned && q.follow)) {
    yield* q.reverse ? scanBackward(fh, lo, end, keep, Infinity) : scanForward(fh, lo, end, keep, Infinity);
  } else if (positioned) {
    // The first N from the position; -r prints those same N newest first.
    if (!q.reverse) yield* scanForward(fh, lo, end, keep, q.lines);
    else yield* scanBackward(fh, lo, await nthFromStart(fh, lo, end, keep, q.lines), keep, Infinity);
  } else if (q.reverse) {
    yield* scanBackward(fh, lo, end, keep, q.lines);
  } else {
    yield* scanForward(fh, await nthFromEnd(fh, lo, end, keep, q.lines), end, keep, Infinity);
  }
}
