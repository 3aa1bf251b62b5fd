/**
 * The simulated `journalctl` over the kubelet journal file (docs/kubelet.md §5): unit/identifier/
 * field matches, --since/--until, --cursor (inclusive) / --after-cursor (exclusive; a vacuumed
 * cursor is placed by its realtime), -n, -r, --show-cursor, all output modes of
 * journal-formats.ts, and -f: new entries within ~50 ms (fs.watch + polling), surviving the
 * file being replaced by rename (re-opened by path, resumed after the last entry seen), ending
 * on SIGTERM/SIGHUP/EPIPE (io.signal) — the app relies on `-f` dying with its SSH channel.
 * The journal is streamed (journal-select.ts), never held whole: a million entries are ~0.7 GB
 * (issue 7); output waits for stdout to drain.
 */
import fsp, { type FileHandle } from 'node:fs/promises';
import type { JournalEntry } from '../model';
import type { CommandIO } from './io';
import { formatEntry, type FormatOptions } from './journal-formats';
import { ByteLineSplitter, completeEnd } from './journal-lines';
import { selectEntries } from './journal-select';
import { lastEntry, locateCursor, parseStoredLine, type StoredEntry } from './journal-store';
import { JournalctlUsageError, parseJournalctlArgs, type JournalQuery } from './journalctl-options';
import { followFile } from './file-follow';
import { commandPaths } from './state';
import { permissionDeniedText } from './journal-access';

function entryMatcher(q: JournalQuery, bootId: string | undefined): (e: JournalEntry) => boolean {
  return (e) => {
    if (
      q.units.length &&
      !q.units.some(
        (u) => e._SYSTEMD_UNIT === u || e.UNIT === u || e.OBJECT_SYSTEMD_UNIT === u || e.COREDUMP_UNIT === u,
      )
    )
      return false;
    for (const [field, values] of q.matches) if (!values.includes(e[field])) return false;
    if (q.maxPriority !== undefined && Number(e.PRIORITY ?? '6') > q.maxPriority) return false;
    if (bootId !== undefined && e._BOOT_ID !== bootId) return false;
    return true;
  };
}

/** The journal as it is now: its inode and the end of its complete lines (0 when there is none). */
interface Snapshot {
  fh: FileHandle | null;
  ino: number;
  end: number;
}

async function openJournal(file: string): Promise<Snapshot> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return { fh: null, ino: 0, end: 0 };
  }
  const st = await fh.stat();
  return { fh, ino: st.ino, end: await completeEnd(fh, st.size) };
}

/** Output with backpressure: false once stdout is closed (then we stop). */
async function writeOut(io: CommandIO, text: string): Promise<boolean> {
  if (text.length === 0) return true;
  if (io.stdout.write(text) === false) return false;
  await io.stdout.drained?.();
  return true;
}

export async function runJournalctl(argv: string[], io: CommandIO): Promise<number> {
  let q: JournalQuery;
  try {
    q = parseJournalctlArgs(argv, io.now());
  } catch (e) {
    if (!(e instanceof JournalctlUsageError)) throw e;
    io.stderr.write(e.message + '\n');
    return 1;
  }
  const file = commandPaths(io.env).journalFile;
  let snap: Snapshot;
  try {
    snap = await openJournal(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EACCES') throw e;
    io.stderr.write(permissionDeniedText({ quiet: q.quiet, jsonOutput: q.output.startsWith('json') }));
    return 1;
  }
  const fmt: FormatOptions = { utc: q.utc, all: q.all, noHostname: q.noHostname };
  const format = (list: StoredEntry[]): string =>
    list.map((s) => formatEntry(s.entry, q.output, fmt)).join('');
  let newest: StoredEntry | null = null;
  let shown = 0;
  let lastShown: StoredEntry | null = null;
  try {
    if (snap.fh) {
      newest = q.boot || q.follow ? await lastEntry(snap.fh, snap.end) : null;
      const matches = entryMatcher(q, q.boot ? newest?.entry._BOOT_ID : undefined);
      for await (const batch of selectEntries(snap.fh, snap.end, q, matches)) {
        shown += batch.length;
        lastShown = batch[batch.length - 1];
        if (!(await writeOut(io, format(batch)))) return 0;
      }
    }
  } finally {
    await snap.fh?.close();
  }

  if (!q.follow) {
    if (shown === 0 && !q.quiet) io.stdout.write('-- No entries --\n');
    else if (lastShown && q.showCursor) io.stdout.write(`-- cursor: ${lastShown.entry.__CURSOR}\n`);
    return 0;
  }
  if (!io.signal) return 0;
  await followJournal(io, q, file, snap, newest, format);
  return 0;
}

/**
 * -f: resume after the last entry in the file, whatever the filter; a file replaced by a
 * vacuum is resumed right after the last entry seen (or the first one newer than it).
 */
async function followJournal(
  io: CommandIO,
  q: JournalQuery,
  file: string,
  snap: Snapshot,
  newest: StoredEntry | null,
  format: (list: StoredEntry[]) => string,
): Promise<void> {
  let last: { cursor: string; realtime: number } | undefined = newest
    ? { cursor: newest.entry.__CURSOR, realtime: newest.realtime }
    : undefined;
  const matches = entryMatcher(q, q.boot ? newest?.entry._BOOT_ID : undefined);
  const splitter = new ByteLineSplitter();
  await followFile({
    path: file,
    offset: snap.end,
    ino: snap.ino,
    signal: io.signal as AbortSignal,
    onData: (chunk) => {
      const shown: StoredEntry[] = [];
      for (const line of splitter.push(chunk)) {
        const s = parseStoredLine(line);
        if (!s) continue;
        last = { cursor: s.entry.__CURSOR, realtime: s.realtime };
        if (matches(s.entry) && (q.untilUs === undefined || s.realtime <= q.untilUs)) shown.push(s);
      }
      return writeOut(io, format(shown));
    },
    onReplaced: async (fh, size) => {
      splitter.reset();
      const end = await completeEnd(fh, size);
      if (!last) return 0;
      // Realtimes are whole µs: "newer than the last seen" is "at or after it + 1".
      const place = await locateCursor(fh, end, last.cursor, last.realtime + 1);
      return place.exact ? place.exact.end : (place.atOrAfter ?? end);
    },
  });
}
