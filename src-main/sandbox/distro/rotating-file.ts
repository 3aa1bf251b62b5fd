/**
 * A log file that rotates itself, as gopkg.in/natefinch/lumberjack.v2 does for RKE2's kubelet
 * log [src: natefinch/lumberjack `lumberjack.go`; rancher/rke2 `pkg/logging/logging.go`
 * GetLogger: MaxSize from `log-file-max-size` (50 by RKE2's defaults), MaxBackups 3, MaxAge 28,
 * Compress true]:
 *
 * - a new file is created 0600; an existing one is appended to, unless this write would make
 *   it reach MaxSize megabytes;
 * - a write that would take the file past MaxSize first renames it to
 *   `<name>-<UTC 2006-01-02T15-04-05.000><ext>` (`kubelet-2025-08-23T08-51-00.123.log`) and opens
 *   a new file with the old one's mode;
 * - backups are then gzip-compressed (`….log.gz`, the original removed) and only the newest
 *   MaxBackups (and none older than MaxAge days) kept.
 *
 * Synchronous: the writer is fed from a child's output and must keep order.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MEGABYTE = 1024 * 1024;

export interface RotatingFileOptions {
  file: string;
  maxSizeMb: number;
  maxBackups: number;
  maxAgeDays: number;
  compress: boolean;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** lumberjack's backupTimeFormat in UTC. */
export function backupTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

export class RotatingFile {
  private fd: number | undefined;
  private size = 0;

  constructor(private readonly opts: RotatingFileOptions) {}

  private get max(): number {
    return (this.opts.maxSizeMb > 0 ? this.opts.maxSizeMb : 100) * MEGABYTE;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  write(chunk: Buffer): void {
    if (chunk.length > this.max)
      throw new Error(`write length ${chunk.length} exceeds maximum file size ${this.max}`);
    if (this.fd === undefined) this.openExistingOrNew(chunk.length);
    if (this.size + chunk.length > this.max) this.rotate();
    fs.writeSync(this.fd as number, chunk);
    this.size += chunk.length;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private openExistingOrNew(writeLen: number): void {
    this.mill();
    let st: fs.Stats;
    try {
      st = fs.statSync(this.opts.file);
    } catch {
      this.openNew();
      return;
    }
    if (st.size + writeLen >= this.max) {
      this.rotate();
      return;
    }
    this.fd = fs.openSync(this.opts.file, 'a');
    this.size = st.size;
  }

  private rotate(): void {
    this.close();
    this.openNew();
    this.mill();
  }

  private openNew(): void {
    const file = this.opts.file;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    let mode = 0o600;
    try {
      const st = fs.statSync(file);
      mode = st.mode & 0o7777;
      const ext = path.extname(file);
      const backup = path.join(
        path.dirname(file),
        `${path.basename(file, ext)}-${backupTimestamp(this.now())}${ext}`,
      );
      fs.renameSync(file, backup);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    this.fd = fs.openSync(file, 'w', mode);
    fs.fchmodSync(this.fd, mode);
    this.size = 0;
  }

  /** The rotated files, newest first, with the time in their names. */
  backups(): Array<{ name: string; time: number }> {
    const dir = path.dirname(this.opts.file);
    const ext = path.extname(this.opts.file);
    const prefix = `${path.basename(this.opts.file, ext)}-`;
    const out: Array<{ name: string; time: number }> = [];
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix)) continue;
      const stamp = name.slice(prefix.length).replace(new RegExp(`${ext.replace('.', '\\.')}(\\.gz)?$`), '');
      const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)\.(\d{3})$/.exec(stamp);
      if (!m) continue;
      const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
      out.push({ name, time: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!) });
    }
    return out.sort((a, b) => b.time - a.time);
  }

  /** millRunOnce: drop beyond MaxBackups and MaxAge, compress the rest. */
  private mill(): void {
    const dir = path.dirname(this.opts.file);
    let files = this.backups();
    const remove: string[] = [];
    if (this.opts.maxBackups > 0) {
      const seen = new Set<string>();
      files = files.filter((f) => {
        seen.add(f.name.replace(/\.gz$/, ''));
        if (seen.size > this.opts.maxBackups) {
          remove.push(f.name);
          return false;
        }
        return true;
      });
    }
    if (this.opts.maxAgeDays > 0) {
      const cutoff = this.now() - this.opts.maxAgeDays * 86_400_000;
      files = files.filter((f) => {
        if (f.time < cutoff) remove.push(f.name);
        return f.time >= cutoff;
      });
    }
    for (const name of remove) fs.rmSync(path.join(dir, name), { force: true });
    if (!this.opts.compress) return;
    for (const f of files) {
      if (f.name.endsWith('.gz')) continue;
      const src = path.join(dir, f.name);
      const st = fs.statSync(src);
      fs.writeFileSync(`${src}.gz`, zlib.gzipSync(fs.readFileSync(src)), { mode: st.mode & 0o7777 });
      fs.rmSync(src);
    }
  }
}
