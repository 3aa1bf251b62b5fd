/**
 * Following a growing file the way `tail -F` does, for `crictl logs -f` and `journalctl -f`:
 * fs.watch wakes us promptly, a poll (default 50 ms) is the safety net (fs.watch misses events
 * on some filesystems and across renames), and a replaced file (new inode or shrunk, e.g. the
 * journal vacuumed by rename) is re-opened by path, the caller choosing where to resume.
 */
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';

export interface FollowOptions {
  path: string;
  /** Byte offset already consumed in the current file. */
  offset: number;
  /** Inode of the file the offset belongs to (0 when unknown). */
  ino: number;
  signal: AbortSignal;
  pollMs?: number;
  /** Called with complete new bytes, in order, at most READ_BYTES at a time. Return false to stop following. */
  onData(chunk: Buffer): boolean | Promise<boolean>;
  /**
   * The file was replaced: `file` is the new one, open, `size` bytes long (read it in pieces, it
   * may be big); return the offset in it to continue from.
   */
  onReplaced(file: FileHandle, size: number): number | Promise<number>;
  /** Called on every wake-up; return false to stop (e.g. the container stopped). */
  onTick?(): boolean | Promise<boolean>;
}

/** The most handed to onData at once: a burst of appends (journal.emit) never becomes one huge buffer. */
const READ_BYTES = 1 << 20;

export async function fileIdentity(path: string): Promise<{ ino: number; size: number } | null> {
  try {
    const st = await fsp.stat(path);
    return { ino: st.ino, size: st.size };
  } catch {
    return null;
  }
}

async function openIfExists(path: string): Promise<FileHandle | null> {
  try {
    return await fsp.open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Resolves when the signal aborts or a callback asks to stop. */
export async function followFile(opts: FollowOptions): Promise<void> {
  let { offset, ino } = opts;
  let wake: (() => void) | null = null;
  const nudge = () => wake?.();
  let watcher: fs.FSWatcher | null = null;
  const dir = opts.path.slice(0, Math.max(1, opts.path.lastIndexOf('/')));
  try {
    // Watch the directory, not the file: a rename-replace ends a file watch.
    watcher = fs.watch(dir, { persistent: false }, nudge);
    watcher.on('error', () => undefined);
  } catch {
    watcher = null;
  }
  opts.signal.addEventListener('abort', nudge, { once: true });
  /** Hands [offset, size) of the open file to onData in pieces; false when told to stop. */
  const pump = async (fh: FileHandle, size: number): Promise<boolean> => {
    while (offset < size && !opts.signal.aborted) {
      const buf = Buffer.allocUnsafe(Math.min(READ_BYTES, size - offset));
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      if (!(await opts.onData(buf.subarray(0, bytesRead)))) return false;
    }
    return true;
  };
  try {
    while (!opts.signal.aborted) {
      const id = await fileIdentity(opts.path);
      // Nothing new: a stat is enough. Otherwise open the file and trust only what the open
      // file says (it may have been replaced between the stat and the open).
      const changed = id !== null && (id.ino !== ino || id.size !== offset);
      const fh = changed ? await openIfExists(opts.path) : null;
      if (fh) {
        try {
          const st = await fh.stat();
          if (ino !== 0 && (st.ino !== ino || st.size < offset)) {
            ino = st.ino;
            offset = await opts.onReplaced(fh, st.size);
            if (!(await pump(fh, st.size))) return;
          } else {
            ino = st.ino;
            if (!(await pump(fh, st.size))) return;
          }
        } finally {
          await fh.close();
        }
      }
      if (opts.onTick && !(await opts.onTick())) return;
      if (opts.signal.aborted) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.pollMs ?? 50);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    watcher?.close();
    opts.signal.removeEventListener('abort', nudge);
  }
}
