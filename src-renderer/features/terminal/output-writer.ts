/**
 * The renderer's half of terminal flow control (issue 7 point 4): output goes to xterm.js with
 * its write callback, which fires once xterm has parsed the data; only then is it acknowledged
 * to the core (terminal.ack), in batches. The core pauses the shell while too much is
 * unacknowledged, so xterm's write buffer stays bounded and `cat` of a large file cannot
 * freeze the page (xterm.js "Flow control" guide; the same scheme as VS Code's terminal).
 */

/** Acknowledge in batches of this many characters: few calls, far below the core's low watermark. */
export const ACK_BATCH_CHARS = 16 * 1024;

export interface OutputTarget {
  /** xterm's Terminal.write(data, callback). */
  write(data: string, parsed: () => void): void;
}

export interface OutputWriter {
  write(data: string): void;
  /** Characters handed to xterm and not yet parsed by it. */
  readonly buffered: number;
  /** Stops acknowledging (the tab closed or the session ended). */
  dispose(): void;
}

export function createOutputWriter(
  target: OutputTarget,
  acknowledge: (chars: number) => void,
  batch = ACK_BATCH_CHARS,
): OutputWriter {
  let buffered = 0;
  let parsedNotAcked = 0;
  let disposed = false;
  return {
    write(data) {
      if (disposed || data.length === 0) return;
      buffered += data.length;
      target.write(data, () => {
        buffered -= data.length;
        if (disposed) return;
        parsedNotAcked += data.length;
        // Acknowledge a full batch, or whatever is parsed once xterm has caught up entirely,
        // so a short burst never waits for more output to be acknowledged.
        if (parsedNotAcked >= batch || buffered === 0) {
          acknowledge(parsedNotAcked);
          parsedNotAcked = 0;
        }
      });
    },
    get buffered() {
      return buffered;
    },
    dispose() {
      disposed = true;
    },
  };
}
