// Each authentication method against a real sshd; secrets asked once; wrong ones fail once.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../src-main/ssh/errors.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { makeConnection, removeTempDirs, run, tempDir } from './connect-helper.js';
import { sshNodeSession } from '../../../src-main/node/session/ssh-node-session.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

type Connection = ReturnType<typeof makeConnection>['conn'];

/** A command through the session the app would build on the connection. */
async function runOver(c: Connection, argv: string[]): Promise<string> {
  return (await run(await sshNodeSession(c, 'controlplane', 'ks-admin'), argv)).stdout.toString();
}

async function whoami(c: Connection): Promise<string> {
  return (await runOver(c, ['id', '-un'])).trim();
}

describe('authentication', () => {
  for (const k of ['ed25519', 'ecdsa', 'rsa']) {
    it(`key file ${k}`, async () => {
      const { conn, asked } = makeConnection(nodes, { keys: [nodes.key(k).path] });
      await conn.connect();
      expect(await whoami(conn)).toBe('ks-admin');
      expect(asked.hostKey).toEqual([]); // known from the nodes' known_hosts
      conn.close();
    });
  }

  it('encrypted key: passphrase asked once, kept for reconnects', async () => {
    const key = nodes.key('ed25519-encrypted');
    const { conn, asked } = makeConnection(nodes, { keys: [key.path], passphrase: key.passphrase ?? '' });
    await conn.connect();
    expect(await whoami(conn)).toBe('ks-admin');
    const seen: string[] = [];
    conn.onState((s) => seen.push(s.kind));
    await nodes.controlPlane.cutConnections();
    await expect
      .poll(() => seen.includes('reconnecting') && conn.state.kind === 'connected', { timeout: 20_000 })
      .toBe(true);
    expect(await whoami(conn)).toBe('ks-admin');
    expect(asked.passphrase).toBe(1);
    conn.close();
  });

  it('encrypted key with a wrong passphrase: one clear failure', async () => {
    const { conn, asked } = makeConnection(nodes, {
      keys: [nodes.key('ed25519-encrypted').path],
      passphrase: 'wrong',
    });
    const err = await conn.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toMatch(/Wrong passphrase for the key .*id_ed25519_encrypted/);
    expect(asked.passphrase).toBe(1);
    expect(conn.state.kind).toBe('failed');
  });

  it('password', async () => {
    const { conn, asked } = makeConnection(nodes, {
      user: 'ks-user',
      methods: ['password'],
      password: nodes.user('ks-user').password,
    });
    await conn.connect();
    expect(await whoami(conn)).toBe('ks-user');
    expect(asked.password).toBe(1);
    conn.close();
  });

  it('wrong password: fails once (one failed attempt in the sshd log), no retry', async () => {
    const before = nodes.controlPlane.readSshdLog().split('Failed password for ks-dash').length;
    const { conn, asked } = makeConnection(nodes, {
      user: 'ks-dash',
      methods: ['password'],
      password: 'not-the-password',
    });
    const err = await conn.connect().catch((e: unknown) => e);
    expect((err as AuthError).reason).toBe('wrong-password');
    expect((err as Error).message).toContain('ks-dash@127.0.0.1');
    expect(asked.password).toBe(1);
    await expect
      .poll(() => nodes.controlPlane.readSshdLog().split('Failed password for ks-dash').length - before)
      .toBe(1);
  });

  it('keyboard-interactive', async () => {
    const { conn, asked } = makeConnection(nodes, {
      user: 'ks-user',
      methods: ['keyboard-interactive'],
      password: nodes.user('ks-user').password,
    });
    await conn.connect();
    expect(await whoami(conn)).toBe('ks-user');
    expect(asked.keyboard).toBeGreaterThanOrEqual(1);
    conn.close();
  });

  it('ssh-agent (SSH_AUTH_SOCK)', async () => {
    const dir = tempDir('ks-agent-');
    const sock = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      await expect
        .poll(() => {
          try {
            execFileSync('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
            return true;
          } catch (e) {
            return (e as { status?: number }).status === 1; // 1 = agent up, no identities
          }
        })
        .toBe(true);
      execFileSync('ssh-add', [nodes.key('rsa').path], { env: { SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      // IdentitiesOnly off: with it on, the agent is skipped (OpenSSH limits it to the files).
      const { conn } = makeConnection(nodes, {
        keys: [],
        identitiesOnly: false,
        methods: ['agent'],
        extra: { agent: sock },
      });
      await conn.connect();
      expect(await whoami(conn)).toBe('ks-admin');
      // ForwardAgent off (the default): no agent socket on the node.
      expect(await runOver(conn, ['sh', '-c', 'printf %s "$SSH_AUTH_SOCK"'])).toBe('');
      conn.close();
      // ForwardAgent yes in ssh_config: the node sees a forwarded agent holding our key.
      const fwd = makeConnection(nodes, {
        keys: [],
        identitiesOnly: false,
        forwardAgent: true,
        methods: ['agent'],
        extra: { agent: sock },
      });
      await fwd.conn.connect();
      expect(await runOver(fwd.conn, ['ssh-add', '-l'])).toContain(nodes.key('rsa').fingerprint);
      fwd.conn.close();
    } finally {
      agent.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
