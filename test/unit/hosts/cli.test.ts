import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../../src-main/contract';
import { repoRoot, startServe } from '../../support/serve-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/kubelet-studio.mjs'), ...args], {
    env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kubelet-studio CLI', () => {
  it('serve prints exactly one URL line and keeps serving until stopped', async () => {
    const server = await startServe();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('fails with one line on stderr and exit 2 for an unknown command or option', () => {
    for (const args of [['frobnicate'], ['serve', '--colour']]) {
      const result = cli(...args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^kubelet-studio: /);
    }
  });

  it('fails with exit 1 and the reason when an operation fails', () => {
    const result = cli('call', 'nodes.connect', '{"id":"no-such-node"}');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no node "no-such-node"');
  });

  it('offers every contract operation through `call`, derived from the contract', () => {
    const listed = cli('call', '--list').stdout;
    for (const name of operationNames) expect(listed).toContain(name);
  });

  it('adds and lists nodes with --json for scripts', () => {
    const added = JSON.parse(
      cli('call', 'nodes.add', '{"target":"ks-admin@127.0.0.1:2201"}', '--json').stdout,
    );
    expect(added).toMatchObject({ kind: 'ssh', target: 'ks-admin@127.0.0.1:2201', state: 'disconnected' });
    const nodes = JSON.parse(cli('nodes', '--json').stdout) as Array<{ id: string }>;
    expect(nodes.map((n) => n.id)).toContain(added.id);
  });
});

describe('npm start', () => {
  it('without an Electron binary or a display, says so in one line and serves browser mode', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'scripts/start.mjs'), '--port', '0', '--no-open'],
      {
        env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL from npm start:\n${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/Kubelet Studio: http:\/\/127\.0\.0\.1:\d+\/#token=/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/runs in browser mode instead\.$/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
