// The transport seen by the command layer: "run this command string, give me a duplex channel".
// Implemented by the SSH connection (one exec channel per call) and by a local process spawner
// for tests, so the sudo protocol and quoting are tested without a network.
import type { Readable, Writable } from 'node:stream';

export interface ExitStatus {
  /** Exit code; null when the process died from a signal or the channel closed without one. */
  code: number | null;
  signal: string | null;
}

export interface ExecChannel {
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly stdin: Writable;
  /** Settles when the channel closes; rejects only if the transport itself failed. */
  readonly exit: Promise<ExitStatus>;
  /** Closes the channel: EOF on the remote stdin and channel close (see command-line.ts). */
  close(): void;
}

export interface CommandTransport {
  /** Runs a command string produced by toRemoteCommand(); never any other string. */
  exec(command: string): Promise<ExecChannel>;
  /**
   * Opens an interactive login shell on a PTY (the terminal pane, issue 7 point 4): an SSH
   * `shell` channel, or node-pty for a local node. Absent where the transport has none.
   */
  openShell?(size: ShellSize): Promise<InteractiveShell>;
}

export interface ShellSize {
  cols: number;
  rows: number;
}

/** A shell on a PTY: bytes out, keystrokes in, a window size, and flow control. */
export interface InteractiveShell {
  /** Raw bytes from the PTY (may split a UTF-8 character across two calls). */
  onData(listener: (chunk: Buffer) => void): void;
  /** Once, when the shell has gone (exit, signal, or channel closed). */
  onExit(listener: (status: ExitStatus) => void): void;
  write(data: string): void;
  resize(size: ShellSize): void;
  /** Stops reading from the PTY: the shell blocks on a full PTY/SSH window (flow control). */
  pause(): void;
  resume(): void;
  /** Ends the shell and everything in its session (SIGHUP, as a closed terminal does). */
  close(): void;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: string | null;
}

/** Resolves when a stream has delivered everything (or was torn down). */
function drained(s: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (s.readableEnded || s.destroyed) resolve();
    s.once('end', resolve);
    s.once('close', resolve);
  });
}

/**
 * Reads a channel to its end. Waits for both streams as well as the exit status: the status can
 * arrive in the same packet batch as the last data, before a relaying stream (sudo.ts) has
 * emitted it. A lost connection rejects through `exit` at once.
 */
export async function collect(channel: ExecChannel): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.stdout.on('data', (d: Buffer) => out.push(d));
  channel.stderr.on('data', (d: Buffer) => err.push(d));
  const [status] = await Promise.all([channel.exit, drained(channel.stdout), drained(channel.stderr)]);
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), ...status };
}
