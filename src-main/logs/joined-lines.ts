/**
 * Kubelet records that journald split into one entry per line (docs/kubelet.md §5.1), joined
 * back before they reach the store, so that a multi-line value (`key=<` … ` >`, §5.3) or a
 * stack trace is one row. Each record keeps the journal time of its first line. A record is
 * only known complete when the next one starts, so a live follow flushes after a short quiet
 * spell (LogSession): a continuation that comes later than that is kept as its own row,
 * verbatim — nothing is lost, it is only not joined.
 */
import { KlogMultiLineJoiner } from '../node/journal/klog-multiline';

export interface TimedText {
  text: string;
  timeMs: number;
}

export class JoinedLines {
  private readonly joiner = new KlogMultiLineJoiner();
  private pendingTime: number | null = null;
  private pendingSource: string | undefined;

  get pending(): boolean {
    return this.pendingTime !== null;
  }

  /**
   * Feeds one journal line; returns the records it completed (usually zero or one). A line from
   * another writer (`source`, e.g. systemd's "Stopping kubelet.service") always starts anew.
   */
  push(text: string, timeMs: number, source?: string): TimedText[] {
    const before = this.pendingTime !== null && source !== this.pendingSource ? this.flush() : [];
    this.pendingSource = source;
    const done = this.joiner.push(text);
    if (before.length > 0) return [...before, ...this.timed(done, timeMs)];
    return this.timed(done, timeMs);
  }

  private timed(done: string[], timeMs: number): TimedText[] {
    if (done.length === 0) {
      // Either joined to the pending record, or the first record after a flush.
      this.pendingTime ??= timeMs;
      return [];
    }
    const out = done.map((t) => ({ text: t, timeMs: this.pendingTime ?? timeMs }));
    this.pendingTime = timeMs;
    return out;
  }

  /** The record still being collected. */
  flush(): TimedText[] {
    const time = this.pendingTime ?? 0;
    this.pendingTime = null;
    return this.joiner.flush().map((t) => ({ text: t, timeMs: time }));
  }
}
