/**
 * The real-process side of CommandIO for the entry points in ../bin: stdout/stderr, the
 * environment, and an AbortSignal that fires on SIGTERM, SIGHUP, SIGINT or a closed stdout
 * (EPIPE) — so `journalctl -f` and `crictl logs -f` end when the SSH channel that runs them
 * closes (the app relies on it, see the brief in journalctl.ts).
 */
import fs from 'node:fs';
import type { CommandIO } from './io';

export type CommandMain = (argv: string[], io: CommandIO) => Promise<number>;

export function processIO(): CommandIO {
  const ac = new AbortController();
  let stdoutClosed = false;
  const stop = () => ac.abort();
  for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGPIPE'] as const) process.on(sig, stop);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (e.code !== 'EPIPE') process.stderr.write(`${e.message}\n`);
    stop();
  });
  process.stderr.on('error', () => undefined);
  return {
    stdout: {
      write: (s: string): boolean => {
        if (stdoutClosed) return false;
        process.stdout.write(s);
        return !stdoutClosed;
      },
      // Bulk output (journalctl -n 1000000) waits for the pipe instead of queueing in memory.
      drained: () =>
        new Promise<void>((resolve) => {
          if (stdoutClosed || !process.stdout.writableNeedDrain) return resolve();
          const done = () => {
            process.stdout.off('drain', done);
            process.stdout.off('close', done);
            ac.signal.removeEventListener('abort', done);
            resolve();
          };
          process.stdout.once('drain', done);
          process.stdout.once('close', done);
          ac.signal.addEventListener('abort', done, { once: true });
        }),
    },
    stderr: {
      write: (s: string): boolean => {
        process.stderr.write(s);
        return true;
      },
    },
    env: process.env,
    now: () => Date.now(),
    stderrIsTTY: !!process.stderr.isTTY,
    signal: ac.signal,
    readStdin: async () => fs.readFileSync(0, 'utf8'),
  };
}

/** Runs a command as the process: exit with its status once stdout has been flushed. */
export function runMain(main: CommandMain): void {
  const io = processIO();
  main(process.argv.slice(2), io).then(
    (code) => {
      if (io.signal?.aborted) process.exit(code);
      process.stdout.write('', () => process.exit(code));
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}
