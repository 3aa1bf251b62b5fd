/**
 * Running host commands for the node set-up. Always argv, never a shell string, and with a
 * fixed minimal environment so nothing from the test runner's environment (NODE_OPTIONS,
 * proxies, a developer's PATH) leaks into sshd, the kubelet or the users' sessions.
 */
import { execFile } from 'node:child_process';

export const NODE_PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: NODE_PATH_ENV, LANG: 'C.UTF-8', HOME: '/root', ...extra };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  input?: string;
  /** Resolve with the exit code instead of rejecting on a non-zero exit. */
  allowFailure?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        env: opts.env ?? cleanEnv(),
        timeout: opts.timeoutMs ?? 30_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && !opts.allowFailure) {
          const what = [file, ...args].join(' ');
          reject(new Error(`${what} failed (${error.code ?? error.signal}): ${stderr.trim()}`));
          return;
        }
        resolve({ stdout, stderr, code });
      },
    );
    // The command may exit without reading its input; that is its answer, not an EPIPE crash.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** Resolves after `ms`; used by the polling loops (pid files, process exit). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns a value, or throws `describe()` on timeout. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string | Promise<string>,
  everyMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(await describe());
    await sleep(everyMs);
  }
}
