// A throwaway sshd on 127.0.0.1 for tests that only need a real server's host-key behaviour
// (no users, no auth). Tests that need users use test/nodes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalSshd {
  port: number;
  dir: string;
  /** "type base64" of each host key, by ssh-keygen type name. */
  hostKeys: { ed25519: string; rsa: string };
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startLocalSshd(): Promise<LocalSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'ks-sshd-'));
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  for (const t of ['ed25519', 'rsa'])
    execFileSync('ssh-keygen', ['-q', '-t', t, '-N', '', '-f', join(dir, `hk_${t}`)]);
  const port = await freePort();
  const cfg = join(dir, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/hk_ed25519`,
      `HostKey ${dir}/hk_rsa`,
      'UsePAM no',
      'PasswordAuthentication no',
      'LogLevel VERBOSE',
      `PidFile ${dir}/pid`,
      '',
    ].join('\n'),
  );
  const proc: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', cfg], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 5000;
  while (!log.includes('Server listening')) {
    if (Date.now() > deadline) throw new Error(`sshd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pub = (t: string): string =>
    readFileSync(join(dir, `hk_${t}.pub`), 'utf8')
      .split(' ')
      .slice(0, 2)
      .join(' ');
  return {
    port,
    dir,
    hostKeys: { ed25519: pub('ed25519'), rsa: pub('rsa') },
    log: () => log,
    stop: async () => {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
