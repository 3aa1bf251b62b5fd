/**
 * Follows the kubelet's log on a node without a gap (issue 7 point 1, docs/security.md "Logs"):
 * finds the source once (journal unit, else identifier — docs/kubelet.md §5.1 —, else the
 * syslog files), streams it with `-f` (closing the stream stops it on the node), and keeps the
 * cursor of the last delivered entry. When the command or the connection ends, it resumes with
 * `--cursor` at that entry (inclusive), and the resumed command's FIRST entry decides: the
 * cursor's own entry (dropped: nothing repeated) means the journal is whole from there;
 * journalctl silently moves to the nearest entry when the cursor's entry was vacuumed, so any
 * other entry means lines may be gone, and the follower reports a gap rather than pretend the
 * log is whole. Check and follow are one command: no vacuum can slip between them (a separate
 * `--cursor C -n 1` probe before an `--after-cursor` follow left that window open; and real
 * journalctl's `--after-cursor` skips one entry blindly, so a vacuumed cursor lost a line).
 */
import type { LogSourceKind } from '../../contract/domain/logs';
import type { NodeSession } from '../session/node-session';
import { parseFollowedEntry } from './followed-entry';
import {
  isKubeletSyslogLine,
  kubeletJournalCommand,
  kubeletLogFilesCommand,
  type KubeletJournalNames,
} from './journal-commands';
import { unwrapK0sKubeletLine } from './k0s-wrapped';
import { detectKubeletLogSource, journalMatchOf } from './kubelet-log-source';
import { StreamLineSplitter } from './line-splitter';

export type FollowNodeSession = Pick<NodeSession, 'run' | 'stream' | 'name'>;

export interface FollowedLine {
  text: string;
  timeMs: number;
  /** The writer (identifier|pid) where the source tells it; lines of one record share it. */
  source?: string;
}

export interface FollowerSink {
  lines(lines: FollowedLine[]): void;
  gap(text: string, timeMs: number): void;
  state(
    state: 'starting' | 'following' | 'reconnecting' | 'complete' | 'failed',
    source: LogSourceKind,
    message?: string,
  ): void;
}

export interface FollowerOptions {
  history: number;
  follow: boolean;
  since?: string;
  /** Wait before a resume after the stream ended (ms). */
  retryMs?: number;
  /** How long the first unit read may stay silent before the source probe runs (ms). */
  probeAfterMs?: number;
  /** The set-up's journal units and identifiers (discovery); `kubelet` when not given. */
  names?: KubeletJournalNames;
  /** k0s wraps each kubelet line in a logrus line (k0s-wrapped.ts): keep only those, unwrapped. */
  k0sWrapped?: boolean;
  /** The login user, for "no permission as …" messages. */
  user?: string;
}

export class KubeletLogFollower {
  private stopped = false;
  private lastCursor: string | null = null;
  private lastTimeMs = 0;
  private source: LogSourceKind = 'none';
  private current: { close(): void } | null = null;
  private wake: (() => void) | null = null;
  /** The source probe, run when the first (unit) read stays silent; an entry settles it. */
  private detection: Promise<void> | null = null;
  private detectTimer: NodeJS.Timeout | null = null;
  private provisional = false;
  private entrySeen = false;

  constructor(
    private readonly session: () => FollowNodeSession,
    private readonly sink: FollowerSink,
    private readonly options: FollowerOptions,
  ) {}

  get cursor(): string | null {
    return this.lastCursor;
  }

  start(): Promise<void> {
    return this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.cancelProbe();
    this.current?.close();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    this.sink.state('starting', this.source);
    let failures = 0;
    while (!this.stopped) {
      try {
        const session = this.session();
        if (this.source === 'none') this.startWithUnit(session);
        if (this.stopped) break;
        const ranAs = this.source;
        const finished = await this.runOnce(session);
        failures = 0;
        if (this.provisional) {
          if (!this.entrySeen && !this.stopped) await this.probe(session);
          this.cancelProbe();
          this.provisional = false;
          if (this.source !== ranAs && !this.stopped) continue; // the probe chose another source
        }
        if (finished || this.stopped) break;
        this.sink.state(
          'reconnecting',
          this.source,
          'The log stream ended; resuming after the last line received.',
        );
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        const reason = error instanceof Error ? error.message : String(error);
        this.sink.state('reconnecting', this.source, `${reason} — retrying.`);
      }
      await this.pause(Math.min(5_000, (this.options.retryMs ?? 200) * Math.max(1, failures)));
    }
  }

  /**
   * The unit is the common case (docs/kubelet.md §5.1): read it at once. Only when that read
   * stays silent (or ends empty) does the probe run — on a big journal it costs as much as the
   * read itself — and its answer (the identifier, or the log files where there is no journal)
   * closes the unit read so that the loop switches.
   */
  private startWithUnit(session: FollowNodeSession): void {
    this.source = 'journal-unit';
    this.provisional = true;
    this.detectTimer = setTimeout(() => void this.probe(session), this.options.probeAfterMs ?? 1_000);
  }

  private probe(session: FollowNodeSession): Promise<void> {
    if (this.detectTimer) clearTimeout(this.detectTimer);
    this.detectTimer = null;
    this.detection ??= detectKubeletLogSource(session, this.options.names).then(
      (found) => {
        if (found === 'journal-unit' || this.entrySeen || this.stopped) return;
        this.source = found;
        this.current?.close();
      },
      () => undefined, // the unit read reports its own errors
    );
    return this.detection;
  }

  private cancelProbe(): void {
    if (this.detectTimer) clearTimeout(this.detectTimer);
    this.detectTimer = null;
    this.detection = null;
  }

  /** One command to its end; true when the session is complete (a non-follow read). */
  private async runOnce(session: FollowNodeSession): Promise<boolean> {
    if (this.source === 'log-files') return this.runFiles(session);
    const match = journalMatchOf(this.source);
    const resumeAt = this.lastCursor;
    let checked = resumeAt === null;
    const command = kubeletJournalCommand({
      match,
      follow: this.options.follow,
      lines: this.options.history,
      since: this.options.since,
      fromCursor: resumeAt ?? undefined,
      names: this.options.names,
    });
    const code = await this.consume(session, command, (line, flush) => {
      const entry = parseFollowedEntry(line);
      if (!entry) return null;
      if (!this.entrySeen) {
        this.entrySeen = true;
        if (this.detectTimer) clearTimeout(this.detectTimer); // the unit has the log: no probe
        this.detectTimer = null;
      }
      if (!checked) {
        checked = true;
        if (entry.cursor === resumeAt) return null;
        flush();
        this.reportGap(entry.timeMs);
      }
      if (entry.cursor !== null && entry.cursor === this.lastCursor) return null;
      if (entry.cursor !== null) this.lastCursor = entry.cursor;
      if (entry.timeMs > 0) this.lastTimeMs = entry.timeMs;
      if (this.options.k0sWrapped) {
        const inner = unwrapK0sKubeletLine(entry.message);
        return inner === null ? null : { text: inner, timeMs: entry.timeMs, source: entry.source };
      }
      return { text: entry.message, timeMs: entry.timeMs, source: entry.source };
    });
    return !this.options.follow && code === 0;
  }

  private async runFiles(session: FollowNodeSession): Promise<boolean> {
    if (this.lastTimeMs > 0) {
      // Files have no cursor: what was written during the outage cannot be fetched exactly.
      this.sink.gap(
        'Lines written while the connection was down may be missing: log files have no journal cursor.',
        Date.now(),
      );
    }
    const lines = this.lastTimeMs > 0 ? 0 : this.options.history;
    const code = await this.consume(session, kubeletLogFilesCommand(this.options.follow, lines), (line) => {
      if (!isKubeletSyslogLine(line)) return null;
      this.lastTimeMs = Date.now();
      return { text: line, timeMs: this.lastTimeMs };
    });
    return !this.options.follow && code !== null;
  }

  /** The resumed journal did not start at the last delivered entry: it was vacuumed or rotated. */
  private reportGap(nextTimeMs: number): void {
    const after =
      nextTimeMs > 0 ? ` The journal now continues at ${new Date(nextTimeMs).toISOString()}.` : '';
    this.sink.gap(
      `Gap: the journal no longer has the entries after ${new Date(this.lastTimeMs).toISOString()} (vacuumed or rotated while disconnected).${after}`,
      this.lastTimeMs,
    );
  }

  private async consume(
    session: FollowNodeSession,
    command: ReturnType<typeof kubeletJournalCommand>,
    /** `flush` delivers the lines collected so far, so that a gap marker lands in order. */
    toLine: (line: string, flush: () => void) => FollowedLine | null,
  ): Promise<number | null> {
    const channel = await session.stream(command);
    this.current = channel;
    if (this.stopped) channel.close();
    this.sink.state(this.options.follow ? 'following' : 'starting', this.source);
    const splitter = new StreamLineSplitter();
    channel.stdout.on('data', (chunk: Buffer) => {
      let batch: FollowedLine[] = [];
      const flush = () => {
        if (batch.length > 0 && !this.stopped) this.sink.lines(batch);
        batch = [];
      };
      for (const line of splitter.push(chunk)) {
        if (line.length === 0) continue;
        const row = toLine(line, flush);
        if (row) batch.push(row);
      }
      flush();
    });
    let stderr = '';
    let refusedSaid = false;
    channel.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
      const refused = refusedSaid ? null : journalRefusal(stderr, this.options.user);
      if (refused && !this.stopped) {
        refusedSaid = true;
        this.sink.state(this.options.follow ? 'following' : 'starting', this.source, refused);
      }
    });
    // stdin stays open: its EOF is what stops the command on the node (ssh/command-line.ts).
    try {
      // The exit status can come before the last data has been emitted (ssh/transport.ts).
      const ended = new Promise<void>((resolve) => {
        if (channel.stdout.readableEnded || channel.stdout.destroyed) resolve();
        channel.stdout.once('end', resolve);
        channel.stdout.once('close', resolve);
      });
      const [status] = await Promise.all([channel.exit, ended]);
      return status.code;
    } finally {
      splitter.discardTail();
      this.current = null;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/**
 * journalctl run by a user outside the journal's groups reads only that user's own journal and
 * says so on stderr (systemd journalctl.c: "No journal files were opened due to insufficient
 * permissions", or the hint "You are currently not seeing messages from other users and the
 * system"): the pane must say why it shows nothing, never that the kubelet logged nothing.
 */
export function journalRefusal(stderr: string, user?: string): string | null {
  if (!/insufficient permissions|not seeing messages from other users|Permission denied/i.test(stderr))
    return null;
  const who = user ? ` as ${user}` : '';
  return `No permission to read the system journal${who}: the kubelet's lines are readable by root and the systemd-journal and adm groups only.`;
}
