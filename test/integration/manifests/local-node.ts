/**
 * A manifest directory on this machine reached through the same NodeSession as a node (local
 * transport, as the Sandbox node uses): `<root>/etc/kubernetes/manifests` and its
 * `<root>/etc/kubernetes/tmp` backup area, real files, real mv/cp/sha256sum.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeSession } from '../../../src-main/node/session/node-session';
import { createLocalTransport } from '../../../src-main/ssh/local-transport';
import { runSave, type RawSaveResult } from '../../../src-main/node/manifests/manifest-store';
import { sha256Hex } from '../../../src-main/node/manifests/save-command';
import { backupRootOf } from '../../../src-main/node/manifests/script-helpers';

export interface LocalManifestNode {
  root: string;
  dir: string;
  backupRoot: string;
  session: NodeSession;
  write(name: string, content: string, mode?: number): string;
  save(
    name: string,
    content: string,
    expectedSha256: string | null,
    hook?: { prefix: string; step: number },
  ): Promise<RawSaveResult>;
  /** Names in the manifest directory, sorted. */
  names(): string[];
  read(name: string): string;
  cleanup(): void;
}

export function localManifestNode(): LocalManifestNode {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-manifests-'));
  const dir = path.join(root, 'etc/kubernetes/manifests');
  fs.mkdirSync(dir, { recursive: true });
  const session = new NodeSession({
    name: 'local test node',
    transport: createLocalTransport(),
    privilege: 'direct',
  });
  return {
    root,
    dir,
    backupRoot: backupRootOf(dir),
    session,
    write(name, content, mode = 0o600) {
      fs.writeFileSync(path.join(dir, name), content, { mode });
      fs.chmodSync(path.join(dir, name), mode);
      return sha256Hex(content);
    },
    save: (name, content, expectedSha256, hook) =>
      runSave(session, {
        manifestDir: dir,
        name,
        content: Buffer.from(content),
        expectedSha256,
        backupRoot: backupRootOf(dir),
        hook,
      }),
    names: () => fs.readdirSync(dir).sort(),
    read: (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

export function podManifest(name: string, tag: string): string {
  return `# ${tag}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: kube-system\nspec:\n  containers:\n  - name: ${name}\n    image: registry.k8s.io/pause:3.9\n`;
}
