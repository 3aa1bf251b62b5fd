/**
 * A NodeSession on an SSH test node built as src-main/core/ssh-connector.ts builds one
 * (strict host keys, sudo with a password asked through the callback), without a core: the
 * manifest tests run the save script itself, with its test-only pause hook, which the
 * contract does not expose. Also bundled into the crash test's child "app" (crash-app.ts), so
 * it imports nothing from vitest or test/nodes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodeSession } from '../../../src-main/node/session/node-session';
import { sshNodeSession } from '../../../src-main/node/session/ssh-node-session';
import { SshConnection } from '../../../src-main/ssh/connection';
import { resolveSshTarget } from '../../../src-main/ssh/ssh-config';

export interface SshSessionTarget {
  port: number;
  /** A login user that needs a password for sudo (ks-sudo): docs/security.md "sudo". */
  user: string;
  keyPath: string;
  knownHostsPath: string;
  sudoPassword: string;
}

export interface SshSession {
  session: NodeSession;
  connection: SshConnection;
  close(): void;
}

export async function openSshSession(target: SshSessionTarget): Promise<SshSession> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-ssh-session-'));
  try {
    const text = `Host node\n  HostName 127.0.0.1\n  Port ${target.port}\n  User ${target.user}\n  IdentityFile ${target.keyPath}\n  IdentitiesOnly yes\n`;
    const sshTarget = resolveSshTarget('node', { home, text });
    const connection = new SshConnection({
      target: sshTarget,
      nodeName: 'test node',
      knownHosts: {
        userFiles: [target.knownHostsPath],
        systemFiles: [],
        appFile: path.join(home, 'known_hosts'),
      },
      // Every host key is in knownHostsPath: a question would mean a wrong node.
      onHostKeyPrompt: async () => false,
      prompts: {},
      onSudoPassword: async () => target.sudoPassword,
      agent: null,
      reconnect: false,
    });
    await connection.connect();
    const session = await sshNodeSession(connection, 'test node', target.user);
    if (session.privilege !== 'sudo') throw new Error(`${target.user} should run root commands through sudo`);
    return { session, connection, close: () => connection.close() };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
