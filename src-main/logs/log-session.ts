/**
 * One follow session: the follower on the node feeding a store in the core, its filtered
 * views, and the status the viewer is told about (small notifications, coalesced: the rows
 * themselves are fetched by range, so a million-line log never crosses the contract at once).
 */
import type { LogFollowState, LogFollowStatus, LogSourceKind } from '../contract/domain/logs';
import { KubeletFileFollower } from '../node/journal/kubelet-file-follower';
import {
  KubeletLogFollower,
  type FollowNodeSession,
  type FollowerOptions,
  type FollowerSink,
} from '../node/journal/kubelet-log-follower';
import { journalMatchText } from '../node/journal/journal-commands';
import { isK3sOwnLine } from '../node/journal/k3s-own-lines';
import { DEFAULT_LOG_TARGET, type KubeletLogTarget } from './log-target';
import { JoinedLines, type TimedText } from './joined-lines';
import { LogStore, ROW_GAP, Sev } from './log-store';
import { LogViews } from './log-views';
import { sniffSeverity } from './severity-sniff';

/** A record still open this long after the last line is stored as it is (joined-lines.ts). */
const JOIN_QUIET_MS = 150;
/** History of a file source on a fresh start: about this many bytes a line asked for. */
const FILE_BYTES_PER_LINE = 512;
const FILE_HISTORY_MAX_BYTES = 8 * 1024 * 1024;

interface Follower {
  start(): Promise<void>;
  stop(): void;
}

export class LogSession {
  readonly store: LogStore;
  readonly views: LogViews;
  private follower: Follower | null = null;
  private stopped = false;
  private origin: string | undefined;
  private state: LogFollowState = 'starting';
  private source: LogSourceKind = 'none';
  private message: string | undefined;
  private received = 0;
  private gaps = 0;
  private readonly listeners = new Set<() => void>();
  private readonly joined = new JoinedLines();
  private joinTimer: NodeJS.Timeout | null = null;
  /** Settles when the follower's loop ends (stopped, complete). */
  readonly done: Promise<void>;

  private target: KubeletLogTarget = DEFAULT_LOG_TARGET;

  constructor(
    readonly id: string,
    session: () => FollowNodeSession,
    capacity: number,
    options: FollowerOptions,
    /** Where the set-up keeps the kubelet's log (log-target.ts); the `kubelet` journal when not given. */
    target: () => Promise<KubeletLogTarget> = () => Promise.resolve(DEFAULT_LOG_TARGET),
  ) {
    this.store = new LogStore(capacity);
    this.views = new LogViews(this.store);
    const sink: FollowerSink = {
      lines: (lines) => {
        // Before joining: a k3s line after a kubelet record is not that record's continuation.
        const dropK3s = this.target.kind !== 'none' && this.target.drop === 'k3s-own';
        for (const line of lines) {
          if (dropK3s && isK3sOwnLine(line.text)) continue;
          this.storeRows(this.joined.push(line.text, line.timeMs, line.source));
        }
        this.received += lines.length;
        this.scheduleFlush();
        this.changed();
      },
      gap: (text, timeMs) => {
        this.flushJoined();
        this.store.append(text, timeMs, Sev.Unknown, ROW_GAP);
        this.received += 1;
        this.gaps += 1;
        this.changed();
      },
      state: (state, source, message) => {
        this.state = state;
        this.source = source;
        this.message = message;
        this.origin = this.originOfJournal(source);
        this.changed();
      },
    };
    this.done = target()
      .catch(() => DEFAULT_LOG_TARGET)
      .then((found) => {
        this.target = found;
        const follower = this.followerFor(found, session, sink, options);
        if (!follower) return;
        this.follower = follower;
        if (this.stopped) follower.stop();
        return follower.start();
      })
      .then(
        () => {
          this.flushJoined();
          if (this.state !== 'complete' && this.state !== 'failed')
            this.state = options.follow ? this.state : 'complete';
          if (!options.follow && this.state !== 'failed') this.state = 'complete';
          this.changed();
        },
        (error: unknown) => {
          this.state = 'failed';
          this.message = error instanceof Error ? error.message : String(error);
          this.changed();
        },
      );
  }

  status(): LogFollowStatus {
    return {
      session: this.id,
      state: this.state,
      source: this.source,
      total: this.store.size,
      received: this.received,
      evicted: this.store.firstSeq,
      gaps: this.gaps,
      capacity: this.store.capacity,
      ...(this.message ? { message: this.message } : {}),
      ...(this.origin ? { origin: this.origin } : {}),
    };
  }

  private followerFor(
    target: KubeletLogTarget,
    session: () => FollowNodeSession,
    sink: FollowerSink,
    options: FollowerOptions,
  ): Follower | null {
    if (target.kind === 'none') {
      this.origin = undefined;
      this.state = 'failed';
      this.message = `No kubelet log to follow: ${target.why}`;
      this.changed();
      return null;
    }
    if (target.kind === 'journal')
      return new KubeletLogFollower(session, sink, {
        ...options,
        names: target.names,
        k0sWrapped: target.k0sWrapped,
        user: target.user,
      });
    this.origin = `${target.path} — ${target.why}`;
    this.source = 'log-file';
    return new KubeletFileFollower(
      session,
      {
        lines: sink.lines,
        gap: sink.gap,
        state: (state, message) => sink.state(state, 'log-file', message),
      },
      {
        path: target.path,
        follow: options.follow,
        historyBytes: Math.min(FILE_HISTORY_MAX_BYTES, options.history * FILE_BYTES_PER_LINE),
        user: target.user,
        retryMs: options.retryMs,
      },
    );
  }

  private originOfJournal(source: LogSourceKind): string | undefined {
    if (this.target.kind !== 'journal') return this.origin;
    if (source === 'log-files') return '/var/log/syslog, /var/log/messages (no journal on the node)';
    if (source !== 'journal-unit' && source !== 'journal-identifier') return undefined;
    const text = journalMatchText(source === 'journal-unit' ? 'unit' : 'identifier', this.target.names);
    return this.target.why ? `${text} — ${this.target.why}` : text;
  }

  /** Called (synchronously) on every change; the stream provider coalesces. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    this.follower?.stop();
    this.flushJoined();
    this.views.dispose();
  }

  private storeRows(rows: TimedText[]): void {
    for (const row of rows) this.store.append(row.text, row.timeMs, sniffSeverity(row.text));
  }

  private scheduleFlush(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = this.joined.pending ? setTimeout(() => this.flushJoined(true), JOIN_QUIET_MS) : null;
  }

  private flushJoined(notify = false): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    const rows = this.joined.flush();
    this.storeRows(rows);
    if (notify && rows.length > 0) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
