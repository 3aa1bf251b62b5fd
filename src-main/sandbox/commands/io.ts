/**
 * What a simulated node command (crictl, kubectl, journalctl) needs from its process, passed in
 * so the commands run in-process in tests with captured output and a fixed clock, and as real
 * processes through the thin entry points in ../bin.
 */
export interface OutputSink {
  /** Returns false when the sink is closed (EPIPE); followers stop then. */
  write(chunk: string): boolean | void;
  /** Resolves once the sink can take more (a pipe's 'drain'); absent: always ready. */
  drained?(): Promise<void>;
}

export interface CommandIO {
  stdout: OutputSink;
  stderr: OutputSink;
  env: Record<string, string | undefined>;
  /** Milliseconds since the epoch; tests pin it. */
  now(): number;
  /** Whether stderr is a terminal: logrus and kubectl change their error style on a TTY. */
  stderrIsTTY: boolean;
  /** Aborted on SIGTERM/SIGHUP/EPIPE; `-f` followers end when it fires. */
  signal?: AbortSignal;
  /** Reads a file named on the command line (`kubectl apply -f -` reads stdin). */
  readStdin?: () => Promise<string>;
}

/** An in-memory CommandIO for tests and for the app's local sandbox node. */
export interface CapturedIO extends CommandIO {
  out: () => string;
  err: () => string;
}

export function captureIO(
  opts: {
    now?: number | (() => number);
    env?: Record<string, string | undefined>;
    signal?: AbortSignal;
    stdin?: string;
  } = {},
): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  const now = opts.now;
  return {
    stdout: {
      write: (s) => {
        out.push(s);
        return true;
      },
    },
    stderr: {
      write: (s) => {
        err.push(s);
        return true;
      },
    },
    env: opts.env ?? {},
    now: typeof now === 'function' ? now : () => now ?? Date.now(),
    stderrIsTTY: false,
    signal: opts.signal,
    readStdin: async () => opts.stdin ?? '',
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
