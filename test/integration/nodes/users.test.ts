/**
 * The node users behave as the sudo matrix and the shell tests need: key and password logins,
 * NOPASSWD / password / no sudo, and fish, tcsh and dash as login shells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index';
import { startTestNodes } from '../../nodes/index';
import type { Ssh2Login } from './helpers';
import { runCommand, SANDBOX_DIR, ssh, ssh2Run } from './helpers';

let nodes: TestNodeSet;
let login: (over: Partial<Ssh2Login>) => Ssh2Login;

beforeAll(async () => {
  nodes = await startTestNodes({ count: 1, sandboxDir: SANDBOX_DIR });
  const node = nodes.controlPlane;
  login = (over) => ({
    port: node.port,
    username: 'ks-user',
    trusted: node.hostKeys.map((k) => k.fingerprint),
    ...over,
  });
});

afterAll(async () => {
  await nodes?.stop();
});

describe('sudo matrix', () => {
  it('ks-admin has passwordless sudo', async () => {
    const out = await ssh(nodes, 'controlplane', 'sudo -n id -u');
    expect(out).toMatchObject({ code: 0, stdout: '0\n' });
  });

  it('ks-sudo and ks-user cannot sudo without a password', async () => {
    for (const user of ['ks-sudo', 'ks-user']) {
      const out = await ssh(nodes, 'controlplane', 'sudo -n true', { user });
      expect(out.code).not.toBe(0);
      expect(out.stderr).toContain('a password is required');
    }
  });

  it('ks-sudo gets root with its password on stdin (sudo -S)', async () => {
    const { password } = nodes.user('ks-sudo');
    const out = await ssh(nodes, 'controlplane', 'sudo -S -p "" id -u', {
      user: 'ks-sudo',
      input: `${password}\n`,
    });
    expect(out).toMatchObject({ code: 0, stdout: '0\n' });
  });

  it('ks-sudo with a wrong password and ks-user with its own password are refused', async () => {
    const wrong = await ssh(nodes, 'controlplane', 'sudo -S -p "" true', {
      user: 'ks-sudo',
      input: 'nope\n',
    });
    expect(wrong.code).not.toBe(0);
    const { password } = nodes.user('ks-user');
    const none = await ssh(nodes, 'controlplane', 'sudo -S -p "" true', {
      user: 'ks-user',
      input: `${password}\n`,
    });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('is not in the sudoers file');
  });
});

describe('logins', () => {
  it('accepts each unencrypted client key type with OpenSSH', async () => {
    for (const name of ['ed25519', 'ecdsa', 'rsa']) {
      const out = await ssh(nodes, 'controlplane', 'whoami', { identity: nodes.key(name).path });
      expect(out, name).toMatchObject({ code: 0, stdout: 'ks-admin\n' });
    }
    const log = nodes.controlPlane.readSshdLog();
    for (const type of ['ED25519', 'ECDSA', 'RSA']) {
      expect(log).toMatch(
        new RegExp(`Accepted publickey for ks-admin from 127\\.0\\.0\\.1 port \\d+ ssh2: ${type} SHA256:`),
      );
    }
  });

  it('accepts the encrypted key with its passphrase (ssh2)', async () => {
    const key = nodes.key('ed25519-encrypted');
    expect(key.passphrase).toBeTruthy();
    const out = await ssh2Run(login({ privateKeyPath: key.path, passphrase: key.passphrase }), 'whoami');
    expect(out.stdout).toBe('ks-user\n');
  });

  it('accepts passwords, by password and by keyboard-interactive auth', async () => {
    const { password } = nodes.user('ks-user');
    expect((await ssh2Run(login({ password }), 'whoami')).stdout).toBe('ks-user\n');
    const kbd = await ssh2Run(login({ password, keyboardInteractive: true }), 'whoami');
    expect(kbd.stdout).toBe('ks-user\n');
    const log = nodes.controlPlane.readSshdLog();
    expect(log).toMatch(/Accepted password for ks-user/);
    expect(log).toMatch(/Accepted keyboard-interactive\/pam for ks-user/);
  });

  it('rejects a wrong password', async () => {
    await expect(ssh2Run(login({ password: 'wrong' }), 'true')).rejects.toThrow(/authentication/i);
  });

  it('runs commands through fish, tcsh and dash login shells', async () => {
    for (const [user, shell] of [
      ['ks-fish', '/usr/bin/fish'],
      ['ks-tcsh', '/usr/bin/tcsh'],
      ['ks-dash', '/bin/dash'],
    ] as const) {
      const out = await ssh(nodes, 'controlplane', 'echo $SHELL; hostname', { user });
      expect(out, user).toMatchObject({ code: 0, stdout: `${shell}\ncontrolplane\n` });
    }
    // The commands really went through those shells: `$fish_pid` exists only in fish, `$tcsh`
    // only in tcsh, and dash names itself in $0.
    expect((await ssh(nodes, 'controlplane', 'echo $fish_pid', { user: 'ks-fish' })).stdout).toMatch(
      /^\d+\n$/,
    );
    expect((await ssh(nodes, 'controlplane', 'echo $tcsh', { user: 'ks-tcsh' })).stdout).toMatch(/^\d+\.\d+/);
    expect((await ssh(nodes, 'controlplane', 'echo $0', { user: 'ks-dash' })).stdout).toBe('dash\n');
  });

  it('keeps the test users out of the host user database', async () => {
    const host = await runCommand('getent', ['passwd', 'ks-admin']);
    expect(host.code).not.toBe(0);
    const inside = await nodes.controlPlane.exec(['getent', 'passwd', 'ks-fish']);
    expect(inside.stdout).toMatch(/^ks-fish:x:\d+:\d+:ks-fish:\/home\/ks-fish:\/usr\/bin\/fish\n$/);
  });
});
