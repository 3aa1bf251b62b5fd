// ProxyJump through forwardOut, every hop verified (docs/security.md › SSH › Jump hosts), with the
// target resolved from the nodes' ssh_config by resolveSshTarget.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyError } from '../../../src-main/ssh/errors.js';
import { resolveSshTarget, type SshTarget } from '../../../src-main/ssh/ssh-config.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { connectSession, makeConnection, removeTempDirs, run, tempDir } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
let jumped: SshTarget;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 2 });
  jumped = resolveSshTarget('node01-via-controlplane', {
    text: readFileSync(nodes.sshConfigPath, 'utf8'),
    home: tmpdir(),
    localUser: 'nobody',
  });
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

describe('jump hosts', () => {
  it('resolves the chain from ssh_config', () => {
    expect(jumped.proxyJump.map((h) => h.port)).toEqual([nodes.node('controlplane').port]);
    expect(jumped.port).toBe(nodes.node('node01').port);
    expect(jumped.userKnownHostsFiles).toEqual([nodes.knownHostsPath]);
  });

  it('reaches node01 through controlplane, asking about each unknown hop in order', async () => {
    const { conn, session, asked } = await connectSession(nodes, {
      target: jumped,
      node: 'node01',
      trustNodes: false,
      acceptUnknown: true,
    });
    expect((await run(session, ['uname', '-n'])).stdout.toString()).toBe('node01\n');
    expect(asked.hostKey.map((p) => [p.hop, p.port])).toEqual([
      [0, nodes.node('controlplane').port],
      [1, nodes.node('node01').port],
    ]);
    conn.close();
  });

  it('a changed key on the bastion stops the chain before the target is contacted', async () => {
    const dir = tempDir('ks-jump-');
    const file = join(dir, 'known_hosts');
    const node01 = readFileSync(nodes.knownHostsPath, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(`[127.0.0.1]:${nodes.node('node01').port} `));
    const wrongBastion = `[127.0.0.1]:${nodes.node('controlplane').port} ${nodes.node('node01').hostKeys[0]?.publicKey.split(' ').slice(0, 2).join(' ')}`;
    writeFileSync(file, [...node01, wrongBastion, ''].join('\n'));
    const mark = nodes.node('node01').readSshdLog().length;
    const { conn, asked } = makeConnection(nodes, {
      target: jumped,
      trustNodes: false,
      appFile: file,
      acceptUnknown: true,
    });
    const err = await conn.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyError);
    expect((err as Error).message).toContain(`[127.0.0.1]:${nodes.node('controlplane').port}`);
    expect(asked.hostKey).toEqual([]);
    expect(nodes.node('node01').readSshdLog().slice(mark)).not.toContain('Connection from');
  });
});
