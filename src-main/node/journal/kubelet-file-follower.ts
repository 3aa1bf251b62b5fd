/**
 * Follows a kubelet log kept in a file (RKE2's agent/logs/kubelet.log, a kubelet's --log-file)
 * as the journal follower follows journald: streamed with the command stopped on the node when
 * the stream closes, resumed after a dropped connection at the checkpoint of the last complete
 * line delivered (inode + offset, file-follow-command.ts), with rotation followed and every
 * loss reported as a gap rather than hidden. Lines carry no journal time (timeMs 0): the
 * klog header's own time is what the viewer shows.
 */
import type { NodeSession } from '../session/node-session';
import { accessFailure } from '../session/access-failure';
import { fileFollowCommand, type FileCheckpoint } from './file-follow-command';
import { FileFollowFrames } from './file-follow-frames';

export type FileFollowSession = Pick<NodeSession, 'stream' | 'name'>;

export interface FileLine {
  text: string;
  timeMs: number;
}

export interface FileFollowerSink {
  lines(lines: FileLine[]): void;
  gap(text: string, timeMs: number): void;
  state(state: 'starting' | 'following' | 'reconnecting' | 'complete' | 'failed', message?: string): void;
}

export interface FileFollowerOptions {
  path: string;
  follow: boolean;
  /** Bytes of history on the first start (the file's tail). */
  historyBytes: number;
  /** The login user, for "no permission as …" messages. */
  user?: string;
  retryMs?: number;
  pollSeconds?: number;
}

export class KubeletFileFollower {
  private stopped = false;
  private checkpoint: FileCheckpoint | null = null;
  private current: { close(): void } | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly session: () => FileFollowSession,
    private readonly sink: FileFollowerSink,
    private readonly options: FileFollowerOptions,
  ) {}

  /** Where a resume would start: after the last complete line delivered. */
  get position(): FileCheckpoint | null {
    return this.checkpoint;
  }

  stop(): void {
    this.stopped = true;
    this.current?.close();
    this.wake?.();
  }

  async start(): Promise<void> {
    this.sink.state('starting');
    let failures = 0;
    while (!this.stopped) {
      try {
        const outcome = await this.runOnce(this.session());
        if (outcome.kind === 'failed') {
          this.sink.state('failed', outcome.message);
          return;
        }
        failures = 0;
        if (!this.options.follow || this.stopped) break;
        this.sink.state('reconnecting', 'The log stream ended; resuming after the last line received.');
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        this.sink.state(
          'reconnecting',
          `${error instanceof Error ? error.message : String(error)} — retrying.`,
        );
      }
      await this.pause(Math.min(5_000, (this.options.retryMs ?? 200) * Math.max(1, failures)));
    }
    if (!this.options.follow) this.sink.state('complete');
  }

  private async runOnce(
    session: FileFollowSession,
  ): Promise<{ kind: 'ended' } | { kind: 'failed'; message: string }> {
    const channel = await session.stream(
      fileFollowCommand({
        path: this.options.path,
        follow: this.options.follow,
        historyBytes: this.options.historyBytes,
        checkpoint: this.checkpoint,
        pollSeconds: this.options.pollSeconds,
      }),
    );
    this.current = channel;
    if (this.stopped) channel.close();
    if (this.options.follow) this.sink.state('following');
    let protocolError: string | null = null;
    const frames = new FileFollowFrames((event) => {
      if (this.stopped) return;
      switch (event.kind) {
        case 'lines':
          this.checkpoint = event.checkpoint;
          this.sink.lines(event.lines.map((text) => ({ text, timeMs: 0 })));
          return;
        case 'gap':
          this.sink.gap(`Gap: ${event.detail}.`, Date.now());
          return;
        case 'rotated':
          return;
        case 'protocol-error':
          protocolError = event.detail;
          channel.close();
      }
    });
    let stderr = '';
    channel.stdout.on('data', (chunk: Buffer) => frames.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    const ended = new Promise<void>((resolve) => {
      channel.stdout.once('end', resolve);
      channel.stdout.once('close', resolve);
    });
    try {
      const [status] = await Promise.all([channel.exit, ended]);
      if (protocolError)
        return {
          kind: 'failed',
          message: `Unexpected output while reading ${this.options.path}: ${protocolError}`,
        };
      if (status.code === 2) {
        const refused = accessFailure(stderr, this.options.user ?? '');
        return {
          kind: 'failed',
          message: refused
            ? `Could not read ${this.options.path}: ${refused.reason}.`
            : `Could not open ${this.options.path}: ${stderr.trim().split('\n').pop() || 'it does not exist'}.`,
        };
      }
      return { kind: 'ended' };
    } finally {
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
