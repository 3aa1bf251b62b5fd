/**
 * Starting and stopping leaves the host as it was: no process left (checked by pid), no
 * mount, no change to /etc or /usr/bin/journalctl; the CLI's up/down round-trips; nodes
 * started by a test process die with it even when it is SIGKILLed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeSetInfo } from '../../nodes/index';
import {
  hostMountsUnder,
  isAlive,
  processesInNamespace,
  readNodeSet,
  REPO_ROOT,
  startTestNodes,
  TEST_NODES_ROOT,
} from '../../nodes/index';
import { eventually, runCommand, SANDBOX_DIR } from './helpers';

const WATCHED = [
  '/etc/passwd',
  '/etc/shadow',
  '/etc/group',
  '/etc/sudoers',
  '/etc/hosts',
  '/etc/hostname',
  '/usr/bin/journalctl',
];

/** A fingerprint of the host state the nodes must never change. */
function hostSnapshot(): Record<string, string> {
  const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  return {
    ...Object.fromEntries(WATCHED.filter((f) => existsSync(f)).map((f) => [f, hash(f)])),
    '/etc entries': readdirSync('/etc').sort().join(','),
    '/var/lib entries': readdirSync('/var/lib').sort().join(','),
    '/usr/local/bin entries': readdirSync('/usr/local/bin').sort().join(','),
  };
}

/** Every host pid belonging to the set: its nodes' processes and the unshare parents. */
function pidsOf(info: NodeSetInfo): number[] {
  return info.nodes.flatMap((n) => [n.unsharePid, ...processesInNamespace(n.pidNamespace).map((p) => p.pid)]);
}

const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(REPO_ROOT, 'test/nodes/cli.ts');

describe('node lifecycle', () => {
  it('stops every process by pid and leaves the host files and mounts untouched', async () => {
    const before = hostSnapshot();
    const nodes = await startTestNodes({ count: 2, sandboxDir: SANDBOX_DIR });
    const pids = pidsOf(nodes.info);
    expect(pids.length).toBeGreaterThanOrEqual(2 * 4); // unshare, init, kubelet, sshd, …
    // Root inside a node writes /etc freely; the host's /etc never sees it.
    await nodes.controlPlane.exec([
      'sh',
      '-c',
      'echo canary > /etc/ks-canary && mkdir -p /var/lib/ks-canary',
    ]);
    expect(existsSync('/etc/ks-canary')).toBe(false);
    expect(hostMountsUnder(nodes.stateDir)).toEqual([]);
    expect(hostSnapshot()).toEqual(before);

    await nodes.stop();
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
    expect(hostSnapshot()).toEqual(before);
    expect(existsSync(nodes.stateDir)).toBe(false);
    const hostJournalctl = await runCommand('/usr/bin/journalctl', ['--version']);
    expect(hostJournalctl.stdout).toMatch(/^systemd \d+/);
  });

  it('nodes:up starts detached nodes and nodes:down stops exactly them', async () => {
    const stateDir = path.join(TEST_NODES_ROOT, `cli-test-${process.pid}`);
    try {
      const up = await runCommand(
        TSX,
        [CLI, 'up', '--count', '2', '--state-dir', stateDir, '--sandbox-dir', SANDBOX_DIR],
        undefined,
        60_000,
      );
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      const sshConfig = path.join(stateDir, 'ssh_config');
      expect(up.stdout).toContain(`ssh_config: ${sshConfig}`);
      const info = readNodeSet(path.join(stateDir, 'nodes.json'));
      expect(info.detached).toBe(true);
      const pids = pidsOf(info);

      const out = await runCommand('ssh', ['-F', sshConfig, '-o', 'BatchMode=yes', 'node01', 'hostname']);
      expect(out.stdout).toBe('node01\n');
      const again = await runCommand(TSX, [CLI, 'up', '--state-dir', stateDir, '--sandbox-dir', SANDBOX_DIR]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already running');

      const down = await runCommand(TSX, [CLI, 'down', '--state-dir', stateDir], undefined, 60_000);
      expect(down.code).toBe(0);
      expect(down.stdout).toContain('stopped controlplane, node01');
      expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
      const twice = await runCommand(TSX, [CLI, 'down', '--state-dir', stateDir]);
      expect(twice.stdout).toContain('already gone');
    } finally {
      await runCommand(TSX, [CLI, 'down', '--state-dir', stateDir]);
      await runCommand('rm', ['-rf', stateDir]);
    }
  });

  it('kills attached nodes when the process that started them is SIGKILLed', async () => {
    const stateDir = path.join(TEST_NODES_ROOT, `lifeline-test-${process.pid}`);
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process that a
    // SIGKILL of the CLI would not reach.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures/hold-nodes.ts'), stateDir, SANDBOX_DIR],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const info = readNodeSet(path.join(stateDir, 'nodes.json'));
    const pids = pidsOf(info);
    expect(pids.every((pid) => isAlive(pid))).toBe(true);

    holder.kill('SIGKILL');
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
    await runCommand('rm', ['-rf', stateDir]);
  });
});
