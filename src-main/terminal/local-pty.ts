/**
 * An interactive shell on a local PTY (node-pty), for the Sandbox node: the same
 * InteractiveShell an SSH `shell` channel gives, so the terminal code does not know which it
 * has. Closing it hangs up like a closed terminal window: SIGHUP to the shell, which passes it
 * on to its jobs (bash(1) "SIGNALS"), then SIGKILL if it is still there — no orphans.
 *
 * node-pty is a native module, loaded only when a local terminal opens: where its build failed
 * (or does not match the running Node or Electron), only the terminal says so; the rest of the
 * app starts and works.
 */
import { ContractError } from '../contract';
import type { ExitStatus, InteractiveShell, ShellSize } from '../ssh/transport';

type NodePty = typeof import('node-pty');
let loading: Promise<NodePty> | undefined;

function loadNodePty(): Promise<NodePty> {
  loading ??= import('node-pty').catch((error: unknown) => {
    loading = undefined;
    throw new ContractError({
      code: 'unsupported',
      message: `The local terminal needs node-pty, which did not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      hint: 'Rebuild it for this Node or Electron (npm rebuild node-pty), then open the terminal again.',
    });
  });
  return loading;
}

export interface LocalPtyOptions {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  size: ShellSize;
  /** Text shown before the shell's own output (e.g. which commands are simulated). */
  banner?: string;
}

/** How long a hung-up shell may take to go before it is killed. */
const HANGUP_GRACE_MS = 3000;

export interface LocalShell extends InteractiveShell {
  /** The shell's process id on this machine. */
  readonly pid: number;
}

export async function openLocalPty(options: LocalPtyOptions): Promise<LocalShell> {
  const pty = await loadNodePty();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  const child = pty.spawn(options.file, options.args, {
    name: 'xterm-256color',
    cols: options.size.cols,
    rows: options.size.rows,
    cwd: options.cwd,
    env,
    // Bytes, not strings: the terminal session decodes (utf8-chunks.ts), as for SSH.
    encoding: null,
  });

  let exited: ExitStatus | null = null;
  const exitListeners: Array<(status: ExitStatus) => void> = [];
  let killTimer: NodeJS.Timeout | undefined;
  child.onExit(({ exitCode, signal }) => {
    clearTimeout(killTimer);
    exited = { code: signal ? null : exitCode, signal: signal ? signalName(signal) : null };
    for (const listener of exitListeners.splice(0)) listener(exited);
  });

  let banner = options.banner ? Buffer.from(options.banner, 'utf8') : null;
  return {
    pid: child.pid,
    onData(listener) {
      if (banner) {
        listener(banner);
        banner = null;
      }
      // With encoding null node-pty hands out Buffers; its typings still say string.
      child.onData((data: string | Buffer) =>
        listener(typeof data === 'string' ? Buffer.from(data, 'utf8') : data),
      );
    },
    onExit(listener) {
      if (exited) listener(exited);
      else exitListeners.push(listener);
    },
    write(data) {
      if (!exited) child.write(data);
    },
    resize(size) {
      if (!exited) child.resize(size.cols, size.rows);
    },
    pause: () => child.pause(),
    resume: () => child.resume(),
    close() {
      if (exited || killTimer) return;
      child.resume(); // a paused PTY would keep the shell blocked in write() and deaf to the hang-up
      child.kill('SIGHUP');
      killTimer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, HANGUP_GRACE_MS);
      killTimer.unref();
    },
  };
}

const SIGNAL_NAMES: Record<number, string> = { 1: 'HUP', 2: 'INT', 9: 'KILL', 15: 'TERM' };

function signalName(signal: number): string {
  return SIGNAL_NAMES[signal] ?? String(signal);
}
