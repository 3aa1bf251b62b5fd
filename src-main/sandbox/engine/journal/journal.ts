/**
 * The kubelet's log output. By default the kubelet unit's journal as a JSON-lines file (one
 * compact `journalctl -o json` object per line, docs/kubelet.md §5.2); each entry is appended
 * with a single appendFileSync of the whole line, so a reader never sees half an entry. PRIORITY
 * is always "6": klog lines carry no syslog prefix, so journald gives every kubelet line, even
 * E lines, the default (§5.1). The unit and identifier are the profile's (k3s's embedded kubelet
 * writes under `k3s-agent.service` / `k3s`); with the `stderr` target the lines go to stderr as
 * the kubelet writes them, for a parent that keeps them (RKE2 writes them to a file).
 * `--logging-format=json` makes each line a klog JSON object instead of a klog text line (§5.3).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { JournalEntry } from '../../model';
import type { SimClock } from '../clock';
import { randomHex } from '../ids';
import { formatCursor, parseCursor } from './cursor';
import { vacuumJournalFile } from './journal-vacuum';
import { klogBody, klogJsonLine, klogLine, type KlogCaller, type KlogLevel, type KlogPairs } from './klog';
import { KUBELET_JOURNAL, type OutputTarget } from '../../daemon/sim-env';
import { logrusLine, type LogrusLevel } from '../../commands/logrus';

export interface JournalOptions {
  file: string;
  clock: SimClock;
  pid: number;
  hostname: string;
  bootId: string;
  /** klog -v: messages with a higher V level are dropped (kubeadm sets none → 0, §1.6). */
  verbosity: number;
  /** The journal unit and identifier the entries carry, or stderr (default: kubelet.service). */
  output?: OutputTarget;
  /** `--logging-format` (default text). */
  format?: 'text' | 'json';
  /** Where the `stderr` target writes (default process.stderr). */
  stderr?: { write(chunk: string): unknown };
}

/** Lines per appendFileSync when emitting in bulk: large enough to be fast, small enough for memory. */
const EMIT_BATCH = 5000;

export class KubeletJournal {
  private seq = 0n;
  private seqnumId = randomHex(32);
  private lastRealtimeUs = 0n;
  private readonly bootRealtimeUs: bigint;

  constructor(private readonly opts: JournalOptions) {
    if (this.toJournal) {
      fs.mkdirSync(path.dirname(opts.file), { recursive: true });
      this.resumeFromFile();
    }
    // The "boot" happened a little before the kubelet started; monotonic time counts from it.
    this.bootRealtimeUs = BigInt(opts.clock.now()) * 1000n - 7_000_000n;
  }

  get verbosity(): number {
    return this.opts.verbosity;
  }

  private get toJournal(): boolean {
    return (this.opts.output?.kind ?? 'journal') === 'journal';
  }

  private get json(): boolean {
    return this.opts.format === 'json';
  }

  /** Logs a structured info line if `v` is within the configured verbosity. */
  info(caller: KlogCaller, message: string, pairs: KlogPairs = [], v = 0): void {
    if (v > this.opts.verbosity) return;
    this.structured('I', caller, message, pairs, undefined, v);
  }

  /** ErrorS: `err=` right after the message (§5.3); in JSON `err` comes last. */
  error(caller: KlogCaller, message: string, err: string | undefined, pairs: KlogPairs = []): void {
    this.structured('E', caller, message, pairs, err);
  }

  warning(caller: KlogCaller, message: string, pairs: KlogPairs = []): void {
    this.structured('W', caller, message, pairs);
  }

  /**
   * A line of the process that hosts the kubelet (k3s, rke2), in logrus's text format as
   * journald stores it: `time="…" level=info msg="Running kubelet …"`.
   */
  logrus(level: LogrusLevel, message: string): string {
    const nowMs = this.opts.clock.now();
    return this.append(logrusLine(level, message, nowMs, false).replace(/\n$/, ''));
  }

  private structured(
    level: KlogLevel,
    caller: KlogCaller,
    message: string,
    pairs: KlogPairs,
    err?: string,
    v = 0,
  ): string {
    if (!this.json) return this.write(level, caller, klogBody(message, pairs, err));
    return this.append(klogJsonLine(level, this.nextRealtime(), caller, message, pairs, err, v), true);
  }

  /** Appends one entry with a ready-made klog body. Returns its cursor. */
  write(level: KlogLevel, caller: KlogCaller, body: string): string {
    if (this.json) {
      return this.append(klogJsonLine(level, this.nextRealtime(), caller, body, [], undefined, 0), true);
    }
    const realtimeUs = this.nextRealtime();
    const message = klogLine(
      level,
      Number(realtimeUs / 1000n),
      Number(realtimeUs % 1_000_000n),
      this.opts.pid,
      caller,
      body,
    );
    return this.append(message, true);
  }

  /**
   * One message to the output: a journal entry (returns its cursor) or a line on stderr.
   * `timed`: the message's time was already taken with nextRealtime().
   */
  private append(message: string, timed = false): string {
    if (!this.toJournal) {
      (this.opts.stderr ?? process.stderr).write(`${message}\n`);
      return '';
    }
    const { line, cursor } = this.entryLine(message, timed ? this.lastRealtimeUs : this.nextRealtime());
    fs.appendFileSync(this.opts.file, line);
    return cursor;
  }

  /** Strictly increasing realtime, even for many lines within one millisecond. */
  private nextRealtime(): bigint {
    const nowUs = BigInt(this.opts.clock.now()) * 1000n;
    this.lastRealtimeUs = nowUs > this.lastRealtimeUs ? nowUs : this.lastRealtimeUs + 1n;
    return this.lastRealtimeUs;
  }

  /**
   * Appends many lines (rpc journal.emit, gapless-log tests): each message gets a klog info
   * header and is kept verbatim; written in large batches, each a single append.
   */
  emit(messages: readonly string[]): string {
    let cursor = '';
    const caller = { file: 'kubelet.go', line: 1 };
    for (let start = 0; start < messages.length; start += EMIT_BATCH) {
      let chunk = '';
      for (const body of messages.slice(start, start + EMIT_BATCH)) {
        const realtimeUs = this.nextRealtime();
        const message = this.json
          ? klogJsonLine('I', realtimeUs, caller, body)
          : klogLine(
              'I',
              Number(realtimeUs / 1000n),
              Number(realtimeUs % 1_000_000n),
              this.opts.pid,
              caller,
              body,
            );
        if (!this.toJournal) {
          chunk += `${message}\n`;
          continue;
        }
        const entry = this.entryLine(message, realtimeUs);
        chunk += entry.line;
        cursor = entry.cursor;
      }
      if (this.toJournal) fs.appendFileSync(this.opts.file, chunk);
      else (this.opts.stderr ?? process.stderr).write(chunk);
    }
    return cursor;
  }

  /** Keeps the newest `keep` entries (journalctl --vacuum-*): a temp file renamed over, read in chunks. */
  vacuum(keep: number): number {
    return vacuumJournalFile(this.opts.file, keep);
  }

  private entryLine(message: string, realtimeUs: bigint): { line: string; cursor: string } {
    const identity = this.opts.output?.kind === 'journal' ? this.opts.output.identity : KUBELET_JOURNAL;
    this.seq += 1n;
    const monotonicUs = realtimeUs - this.bootRealtimeUs;
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
      SYSLOG_IDENTIFIER: identity.identifier,
      _TRANSPORT: 'stdout',
      _PID: String(this.opts.pid),
      _UID: '0',
      _GID: '0',
      _COMM: identity.comm,
      _EXE: identity.exe,
      _SYSTEMD_CGROUP: `/system.slice/${identity.unit}`,
      _SYSTEMD_UNIT: identity.unit,
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
