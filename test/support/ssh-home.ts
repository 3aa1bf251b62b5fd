/**
 * A HOME for a Kubelet Studio process under test whose ~/.ssh/config names the test nodes
 * (Host controlplane, node01, … with the test keys), so the app reaches them exactly as a
 * user's ssh aliases: `startServe([], { HOME: makeSshHome(nodes, {...}) })`.
 * With `trust: false` the known_hosts is empty and the app must ask about the host key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestNodeSet } from '../nodes';

export interface SshHomeOptions {
  user?: string;
  /** Put the nodes' host keys in ~/.ssh/known_hosts (default true). */
  trust?: boolean;
}

export function makeSshHome(nodes: TestNodeSet, options: SshHomeOptions = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-home-'));
  const sshDir = path.join(home, '.ssh');
  fs.mkdirSync(sshDir, { mode: 0o700 });
  const key = nodes.key('ed25519').path;
  const hosts = nodes.info.nodes.map((node) =>
    [
      `Host ${node.name}`,
      '  HostName 127.0.0.1',
      `  Port ${node.port}`,
      `  User ${options.user ?? 'ks-admin'}`,
      `  IdentityFile ${key}`,
      '  IdentitiesOnly yes',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(sshDir, 'config'), hosts.join('\n'), { mode: 0o600 });
  const knownHosts = options.trust === false ? '' : fs.readFileSync(nodes.info.knownHostsPath, 'utf8');
  fs.writeFileSync(path.join(sshDir, 'known_hosts'), knownHosts, { mode: 0o600 });
  return home;
}
