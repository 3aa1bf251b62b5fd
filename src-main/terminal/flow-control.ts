/**
 * When the shell must stop being read (issue 7 point 4: `cat` of a large file must not freeze
 * the UI, and nothing may pile up unbounded in the core). Two limits, both must be clear:
 *
 *  - the stream's event window (StreamSink.paused, credit-based, protocol.ts): the client has
 *    not yet taken the events already sent;
 *  - with ackOutput, the characters the client's terminal has not yet drawn (terminal.ack):
 *    a high and a low watermark, so the shell does not flap between paused and running on
 *    every acknowledgement (the same scheme as VS Code's terminal).
 *
 * Pure bookkeeping: the caller pauses and resumes the PTY when `update` says so.
 */

export const HIGH_WATERMARK_CHARS = 256 * 1024;
export const LOW_WATERMARK_CHARS = 32 * 1024;

export interface FlowOptions {
  /** Count output against acknowledgements from the client (TerminalOpenArgs.ackOutput). */
  ackOutput: boolean;
  high?: number;
  low?: number;
}

export type FlowDecision = 'pause' | 'resume' | 'none';

export class OutputFlow {
  private unacknowledged = 0;
  private pausedNow = false;
  private pauses = 0;
  private readonly high: number;
  private readonly low: number;

  constructor(private readonly options: FlowOptions) {
    this.high = options.high ?? HIGH_WATERMARK_CHARS;
    this.low = options.low ?? LOW_WATERMARK_CHARS;
    if (this.low > this.high) throw new Error('OutputFlow: low watermark above high watermark');
  }

  /** Characters sent and not yet acknowledged (0 without ackOutput). */
  get pending(): number {
    return this.unacknowledged;
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** How many times the producer was told to pause (diagnostics and tests). */
  get pauseCount(): number {
    return this.pauses;
  }

  /** The client has the high watermark's worth undrawn: send nothing more for now. */
  get full(): boolean {
    return this.unacknowledged >= this.high;
  }

  sent(chars: number): void {
    if (this.options.ackOutput) this.unacknowledged += chars;
  }

  acknowledged(chars: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - chars);
  }

  /** Decides from the current state; `windowFull` is StreamSink.paused. */
  update(windowFull: boolean): FlowDecision {
    const tooMuch = windowFull || this.full;
    if (!this.pausedNow && tooMuch) {
      this.pausedNow = true;
      this.pauses += 1;
      return 'pause';
    }
    const clear = !windowFull && this.unacknowledged <= this.low;
    if (this.pausedNow && clear) {
      this.pausedNow = false;
      return 'resume';
    }
    return 'none';
  }
}
