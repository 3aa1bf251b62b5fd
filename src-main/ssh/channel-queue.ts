// A counting semaphore for session channels on one connection.
// docs/security.md › SSH: "OpenSSH allows 10 sessions per connection by default: queue channels below
// that." We allow MaxSessions − 1 at once so a terminal or SFTP session can still open.
import { ConnectionLostError, SshTimeoutError } from './errors.js';

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

export class ChannelQueue {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly limit: number) {
    if (limit < 1) throw new Error('channel limit must be at least 1');
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Waits for a free slot; the returned function frees it (idempotent). */
  acquire(timeoutMs?: number): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, reject, timer: undefined };
      if (timeoutMs !== undefined) {
        w.timer = setTimeout(() => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new SshTimeoutError(`no free SSH channel within ${timeoutMs} ms (${this.active} in use)`));
        }, timeoutMs);
      }
      this.waiters.push(w);
    });
  }

  /** Rejects every waiter (the connection died); slots in use are freed by their owners. */
  rejectAll(reason: string): void {
    for (const w of this.waiters.splice(0)) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(new ConnectionLostError(reason));
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) {
        if (next.timer) clearTimeout(next.timer);
        next.resolve(this.releaser()); // the slot passes straight to the next waiter
      } else {
        this.active--;
      }
    };
  }
}
