/**
 * The kubelet unit's journal as a JSON-lines file (one compact `journalctl -o json` object per
 * line, docs/kubelet.md §5.2). Each entry is appended with a single appendFileSync of the whole
 * line, so a reader never sees half an entry. PRIORITY is always "6": klog lines carry no
 * syslog prefix, so journald gives every kubelet line, even E lines, the default (§5.1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { JournalEntry } from '../../model';
import type { SimClock } from '../clock';
import { randomHex } from '../ids';
import { formatCursor, parseCursor } from './cursor';
import { vacuumJournalFile } from './journal-vacuum';
import { klogBody, klogLine, type KlogCaller, type KlogLevel, type KlogPairs } from './klog';

export interface JournalOptions {
  file: string;
  clock: SimClock;
  pid: number;
  hostname: string;
  bootId: string;
  /** klog -v: messages with a higher V level are dropped (kubeadm sets none → 0, §1.6). */
  verbosity: number;
}

/** Lines per appendFileSync when emitting in bulk: large enough to be fast, small enough for memory. */
const EMIT_BATCH = 5000;

export class KubeletJournal {
  private seq = 0n;
  private seqnumId = randomHex(32);
  private lastRealtimeUs = 0n;
  private readonly bootRealtimeUs: bigint;

  constructor(private readonly opts: JournalOptions) {
    fs.mkdirSync(path.dirname(opts.file), { recursive: true });
    this.resumeFromFile();
    // The "boot" happened a little before the kubelet started; monotonic time counts from it.
    this.bootRealtimeUs = BigInt(opts.clock.now()) * 1000n - 7_000_000n;
  }

  get verbosity(): number {
    return this.opts.verbosity;
  }

  /** Logs a structured info line if `v` is within the configured verbosity. */
  info(caller: KlogCaller, message: string, pairs: KlogPairs = [], v = 0): void {
    if (v > this.opts.verbosity) return;
    this.write('I', caller, klogBody(message, pairs));
  }

  /** ErrorS: `err=` right after the message (§5.3). */
  error(caller: KlogCaller, message: string, err: string | undefined, pairs: KlogPairs = []): void {
    this.write('E', caller, klogBody(message, pairs, err));
  }

  warning(caller: KlogCaller, message: string, pairs: KlogPairs = []): void {
    this.write('W', caller, klogBody(message, pairs));
  }

  /** Appends one entry with a ready-made klog body. Returns its cursor. */
  write(level: KlogLevel, caller: KlogCaller, body: string): string {
    const { line, cursor } = this.entryLine(level, caller, body);
    fs.appendFileSync(this.opts.file, line);
    return cursor;
  }

  /**
   * Appends many lines (rpc journal.emit, gapless-log tests): each message gets a klog info
   * header and is kept verbatim; written in large batches, each a single append.
   */
  emit(messages: readonly string[]): string {
    let cursor = '';
    for (let start = 0; start < messages.length; start += EMIT_BATCH) {
      let chunk = '';
      for (const message of messages.slice(start, start + EMIT_BATCH)) {
        const entry = this.entryLine('I', { file: 'kubelet.go', line: 1 }, message);
        chunk += entry.line;
        cursor = entry.cursor;
      }
      fs.appendFileSync(this.opts.file, chunk);
    }
    return cursor;
  }

  /** Keeps the newest `keep` entries (journalctl --vacuum-*): a temp file renamed over, read in chunks. */
  vacuum(keep: number): number {
    return vacuumJournalFile(this.opts.file, keep);
  }

  private entryLine(level: KlogLevel, caller: KlogCaller, body: string): { line: string; cursor: string } {
    const nowUs = BigInt(this.opts.clock.now()) * 1000n;
    // Strictly increasing realtime, even for many lines within one millisecond.
    const realtimeUs = nowUs > this.lastRealtimeUs ? nowUs : this.lastRealtimeUs + 1n;
    this.lastRealtimeUs = realtimeUs;
    this.seq += 1n;
    const monotonicUs = realtimeUs - this.bootRealtimeUs;
    const epochMs = Number(realtimeUs / 1000n);
    const micros = Number(realtimeUs % 1_000_000n);
    const message = klogLine(level, epochMs, micros, this.opts.pid, caller, body);
    const xor = createHash('md5').update(message).update(this.seq.toString()).digest('hex').slice(0, 16);
    const cursor = formatCursor({
      seqnumId: this.seqnumId,
      seq: this.seq,
      bootId: this.opts.bootId,
      monotonicUs,
      realtimeUs,
      xor,
    });
    const entry: JournalEntry = {
      __CURSOR: cursor,
      __REALTIME_TIMESTAMP: realtimeUs.toString(),
      __MONOTONIC_TIMESTAMP: monotonicUs.toString(),
      _BOOT_ID: this.opts.bootId,
      PRIORITY: '6',
      SYSLOG_FACILITY: '3',
      SYSLOG_IDENTIFIER: 'kubelet',
      _TRANSPORT: 'stdout',
      _PID: String(this.opts.pid),
      _UID: '0',
      _GID: '0',
      _COMM: 'kubelet',
      _EXE: '/usr/bin/kubelet',
      _SYSTEMD_CGROUP: '/system.slice/kubelet.service',
      _SYSTEMD_UNIT: 'kubelet.service',
      _SYSTEMD_SLICE: 'system.slice',
      _HOSTNAME: this.opts.hostname,
      MESSAGE: message,
    };
    return { line: JSON.stringify(entry) + '\n', cursor };
  }

  /** Continues the sequence and realtime of an existing file, so cursors keep increasing across restarts. */
  private resumeFromFile(): void {
    let tail: string;
    try {
      const fd = fs.openSync(this.opts.file, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const len = Math.min(size, 64 * 1024);
        const buf = Buffer.alloc(len);
        fs.readSync(fd, buf, 0, len, size - len);
        tail = buf.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return;
    }
    const last = tail
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .pop();
    if (!last) return;
    try {
      const entry = JSON.parse(last) as Partial<JournalEntry>;
      const parsed = entry.__CURSOR ? parseCursor(entry.__CURSOR) : undefined;
      if (!parsed) return;
      this.seqnumId = parsed.seqnumId;
      this.seq = parsed.seq;
      this.lastRealtimeUs = parsed.realtimeUs;
    } catch {
      // A torn last line from a crash: start a new sequence id, as journald does for a new file.
    }
  }
}
