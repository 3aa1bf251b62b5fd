/**
 * An interactive shell over SSH: a `session` channel with a PTY (`pty-req` xterm-256color)
 * and a `shell` request, as `ssh -t node` opens. Window changes go as `window-change`
 * requests; flow control is ssh2's channel window (a paused channel stops adjusting it, so
 * sshd stops reading the PTY and the shell blocks). Closing the channel makes sshd hang up
 * the PTY: the shell and its jobs get SIGHUP (sshd(8), session.c), no orphans.
 */
import type { ClientChannel } from 'ssh2';
import type { ChannelSlot } from './ssh-channel.js';
import type { ExitStatus, InteractiveShell, ShellSize } from './transport.js';

/** What SshConnection.openShell hands over: the same slot and loss rules as its exec channels. */
export interface ShellChannelOptions extends ChannelSlot {
  size: ShellSize;
}

export function openSshShell(o: ShellChannelOptions): Promise<InteractiveShell> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`opening a terminal took longer than ${o.openTimeoutMs} ms`));
    }, o.openTimeoutMs);
    const window = { term: 'xterm-256color', cols: o.size.cols, rows: o.size.rows, width: 0, height: 0 };
    o.client.shell(window, (error: Error | undefined, channel: ClientChannel) => {
      clearTimeout(timer);
      if (error) {
        o.release();
        if (!timedOut) reject(o.lostError() ?? error);
        return;
      }
      if (timedOut) {
        channel.once('close', o.release);
        channel.close();
        return;
      }
      resolve(wrapShell(channel, o));
    });
  });
}

function wrapShell(channel: ClientChannel, o: ShellChannelOptions): InteractiveShell {
  let status: ExitStatus | null = null;
  let closed = false;
  const exitListeners: Array<(status: ExitStatus) => void> = [];
  const finish = (result: ExitStatus): void => {
    if (closed) return;
    closed = true;
    for (const listener of exitListeners.splice(0)) listener(result);
  };
  const untrack = o.track({ fail: () => channel.destroy() });
  channel.on('exit', (code: number | null, signal?: string) => {
    status = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
  });
  channel.on('error', () => undefined); // a lost connection shows as the close below
  channel.stderr.on('error', () => undefined);
  channel.once('close', () => {
    o.release();
    untrack();
    finish(status ?? { code: null, signal: o.lostError() ? 'connection lost' : null });
  });
  return {
    onData(listener) {
      // With a PTY, sshd sends everything on the one stream; stderr stays for odd servers.
      channel.on('data', listener);
      channel.stderr.on('data', listener);
    },
    onExit(listener) {
      if (closed && status) listener(status);
      else exitListeners.push(listener);
    },
    write(data) {
      if (!closed) channel.write(data);
    },
    resize(size) {
      if (!closed) channel.setWindow(size.rows, size.cols, 0, 0);
    },
    pause: () => channel.pause(),
    resume: () => channel.resume(),
    close() {
      if (closed) return;
      channel.resume();
      channel.end();
      channel.close();
    },
  };
}
