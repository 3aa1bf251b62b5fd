/**
 * One follow session: the follower on the node feeding a store in the core, its filtered
 * views, and the status the viewer is told about (small notifications, coalesced: the rows
 * themselves are fetched by range, so a million-line log never crosses the contract at once).
 */
import type { LogFollowState, LogFollowStatus, LogSourceKind } from '../contract/domain/logs';
import {
  KubeletLogFollower,
  type FollowNodeSession,
  type FollowerOptions,
} from '../node/journal/kubelet-log-follower';
import { JoinedLines, type TimedText } from './joined-lines';
import { LogStore, ROW_GAP, Sev } from './log-store';
import { LogViews } from './log-views';
import { sniffSeverity } from './severity-sniff';

/** A record still open this long after the last line is stored as it is (joined-lines.ts). */
const JOIN_QUIET_MS = 150;

export class LogSession {
  readonly store: LogStore;
  readonly views: LogViews;
  private readonly follower: KubeletLogFollower;
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

  constructor(
    readonly id: string,
    session: () => FollowNodeSession,
    capacity: number,
    options: FollowerOptions,
  ) {
    this.store = new LogStore(capacity);
    this.views = new LogViews(this.store);
    this.follower = new KubeletLogFollower(
      session,
      {
        lines: (lines) => {
          for (const line of lines) this.storeRows(this.joined.push(line.text, line.timeMs, line.source));
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
          this.changed();
        },
      },
      options,
    );
    this.done = this.follower.start().then(
      () => {
        this.flushJoined();
        if (this.state !== 'complete' && this.state !== 'failed')
          this.state = options.follow ? this.state : 'complete';
        if (!options.follow) this.state = 'complete';
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
    };
  }

  /** Called (synchronously) on every change; the stream provider coalesces. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.follower.stop();
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
