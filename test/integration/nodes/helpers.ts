/**
 * Helpers for the test-node suites: which sandbox bundles to run, plain OpenSSH as a user
 * would type it, and a minimal ssh2 client for the paths OpenSSH's BatchMode cannot take
 * (passwords, an encrypted key's passphrase).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import type { TestNodeSet } from '../../nodes/index';
import { DEFAULT_SANDBOX_DIR, fingerprintOf } from '../../nodes/index';

/** The simulated node's programs, built by the suite's global setup (test/support/build-once.ts). */
export const SANDBOX_DIR = DEFAULT_SANDBOX_DIR;

export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

export function runCommand(
  file: string,
  args: readonly string[],
  input?: string,
  timeoutMs = 20_000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ stdout, stderr, code });
    });
    // A command that exits without reading stdin (ssh refusing a host key) must not raise EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

export interface SshOptions {
  user?: string;
  /** Private key file instead of the ssh_config's IdentityFile. */
  identity?: string;
  /** Extra `-o Key=Value` options. */
  options?: string[];
  input?: string;
}

/** `ssh -F <ssh_config> -o BatchMode=yes -o StrictHostKeyChecking=yes <target> <command>`. */
export function ssh(
  nodes: TestNodeSet,
  target: string,
  command: string,
  opts: SshOptions = {},
): Promise<Outcome> {
  // ssh keeps the first value it sees for an option, so the caller's options go first.
  const args = ['-F', nodes.sshConfigPath];
  for (const o of opts.options ?? []) args.push('-o', o);
  args.push('-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=10');
  if (opts.user) args.push('-l', opts.user);
  if (opts.identity) args.push('-i', opts.identity);
  args.push(target, command);
  return runCommand('ssh', args, opts.input);
}

export interface Ssh2Login {
  port: number;
  username: string;
  /** Host key fingerprints the client accepts (verified before any authentication). */
  trusted: readonly string[];
  password?: string;
  /** Answer keyboard-interactive prompts with the password instead of `password` auth. */
  keyboardInteractive?: boolean;
  privateKeyPath?: string;
  passphrase?: string;
  keepaliveIntervalMs?: number;
}

/** Connects with ssh2, checking the host key against `trusted` (never accept-all). */
export function ssh2Connect(login: Ssh2Login): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    if (login.keyboardInteractive) {
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
        finish(prompts.map(() => login.password ?? ''));
      });
    }
    client.connect({
      host: '127.0.0.1',
      port: login.port,
      username: login.username,
      hostVerifier: (key: Buffer) => login.trusted.includes(fingerprintOf(`x ${key.toString('base64')}`)),
      ...(login.keyboardInteractive ? { tryKeyboard: true } : { password: login.password }),
      ...(login.privateKeyPath
        ? { privateKey: readFileSync(login.privateKeyPath), passphrase: login.passphrase }
        : {}),
      keepaliveInterval: login.keepaliveIntervalMs ?? 0,
      keepaliveCountMax: 2,
      readyTimeout: 10_000,
    });
  });
}

/** Runs one command on an open ssh2 connection and collects its output. */
export function ssh2Exec(client: Client, command: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      channel.on('close', (code: number | null) => resolve({ stdout, stderr, code: code ?? -1 }));
    });
  });
}

/** Connect, run, disconnect. */
export async function ssh2Run(login: Ssh2Login, command: string): Promise<Outcome> {
  const client = await ssh2Connect(login);
  try {
    return await ssh2Exec(client, command);
  } finally {
    client.end();
  }
}

/** Polls until `check()` is true or the time is up; returns the last result. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
