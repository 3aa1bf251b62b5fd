// docs/security.md test 11, the sudo matrix on a real node: NOPASSWD, password, wrong password,
// no sudo, through the NodeSession the app uses (root commands are `privileged`). The password
// appears in no written file, no remote argv (ps snapshots), no log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-main/contract/errors.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { connectSession, removeTempDirs, run } from './connect-helper.js';
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
    const { conn, session, asked } = await connectSession(nodes, {
      user: 'ks-admin',
      sudoPassword: 'would-be-written-if-shared',
    });
    expect(await conn.sudo.detect()).toBe('nopasswd');
    expect(session.privilege).toBe('sudo');
    const r = await run(session, ['tee', '--', '/root/ks-admin-out'], { privileged: true, stdin: payload });
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual(payload);
    expect(await readNodeFile('/root/ks-admin-out')).toEqual(payload);
    expect((await run(session, ['id', '-u'], { privileged: true })).stdout.toString()).toBe('0\n');
    expect(asked.sudo).toBe(0);
    conn.close();
  });

  it('password (ks-sudo): asked once per session, payload separate from the password', async () => {
    const pw = nodes.user('ks-sudo').password;
    const { conn, session, asked } = await connectSession(nodes, { user: 'ks-sudo', sudoPassword: pw });
    expect(await conn.sudo.detect()).toBe('password');
    expect(session.privilege).toBe('sudo');
    const r = await run(session, ['tee', '--', '/root/ks-sudo-out'], { privileged: true, stdin: payload });
    expect(r.code).toBe(0);
    expect(await readNodeFile('/root/ks-sudo-out')).toEqual(payload);
    const many = await Promise.all(
      Array.from({ length: 5 }, () => run(session, ['id', '-un'], { privileged: true })),
    );
    for (const m of many) expect(m.stdout.toString()).toBe('root\n');
    await run(session, ['sleep', '1'], { privileged: true });
    expect(asked.sudo).toBe(1);
    conn.close();
  });

  it('wrong password: one clear failure, asked once, no retry', async () => {
    const { conn, session, asked } = await connectSession(nodes, {
      user: 'ks-sudo',
      sudoPassword: 'wrong-password',
    });
    const err = await run(session, ['true'], { privileged: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('sudo-failed');
    expect((err as Error).message).toBe(
      'controlplane: could not run true: sudo: incorrect password for ks-sudo on controlplane.',
    );
    expect((err as ContractError).hint).toBe('Connect again and give the right sudo password.');
    expect(asked.sudo).toBe(1);
    // The connection stays usable.
    expect((await run(session, ['id', '-un'])).stdout.toString()).toBe('ks-sudo\n');
    conn.close();
  });

  it('no sudo (ks-user): reads go on as ks-user, and the session says it has no root', async () => {
    const { conn, session } = await connectSession(nodes, {
      user: 'ks-user',
      sudoPassword: nodes.user('ks-user').password,
    });
    // sudo asks ks-user for a password before it looks at the sudoers file.
    expect(await conn.sudo.detect()).toBe('password');
    expect(session.privilege).toBe('sudo');
    // sudo answers "may not run this command as root": the views then read as the login user
    // and say what it may not read (docs/support-matrix.md "Without root"), instead of failing.
    const who = await run(session, ['id', '-un'], { privileged: true });
    expect(who.stdout.toString()).toBe('ks-user\n');
    expect(session.privilege).toBe('unavailable');
    // No second password prompt: the next privileged command runs as the user at once.
    expect((await run(session, ['id', '-u'], { privileged: true })).stdout.toString()).not.toBe('0\n');
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
        `grep -rlsF -- "$1" /root /tmp /home /var/log 2>/dev/null; true`,
        'sh',
        secret,
      ]);
      // The test harness's own state (the users it made, with their passwords) is bound into the
      // node at its host path, which is under /tmp, /root or /home when the clone is: not the app's.
      const written = grep.stdout.split('\n').filter((f) => f && !f.startsWith(`${nodes.stateDir}/`));
      expect(written).toEqual([]);
    }
  });
});
