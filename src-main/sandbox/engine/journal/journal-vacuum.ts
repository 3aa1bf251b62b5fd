/**
 * `journalctl --vacuum-*` for the simulated journal file: keep the newest `keep` entries, write
 * them to a temp file and rename it over the journal (readers following by path see a new
 * inode, docs/kubelet.md §5.2 cursors tell them where to resume). Byte-level and chunked: the
 * journal can hold a million entries (~0.7 GB, issue 7), more than one string can.
 */
import fs from 'node:fs';

const CHUNK = 1 << 20;
const NL = 0x0a;

/**
 * Reads the file backwards once: counts its non-empty lines and finds where the newest `keep`
 * of them start. The empty lines in between are carried along (readers skip them).
 */
function tailStart(fd: number, size: number, keep: number): { total: number; from: number } {
  let total = 0;
  let from = keep > 0 ? 0 : size;
  let lineEnd = size; // exclusive end of the line being scanned (its newline excluded)
  const buf = Buffer.allocUnsafe(CHUNK);
  for (let pos = size; pos > 0;) {
    const start = Math.max(0, pos - CHUNK);
    const len = pos - start;
    fs.readSync(fd, buf, 0, len, start);
    for (let i = buf.lastIndexOf(NL, len - 1); i >= 0; i = i > 0 ? buf.lastIndexOf(NL, i - 1) : -1) {
      const at = start + i;
      if (lineEnd > at + 1) {
        total += 1;
        if (total === keep) from = at + 1;
      }
      lineEnd = at;
    }
    pos = start;
  }
  if (lineEnd > 0) {
    total += 1; // the first line
    if (total === keep) from = 0;
  }
  return { total, from };
}

/**
 * The new file keeps the journal's owner and mode (journald's files are root:systemd-journal
 * 0640 on a node, and a user outside that group must not be able to read the replacement).
 */
function keepAccess(fd: number, st: fs.Stats): void {
  fs.fchmodSync(fd, st.mode & 0o7777);
  try {
    fs.fchownSync(fd, st.uid, st.gid);
  } catch {
    // Not root (the app's Sandbox node): the file is the user's own anyway.
  }
}

/** Keeps the newest `keep` entries; returns how many were removed (0 when there is no journal). */
export function vacuumJournalFile(file: string, keep: number): number {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 0;
  }
  const tmp = `${file}.vacuum-${process.pid}.tmp`;
  let removed: number;
  try {
    const st = fs.fstatSync(fd);
    const size = st.size;
    const { total, from } = tailStart(fd, size, keep);
    removed = Math.max(0, total - Math.max(0, keep));
    const out = fs.openSync(tmp, 'w');
    try {
      keepAccess(out, st);
      const buf = Buffer.allocUnsafe(CHUNK);
      let last = NL;
      for (let pos = from; pos < size;) {
        const got = fs.readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
        if (got === 0) break;
        fs.writeSync(out, buf, 0, got);
        last = buf[got - 1];
        pos += got;
      }
      // An unterminated last line is kept as a whole entry.
      if (last !== NL) fs.writeSync(out, '\n');
    } finally {
      fs.closeSync(out);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return removed;
}
