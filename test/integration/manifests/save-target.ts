/**
 * Where save-guarantees.test.ts saves: a local directory (local transport, root) or an SSH test
 * node logged in as ks-sudo with password sudo (issue 5 acceptance, "against a test node").
 * The test prepares and checks files through host paths (the node's /etc/kubernetes is a bind
 * mount of a host directory, and it shares the host's uids, so chown/stat agree), while every
 * save and listing goes through the target's NodeSession, as the app does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runSave, type RawSaveResult } from '../../../src-main/node/manifests/manifest-store';
import { backupRootOf } from '../../../src-main/node/manifests/script-helpers';
import type { NodeSession } from '../../../src-main/node/session/node-session';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { localManifestNode } from './local-node';
import { openSshSession } from './ssh-session';

export interface SaveTarget {
  /** The manifest directory as the node sees it, and as this process sees it. */
  dir: string;
  hostDir: string;
  session: NodeSession;
  /** gid of the group `etcd` on the node (created if missing). */
  etcdGid: number;
  save(
    name: string,
    content: string,
    expectedSha256: string | null,
    hookAtStep?: number,
  ): Promise<RawSaveResult>;
  /** Host path of the marker the save's hook creates at `step` (remove it to let the save go on). */
  hookMarker(step: number): string;
  /** A path on the node for a directory that does not exist. */
  missingDir: string;
  close(): Promise<void>;
}

export async function localSaveTarget(): Promise<SaveTarget> {
  const node = localManifestNode();
  execFileSync('groupadd', ['-f', 'etcd']);
  const prefix = path.join(node.root, 'hook');
  return {
    dir: node.dir,
    hostDir: node.dir,
    session: node.session,
    etcdGid: Number(execFileSync('getent', ['group', 'etcd']).toString().split(':')[2]),
    save: (name, content, sha, step) => node.save(name, content, sha, step ? { prefix, step } : undefined),
    hookMarker: (step) => `${prefix}.${step}`,
    missingDir: path.join(node.root, 'nope/manifests'),
    close: async () => node.cleanup(),
  };
}

const SSH_DIR = '/etc/kubernetes/save-guarantees/manifests';

export async function sshSaveTarget(): Promise<SaveTarget> {
  const nodes: TestNodeSet = await startTestNodes({ count: 1 });
  const node = nodes.controlPlane;
  try {
    await node.exec(['mkdir', '-p', '-m', '0755', SSH_DIR]);
    await node.exec(['groupadd', '-f', 'etcd']);
    const group = await node.exec(['getent', 'group', 'etcd']);
    const ssh = await openSshSession({
      port: node.port,
      user: 'ks-sudo',
      keyPath: nodes.key('ed25519').path,
      knownHostsPath: nodes.knownHostsPath,
      sudoPassword: nodes.user('ks-sudo').password,
    });
    const prefix = '/tmp/ks-save-guarantees-hook';
    return {
      dir: SSH_DIR,
      hostDir: node.hostPath(SSH_DIR),
      session: ssh.session,
      etcdGid: Number(String(group.stdout).split(':')[2]),
      save: (name, content, sha, step) =>
        runSave(ssh.session, {
          manifestDir: SSH_DIR,
          name,
          content: Buffer.from(content),
          expectedSha256: sha,
          backupRoot: backupRootOf(SSH_DIR),
          hook: step ? { prefix, step } : undefined,
        }),
      hookMarker: (step) => `${node.hostPath(prefix)}.${step}`,
      missingDir: '/etc/kubernetes/save-guarantees/nope/manifests',
      async close() {
        ssh.close();
        await nodes.stop();
      },
    };
  } catch (error) {
    await nodes.stop();
    throw error;
  }
}

/** Removes everything in the directory (between suites that need a known listing). */
export function emptyDir(hostDir: string): void {
  for (const name of fs.readdirSync(hostDir))
    fs.rmSync(path.join(hostDir, name), { recursive: true, force: true });
}
