// docs/security.md test 11, the sudo matrix on a real node: NOPASSWD, password, wrong password,
// no sudo. The password appears in no written file, no remote argv (ps snapshots), no log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SudoError } from '../../../src-main/ssh/sudo.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { makeConnection, removeTempDirs } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
const snapshots: string[] = [];
let poller: NodeJS.Timeout | undefined;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
  // `ps` snapshots of every process on the node, all through the tests.
  poller = setInterval(() => {
    for (const p of nodes.controlPlane.processes()) snapshots.push(p.args);
  }, 20);
});
afterAll(async () => {
  removeTempDirs();
  clearInterval(poller);
  await nodes?.stop();
});

const payload = Buffer.from('first line\nsecond line\n\u00ff binary \u0000 end\n', 'latin1');
const readNodeFile = async (path: string): Promise<Buffer> => {
  const r = await nodes.controlPlane.exec(['base64', '-w0', '--', path]);
  return Buffer.from(r.stdout.trim(), 'base64');
};

describe('sudo matrix', () => {
  it('NOPASSWD (ks-admin): detected, never asks, the payload lands exactly, even with a password at hand', async () => {
    const { conn, asked } = makeConnection(nodes, {
      user: 'ks-admin',
      sudoPassword: 'would-be-written-if-shared',
    });
    await conn.connect();
    expect(await conn.sudo.detect()).toBe('nopasswd');
    const r = await conn.exec(['tee', '--', '/root/ks-admin-out'], { sudo: true, stdin: payload });
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual(payload);
    expect(await readNodeFile('/root/ks-admin-out')).toEqual(payload);
    expect((await conn.exec(['id', '-u'], { sudo: true })).stdout.toString()).toBe('0\n');
    expect(asked.sudo).toBe(0);
    conn.close();
  });

  it('password (ks-sudo): asked once per session, payload separate from the password', async () => {
    const pw = nodes.user('ks-sudo').password;
    const { conn, asked } = makeConnection(nodes, { user: 'ks-sudo', sudoPassword: pw });
    await conn.connect();
    expect(await conn.sudo.detect()).toBe('password');
    const r = await conn.exec(['tee', '--', '/root/ks-sudo-out'], { sudo: true, stdin: payload });
    expect(r.code).toBe(0);
    expect(await readNodeFile('/root/ks-sudo-out')).toEqual(payload);
    const many = await Promise.all(Array.from({ length: 5 }, () => conn.exec(['id', '-un'], { sudo: true })));
    for (const m of many) expect(m.stdout.toString()).toBe('root\n');
    await conn.exec(['sleep', '1'], { sudo: true });
    expect(asked.sudo).toBe(1);
    conn.close();
  });

  it('wrong password: one clear failure, asked once, no retry', async () => {
    const { conn, asked } = makeConnection(nodes, { user: 'ks-sudo', sudoPassword: 'wrong-password' });
    await conn.connect();
    const err = await conn.exec(['true'], { sudo: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SudoError);
    expect((err as Error).message).toBe('sudo: incorrect password for ks-sudo on controlplane');
    expect(asked.sudo).toBe(1);
    // The connection stays usable.
    expect((await conn.exec(['id', '-un'])).stdout.toString()).toBe('ks-sudo\n');
    conn.close();
  });

  it('no sudo (ks-user): a clear not-allowed error', async () => {
    const { conn } = makeConnection(nodes, { user: 'ks-user', sudoPassword: nodes.user('ks-user').password });
    await conn.connect();
    const mode = await conn.sudo.detect();
    expect(['password', 'none']).toContain(mode);
    const err = await conn.exec(['true'], { sudo: true }).catch((e: unknown) => e);
    expect((err as SudoError).kind).toBe('not-allowed');
    conn.close();
  });

  it('the passwords appear in no ps snapshot, no written file and not in the sshd log', async () => {
    expect(snapshots.length).toBeGreaterThan(100);
    expect(snapshots.some((a) => a.includes('sudo -S -p'))).toBe(true); // the snapshots did see sudo
    for (const secret of [nodes.user('ks-sudo').password, 'wrong-password', 'would-be-written-if-shared']) {
      const b64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
      expect(snapshots.filter((a) => a.includes(secret) || a.includes(b64))).toEqual([]);
      expect(nodes.controlPlane.readSshdLog()).not.toContain(secret);
      const grep = await nodes.controlPlane.exec([
        'sh',
        '-c',
        `grep -rlsF -- "$1" /root /tmp /home /var/log 2>/dev/null | wc -l`,
        'sh',
        secret,
      ]);
      expect(grep.stdout.trim()).toBe('0');
    }
  });
});
