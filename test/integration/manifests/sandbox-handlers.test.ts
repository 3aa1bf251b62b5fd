/**
 * The manifests operations through the core on the Sandbox node: the directory view, a refused
 * and a confirmed save, delete into the backup area, history, readBackup, restore, rollback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { repoRoot } from '../../support/serve-process';

let core: CoreApi;
let dataDir: string;
const id = SANDBOX_NODE_ID;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-manifests-core-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  await core.handlers['nodes.connect']({ id });
}, 60_000);

afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('manifests on the sandbox node', () => {
  it('lists the kubeadm manifests with the pods they yield and where the path came from', async () => {
    const view = await core.handlers['manifests.list']({ id });
    expect(view.source).toBe('config');
    expect(
      view.entries.map((e) => [e.name, e.verdict.kind === 'pod' ? e.verdict.podName : e.verdict.kind]),
    ).toEqual([
      ['etcd.yaml', 'etcd-controlplane'],
      ['kube-apiserver.yaml', 'kube-apiserver-controlplane'],
      ['kube-controller-manager.yaml', 'kube-controller-manager-controlplane'],
      ['kube-scheduler.yaml', 'kube-scheduler-controlplane'],
    ]);
    expect(view.findings).toEqual([]);
  });

  it('refuses a non-Pod save unless confirmed, then saves, deletes, restores and rolls back', async () => {
    const file = await core.handlers['manifests.read']({ id, name: 'kube-scheduler.yaml' });
    expect(file).toMatchObject({ owner: 'root', group: 'root', mode: '0600', binary: false });

    const refused = await core.handlers['manifests.save']({
      id,
      name: 'kube-scheduler.yaml',
      content: 'kind: Deployment\n',
      expectedSha256: file.sha256,
    });
    expect(refused.status).toBe('refused');
    expect((await core.handlers['manifests.read']({ id, name: 'kube-scheduler.yaml' })).sha256).toBe(
      file.sha256,
    );

    const edited = file.content.replace('- kube-scheduler', '- kube-scheduler\n    - --v=2');
    const saved = await core.handlers['manifests.save']({
      id,
      name: 'kube-scheduler.yaml',
      content: edited,
      expectedSha256: file.sha256,
    });
    expect(saved).toMatchObject({ status: 'saved', created: false, mode: '0600' });

    const stale = await core.handlers['manifests.save']({
      id,
      name: 'kube-scheduler.yaml',
      content: 'x',
      expectedSha256: file.sha256,
      confirmRisky: true,
    });
    expect(stale).toMatchObject({ status: 'conflict', theirs: edited, original: file.content, mine: 'x' });

    const history = await core.handlers['manifests.history']({ id, name: 'kube-scheduler.yaml' });
    expect(history.backups[0]).toMatchObject({ kind: 'backup', sha256: file.sha256 });
    const backup = await core.handlers['manifests.readBackup']({ id, path: history.backups[0]?.path ?? '' });
    expect(backup.content).toBe(file.content);
    await expect(core.handlers['manifests.readBackup']({ id, path: '/etc/shadow' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });

    const rolled = await core.handlers['manifests.rollback']({ id, name: 'kube-scheduler.yaml' });
    expect(rolled).toMatchObject({ status: 'rolled-back', sha256: file.sha256 });
    const restored = await core.handlers['manifests.restore']({
      id,
      name: 'kube-scheduler.yaml',
      backupPath: (rolled.status === 'rolled-back' && rolled.replacedKeptAt) || '',
      expectedSha256: file.sha256,
    });
    expect(restored.status).toBe('saved');
    expect((await core.handlers['manifests.read']({ id, name: 'kube-scheduler.yaml' })).content).toBe(edited);

    const deleted = await core.handlers['manifests.delete']({
      id,
      name: 'kube-scheduler.yaml',
      expectedSha256: (restored.status === 'saved' && restored.sha256) || '',
    });
    expect(deleted.status).toBe('deleted');
    const view = await core.handlers['manifests.list']({ id });
    expect(view.entries.map((e) => e.name)).not.toContain('kube-scheduler.yaml');
    expect(view.entries.every((e) => !e.name.includes('kubelet-studio'))).toBe(true);
  }, 60_000);
});
