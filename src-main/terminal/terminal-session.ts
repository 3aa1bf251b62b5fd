/**
 * One open terminal: the shell on the node's PTY on one side, the contract stream on the
 * other. Output is decoded to whole characters, gathered for one turn of the event loop (a
 * PTY hands out many small reads; one event per read would flood the window), cut into
 * events of at most MAX_EVENT_CHARS, and the PTY is paused while the client is behind
 * (flow-control.ts). Memory held here is bounded: reading stops at the limits, and at most one
 * PTY read arrives after a pause.
 */
import type { TerminalEvent } from '../contract/ops/terminal';
import type { StreamSink } from '../contract/stream-sink';
import type { InteractiveShell, ShellSize } from '../ssh/transport';
import { OutputFlow } from './flow-control';
import { Utf8StreamDecoder } from '../ssh/utf8-stream-decoder';
import { splitText } from './utf8-chunks';

/** Characters per output event: large enough for throughput, small enough for one frame. */
export const MAX_EVENT_CHARS = 64 * 1024;

export interface TerminalSessionOptions {
  sessionId: string;
  /** The node the shell runs on. */
  nodeId: string;
  title: string;
  ackOutput: boolean;
  /** Called once the session is over (shell gone or stream closed). */
  onDone(): void;
}

export class TerminalSession {
  readonly flow: OutputFlow;
  private readonly decoder = new Utf8StreamDecoder();
  private pending = '';
  private flushScheduled = false;
  private done = false;
  private mostBuffered = 0;

  constructor(
    private readonly shell: InteractiveShell,
    private readonly sink: StreamSink<TerminalEvent>,
    private readonly options: TerminalSessionOptions,
  ) {
    this.flow = new OutputFlow({ ackOutput: options.ackOutput });
    sink.push({ type: 'ready', sessionId: options.sessionId, title: options.title });
    sink.onResume(() => this.drain());
    shell.onData((chunk) => this.receive(chunk));
    shell.onExit((status) => {
      this.pending += this.decoder.flush();
      this.flushAll();
      sink.push({ type: 'exit', code: status.code, signal: status.signal });
      this.finish();
      sink.end();
    });
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** The most output ever held here waiting for the client (characters): bounded by design. */
  get maxBufferedChars(): number {
    return this.mostBuffered;
  }

  get ended(): boolean {
    return this.done;
  }

  write(data: string): void {
    this.shell.write(data);
  }

  resize(size: ShellSize): void {
    this.shell.resize(size);
  }

  acknowledge(chars: number): void {
    this.flow.acknowledged(chars);
    this.drain();
  }

  /** The client closed the stream: end the shell on the node. */
  close(): void {
    this.finish();
    this.shell.close();
  }

  private receive(chunk: Buffer): void {
    if (this.done) return;
    this.pending += this.decoder.decode(chunk);
    this.mostBuffered = Math.max(this.mostBuffered, this.pending.length);
    if (this.pending.length >= MAX_EVENT_CHARS) this.drain();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.drain();
      });
    }
  }

  /** Sends what is pending while the limits allow, then pauses or resumes the PTY. */
  private drain(): void {
    if (this.done) return;
    while (this.pending.length > 0 && !this.sink.paused && !this.flow.full) {
      const [piece = ''] = splitText(this.pending.slice(0, MAX_EVENT_CHARS + 1), MAX_EVENT_CHARS);
      this.pending = this.pending.slice(piece.length);
      this.send(piece);
    }
    const decision = this.flow.update(this.sink.paused);
    if (decision === 'pause') this.shell.pause();
    else if (decision === 'resume') this.shell.resume();
  }

  /** At the end everything left goes out regardless of the window: the stream is closing. */
  private flushAll(): void {
    for (const piece of splitText(this.pending, MAX_EVENT_CHARS)) this.send(piece);
    this.pending = '';
  }

  private send(data: string): void {
    this.flow.sent(data.length);
    this.sink.push({ type: 'output', data });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.options.onDone();
  }
}
