/**
 * The follow sessions of a core, by id. A session lives as long as the `logs.follow` stream
 * that opened it (closing the stream stops journalctl on the node and frees the store), plus
 * a short grace period so that the last rows can still be fetched or exported.
 */
import { randomUUID } from 'node:crypto';
import { ContractError } from '../contract';
import type { FollowNodeSession, FollowerOptions } from '../node/journal/kubelet-log-follower';
import { LogSession } from './log-session';
import type { KubeletLogTarget } from './log-target';

export class LogSessions {
  private readonly sessions = new Map<string, LogSession>();

  open(
    session: () => FollowNodeSession,
    capacity: number,
    options: FollowerOptions,
    target?: () => Promise<KubeletLogTarget>,
  ): LogSession {
    const log = new LogSession(randomUUID(), session, capacity, options, target);
    this.sessions.set(log.id, log);
    return log;
  }

  get(id: string): LogSession {
    const log = this.sessions.get(id);
    if (!log) {
      throw new ContractError({
        code: 'not-found',
        message: 'This log session has ended.',
        hint: 'Open the log again to follow it.',
      });
    }
    return log;
  }

  /** Stops the follower now; the rows stay readable for `graceMs`. */
  close(id: string, graceMs = 30_000): void {
    const log = this.sessions.get(id);
    if (!log) return;
    log.stop();
    const timer = setTimeout(() => {
      if (this.sessions.get(id) === log) this.sessions.delete(id);
    }, graceMs);
    timer.unref();
  }

  dispose(): void {
    for (const log of this.sessions.values()) log.stop();
    this.sessions.clear();
  }
}
