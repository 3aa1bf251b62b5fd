// A CommandTransport that does locally exactly what sshd does with an exec request:
// `<login shell> -c "<command string>"`. Used by tests (quoting, sudo protocol) and usable for a
// local node.
import { spawn } from 'node:child_process';
import type { CommandTransport, ExecChannel, ExitStatus } from './transport.js';

export interface LocalTransportOptions {
  /** The login shell, as sshd would take it from the passwd entry. */
  shell?: string;
  /** Run as this user (via runuser, root only), like a login as that user. */
  user?: string;
  /** Environment of the shell (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
}

export function createLocalTransport(options: LocalTransportOptions = {}): CommandTransport {
  const shell = options.shell ?? '/bin/sh';
  return {
    exec(command: string): Promise<ExecChannel> {
      const [file, args] = options.user
        ? ['runuser', ['-u', options.user, '--', shell, '-c', command]]
        : [shell, ['-c', command]];
      const child = spawn(file, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        cwd: '/',
        env: options.env ?? process.env,
        // A session of its own, as sshd gives each channel's command (setsid).
        detached: true,
      });
      const exit = new Promise<ExitStatus>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, signal) => resolve({ code, signal }));
      });
      child.stdin.on('error', () => undefined); // EPIPE after the process ended is not an error here
      return Promise.resolve({
        stdout: child.stdout,
        stderr: child.stderr,
        stdin: child.stdin,
        exit,
        close: () => {
          child.stdin.end();
          child.stdout.destroy();
          child.stderr.destroy();
        },
      });
    },
  };
}
