/**
 * Following a growing file the way `tail -F` does, for `crictl logs -f` and `journalctl -f`:
 * fs.watch wakes us promptly, a poll (default 50 ms) is the safety net (fs.watch misses events
 * on some filesystems and across renames), and a replaced file (new inode or shrunk, e.g. the
 * journal vacuumed by rename) is re-opened by path, the caller choosing where to resume.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';

export interface FollowOptions {
  path: string;
  /** Byte offset already consumed in the current file. */
  offset: number;
  /** Inode of the file the offset belongs to (0 when unknown). */
  ino: number;
  signal: AbortSignal;
  pollMs?: number;
  /** Called with complete new bytes, in order. Return false to stop following. */
  onData(chunk: Buffer): boolean | Promise<boolean>;
  /** The file was replaced; return the offset in the new file to continue from. */
  onReplaced(content: Buffer): number | Promise<number>;
  /** Called on every wake-up; return false to stop (e.g. the container stopped). */
  onTick?(): boolean | Promise<boolean>;
}

export async function fileIdentity(path: string): Promise<{ ino: number; size: number } | null> {
  try {
    const st = await fsp.stat(path);
    return { ino: st.ino, size: st.size };
  } catch {
    return null;
  }
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
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
  try {
    while (!opts.signal.aborted) {
      const id = await fileIdentity(opts.path);
      if (id) {
        if (ino !== 0 && (id.ino !== ino || id.size < offset)) {
          const content = await readRange(opts.path, 0, id.size);
          ino = id.ino;
          offset = await opts.onReplaced(content);
          if (offset < content.length && !(await opts.onData(content.subarray(offset)))) return;
          offset = content.length;
        } else if (id.size > offset) {
          ino = id.ino;
          const chunk = await readRange(opts.path, offset, id.size);
          offset += chunk.length;
          if (!(await opts.onData(chunk))) return;
        } else {
          ino = id.ino;
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
