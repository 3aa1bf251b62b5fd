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
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: string | null;
}

/** Reads a channel to its end. */
export async function collect(channel: ExecChannel): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.stdout.on('data', (d: Buffer) => out.push(d));
  channel.stderr.on('data', (d: Buffer) => err.push(d));
  const status = await channel.exit;
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), ...status };
}
