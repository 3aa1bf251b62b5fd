// docs/security.md tests 1 and 2: unknown host pauses before auth with the ssh-keygen fingerprint;
// changed / revoked / re-typed keys are refused before auth with both fingerprints.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyError } from '../../../src-main/ssh/errors.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { makeConnection, removeTempDirs, tempDir } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
let dir = '';
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
  dir = tempDir('ks-hk-');
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

/** sshd log lines that mean an authentication request was received. */
const AUTH_LINE =
  /Accepted |Failed |Postponed |authenticating user|Invalid user|input_userauth|Authentication refused/;
const logSince = (mark: number): string => nodes.controlPlane.readSshdLog().slice(mark);
/**
 * The log length once earlier connections' lines have landed: sshd's unprivileged children log
 * through the monitor, so a line can be written a moment after the event.
 */
async function quietMark(): Promise<number> {
  let len = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = nodes.controlPlane.readSshdLog().length;
    if (now === len) return now;
    len = now;
  }
}
/** Auth lines logged since `mark` (shown in full when an assertion fails). */
const authLinesSince = (mark: number): string[] =>
  logSince(mark)
    .split('\n')
    .filter((l) => AUTH_LINE.test(l));
const hostPub = (type: string): string => {
  const k = nodes.controlPlane.hostKeys.find((h) => h.type === type);
  if (!k) throw new Error(`no ${type} host key`);
  return k.publicKey.split(' ').slice(0, 2).join(' ');
};

describe('host keys', () => {
  it('unknown host: prompt with the ssh-keygen -lf fingerprint, no auth attempt before acceptance', async () => {
    const mark = await quietMark();
    let logDuringPrompt = '';
    // While the prompt is open, wait (the server would have seen any auth by then) and read the log.
    const { conn, asked, appFile } = makeConnection(nodes, {
      trustNodes: false,
      acceptUnknown: true,
      duringHostKeyPrompt: async () => {
        await new Promise((r) => setTimeout(r, 1500));
        logDuringPrompt = logSince(mark);
      },
    });
    await conn.connect();
    expect(asked.hostKey).toHaveLength(1);
    const p = asked.hostKey[0];
    const pubFile = `${nodes.controlPlane.hostKeys.find((h) => h.type === 'ed25519')?.path}.pub`;
    const keygen = execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).trim().split(' ');
    expect(p?.fingerprint).toBe(keygen[1]);
    expect(p?.keygenLine).toBe(
      `${keygen[0]} ${keygen[1]} [127.0.0.1]:${nodes.controlPlane.port} ${keygen[keygen.length - 1]}`,
    );
    expect(logDuringPrompt).toContain('Connection from 127.0.0.1');
    expect(logDuringPrompt.split('\n').filter((l) => AUTH_LINE.test(l))).toEqual([]);
    expect(logSince(mark)).toMatch(/Accepted publickey for ks-admin/);
    expect(readFileSync(appFile, 'utf8')).toBe(
      `[127.0.0.1]:${nodes.controlPlane.port} ${hostPub('ed25519')}\n`,
    );
    conn.close();

    const again = makeConnection(nodes, { trustNodes: false, appFile });
    await again.conn.connect();
    expect(again.asked.hostKey).toEqual([]);
    again.conn.close();
  });

  it('declined unknown host: refused, nothing recorded, no auth attempt', async () => {
    const mark = await quietMark();
    const { conn, appFile } = makeConnection(nodes, { trustNodes: false, acceptUnknown: false });
    const err = await conn.connect().catch((e: unknown) => e);
    expect((err as HostKeyError).verdict).toBe('declined');
    expect(() => readFileSync(appFile)).toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(authLinesSince(mark)).toEqual([]);
  });

  it('known types are offered first: with only the ECDSA key recorded, no prompt', async () => {
    const file = join(dir, 'ecdsa_only');
    writeFileSync(file, `[127.0.0.1]:${nodes.controlPlane.port} ${hostPub('ecdsa')}\n`);
    const { conn, asked } = makeConnection(nodes, { trustNodes: false, appFile: file });
    await conn.connect();
    expect(asked.hostKey).toEqual([]);
    conn.close();
  });

  it('re-typed: a different ECDSA key recorded → changed, even though the server has ED25519', async () => {
    const file = join(dir, 'retyped');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', join(dir, 'other_ecdsa')]);
    const other = readFileSync(join(dir, 'other_ecdsa.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `[127.0.0.1]:${nodes.controlPlane.port} ${other}\n`);
    const { conn, asked } = makeConnection(nodes, { trustNodes: false, appFile: file, acceptUnknown: true });
    const err = await conn.connect().catch((e: unknown) => e);
    expect((err as HostKeyError).verdict).toBe('changed');
    expect(asked.hostKey).toEqual([]); // no accept path
  });

  it('revoked: refused before auth, even when also recorded as known', async () => {
    const mark = await quietMark();
    const file = join(dir, 'revoked');
    writeFileSync(
      file,
      `@revoked * ${hostPub('ed25519')}\n[127.0.0.1]:${nodes.controlPlane.port} ${hostPub('ed25519')}\n`,
    );
    const { conn, asked } = makeConnection(nodes, { trustNodes: false, appFile: file, acceptUnknown: true });
    const err = await conn.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyError);
    expect((err as HostKeyError).verdict).toBe('revoked');
    expect((err as Error).message).toContain(
      execFileSync('ssh-keygen', ['-lf', '-'], { input: hostPub('ed25519'), encoding: 'utf8' }).split(' ')[1],
    );
    expect(asked.hostKey).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(authLinesSince(mark)).toEqual([]);
  });

  it('changed (sshd restarted with new host keys): refused before auth, both fingerprints shown', async () => {
    const oldKnown = join(dir, 'old_known_hosts');
    copyFileSync(nodes.knownHostsPath, oldKnown);
    const oldFp = nodes.controlPlane.hostKeys.find((h) => h.type === 'ed25519')?.fingerprint ?? '';
    const live = makeConnection(nodes, {
      trustNodes: false,
      appFile: oldKnown,
      extra: { reconnect: { initialDelayMs: 100 } },
    });
    await live.conn.connect();
    await nodes.controlPlane.restartSshd({ newHostKeys: true });
    await nodes.controlPlane.cutConnections();
    // The reconnect meets the new key: a permanent failure, no retry loop, no prompt.
    await expect.poll(() => live.conn.state.kind, { timeout: 20_000 }).toBe('failed');
    const st = live.conn.state;
    expect(st.kind === 'failed' && st.error instanceof HostKeyError && st.error.verdict).toBe('changed');
    expect(live.asked.hostKey).toEqual([]);
    live.conn.close();
    const newFp = nodes.controlPlane.hostKeys.find((h) => h.type === 'ed25519')?.fingerprint ?? '';
    expect(newFp).not.toBe(oldFp);
    const mark = await quietMark();
    const { conn, asked } = makeConnection(nodes, {
      trustNodes: false,
      appFile: oldKnown,
      acceptUnknown: true,
    });
    const err = await conn.connect().catch((e: unknown) => e);
    expect((err as HostKeyError).verdict).toBe('changed');
    const msg = (err as Error).message;
    expect(msg).toContain(`[127.0.0.1]:${nodes.controlPlane.port}`);
    expect(msg).toContain(newFp);
    expect(msg).toContain(oldFp);
    expect(msg).toMatch(/ssh-keygen -R/);
    expect(asked.hostKey).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(authLinesSince(mark)).toEqual([]);
  });
});
