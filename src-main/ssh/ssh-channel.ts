// One ssh2 exec channel as an ExecChannel, with its queue slot and the connection-loss rule:
// docs/security.md › SSH: "Wrap channel and SFTP opens in timeouts; settle every pending call when a
// connection dies."
import type { Client, ClientChannel } from 'ssh2';
import { ConnectionLostError, SshTimeoutError } from './errors.js';
import type { ExecChannel, ExitStatus } from './transport.js';

/** What the connection keeps of each open channel so it can fail it when the link dies. */
export interface TrackedChannel {
  fail(err: Error): void;
}

/**
 * A place in the connection's channel queue (connection.ts channelSlot): the last hop's client
 * and the rules every channel opened on it follows, an exec channel or a shell (ssh-shell.ts).
 */
export interface ChannelSlot {
  client: Client;
  openTimeoutMs: number;
  /** Frees the queue slot; called exactly once, when the channel is gone (or never opened). */
  release: () => void;
  /** Lets the connection fail the channel when the link dies; returns the untracking. */
  track: (t: TrackedChannel) => () => void;
  /** The error the connection died with, if it did. */
  lostError: () => Error | null;
}

export interface OpenChannelOptions extends ChannelSlot {
  command: string;
}

/**
 * sshd frees a session slot in its main loop after it has processed our CLOSE, so an OPEN sent
 * right after a close can still find MaxSessions taken (seen on OpenSSH 9.2 with 9 channels in
 * flight: "Channel open failure: open failed"). Such a refusal is retried after a short pause;
 * the queue (≤ MaxSessions − 1) keeps it rare, the retry keeps it invisible.
 */
const OPEN_RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800];

function isSessionLimit(err: Error): boolean {
  return /Channel open failure/i.test(err.message);
}

export function openExecChannel(o: OpenChannelOptions): Promise<ExecChannel> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new SshTimeoutError(`opening an SSH channel took longer than ${o.openTimeoutMs} ms`));
    }, o.openTimeoutMs);

    const attempt = (n: number): void => {
      o.client.exec(o.command, (err: Error | undefined, stream: ClientChannel) => {
        if (err) {
          const delay = OPEN_RETRY_DELAYS_MS[n];
          if (!timedOut && delay !== undefined && isSessionLimit(err) && !o.lostError()) {
            setTimeout(() => (timedOut ? o.release() : attempt(n + 1)), delay);
            return;
          }
          clearTimeout(timer);
          o.release();
          if (!timedOut) reject(o.lostError() ?? err);
          return;
        }
        clearTimeout(timer);
        if (timedOut) {
          // Too late: nobody waits for it any more. Close it; the slot frees on its close event.
          stream.once('close', o.release);
          stream.close();
          return;
        }
        resolve(wrap(stream, o));
      });
    };
    attempt(0);
  });
}

function wrap(stream: ClientChannel, o: OpenChannelOptions): ExecChannel {
  let status: ExitStatus | null = null;
  let settle: { resolve: (s: ExitStatus) => void; reject: (e: Error) => void } | null = null;
  const exit = new Promise<ExitStatus>((resolve, reject) => (settle = { resolve, reject }));
  exit.catch(() => undefined); // callers may never look at exit; the rejection is still delivered to those who do
  let settled = false;
  const finish = (fn: (s: NonNullable<typeof settle>) => void): void => {
    if (settled || !settle) return;
    settled = true;
    fn(settle);
  };
  const untrack = o.track({
    fail: (e) => {
      finish((s) => s.reject(e));
      stream.destroy();
    },
  });
  stream.on('exit', (code: number | null, signal?: string) => {
    status = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
  });
  stream.on('error', () => undefined); // surfaced through exit / connection state instead
  stream.stderr.on('error', () => undefined);
  stream.once('close', () => {
    o.release();
    untrack();
    if (status) {
      const s = status;
      finish((x) => x.resolve(s));
      return;
    }
    // ssh2 closes channels while tearing a dead connection down, possibly before the client's
    // own 'close': look once more after the current tick.
    setTimeout(() => {
      const lost = o.lostError();
      finish((x) => (lost ? x.reject(lost) : x.resolve({ code: null, signal: null })));
    }, 10);
  });
  return {
    stdout: stream,
    stderr: stream.stderr,
    stdin: stream,
    exit,
    close: () => {
      // EOF first (the follow wrapper's watcher sees it), then CLOSE (sshd closes the pipes).
      // Drain what is still unread: ssh2 emits 'close' only after both streams ended.
      stream.end();
      stream.close();
      stream.resume();
      stream.stderr.resume();
    },
  };
}

export function lostError(reason: string): ConnectionLostError {
  return new ConnectionLostError(`SSH connection lost: ${reason}`);
}
