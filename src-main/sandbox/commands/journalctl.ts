/**
 * The simulated `journalctl` over the kubelet journal file (kubelet-facts §5): unit/identifier/
 * field matches, --since/--until, --cursor (inclusive) / --after-cursor (exclusive; a vacuumed
 * cursor is placed by its realtime), -n, -r, --show-cursor, all output modes of
 * journal-formats.ts, and -f: new entries within ~50 ms (fs.watch + polling), surviving the
 * file being replaced by rename (re-opened by path, resumed after the last entry seen), ending
 * on SIGTERM/SIGHUP/EPIPE (io.signal) — the app relies on `-f` dying with its SSH channel.
 */
import type { JournalEntry } from '../model';
import type { CommandIO } from './io';
import { formatEntry, type FormatOptions } from './journal-formats';
import { cursorStart, parseJournalText, readJournal, type StoredEntry } from './journal-store';
import { JournalctlUsageError, parseJournalctlArgs, type JournalQuery } from './journalctl-options';
import { fileIdentity, followFile } from './file-follow';
import { LineSplitter } from './cri-log';
import { commandPaths } from './state';

function entryMatcher(q: JournalQuery, bootId: string | undefined): (e: JournalEntry) => boolean {
  return (e) => {
    if (q.units.length && !q.units.some((u) => e._SYSTEMD_UNIT === u || e.UNIT === u || e.OBJECT_SYSTEMD_UNIT === u || e.COREDUMP_UNIT === u)) return false;
    for (const [field, values] of q.matches) if (!values.includes(e[field])) return false;
    if (q.maxPriority !== undefined && Number(e.PRIORITY ?? '6') > q.maxPriority) return false;
    if (bootId !== undefined && e._BOOT_ID !== bootId) return false;
    return true;
  };
}

/** The entries the non-follow part prints, in journalctl's positioning rules. */
export function selectEntries(view: StoredEntry[], q: JournalQuery): StoredEntry[] {
  const start = q.cursor !== undefined ? cursorStart(view, q.cursor, !!q.afterCursor) : 0;
  let sel = view.slice(start).filter((s) => (q.sinceUs === undefined || s.realtime >= q.sinceUs) && (q.untilUs === undefined || s.realtime <= q.untilUs));
  if (q.lines !== undefined) {
    // Positioned by a cursor or --since (or -n +N): the first N from there; -f keeps going anyway.
    if (q.cursor !== undefined || q.sinceUs !== undefined || q.linesOldest) {
      if (!q.follow) sel = sel.slice(0, q.lines);
    } else sel = sel.slice(Math.max(0, sel.length - q.lines));
  }
  return q.reverse ? sel.reverse() : sel;
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
  const { entries, size } = await readJournal(file);
  const bootId = q.boot ? entries[entries.length - 1]?.entry._BOOT_ID : undefined;
  const matches = entryMatcher(q, bootId);
  const fmt: FormatOptions = { utc: q.utc, all: q.all, noHostname: q.noHostname };
  const print = (e: JournalEntry): boolean => io.stdout.write(formatEntry(e, q.output, fmt)) !== false;

  const shown = selectEntries(
    entries.filter((s) => matches(s.entry)),
    q,
  );
  for (const s of shown) if (!print(s.entry)) return 0;

  if (!q.follow) {
    if (shown.length === 0 && !q.quiet) io.stdout.write('-- No entries --\n');
    else if (shown.length > 0 && q.showCursor) io.stdout.write(`-- cursor: ${shown[shown.length - 1].entry.__CURSOR}\n`);
    return 0;
  }
  if (!io.signal) return 0;

  // Follow: resume after the last entry in the file, whatever the filter.
  let last: { cursor: string; realtime: number } | undefined = entries.length
    ? { cursor: entries[entries.length - 1].entry.__CURSOR, realtime: entries[entries.length - 1].realtime }
    : undefined;
  const splitter = new LineSplitter();
  const emit = (list: StoredEntry[]): boolean => {
    for (const s of list) {
      last = { cursor: s.entry.__CURSOR, realtime: s.realtime };
      if (matches(s.entry) && (q.untilUs === undefined || s.realtime <= q.untilUs) && !print(s.entry)) return false;
    }
    return true;
  };
  await followFile({
    path: file,
    offset: size,
    ino: (await fileIdentity(file))?.ino ?? 0,
    signal: io.signal,
    onData: (chunk) => emit(parseJournalText(splitter.push(chunk).map((l) => l + '\n').join('')).entries),
    onReplaced: (content) => {
      // Vacuum replaced the file: continue right after the last entry we saw.
      splitter.reset();
      const { entries: fresh, consumed } = parseJournalText(content.toString());
      if (!last) return 0;
      const seen = last;
      const at = fresh.findIndex((s) => s.entry.__CURSOR === seen.cursor);
      if (at >= 0) return fresh[at].endOffset;
      const next = fresh.findIndex((s) => s.realtime > seen.realtime);
      return next < 0 ? consumed : next === 0 ? 0 : fresh[next - 1].endOffset;
    },
  });
  return 0;
}
