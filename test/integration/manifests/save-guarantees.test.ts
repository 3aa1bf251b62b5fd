/**
 * Issue 5 acceptance on real files (docs/security.md tests 8, 9, 10), on a local directory and on an
 * SSH test node as ks-sudo with password sudo: inotify sees only MOVED_TO for the target over
 * 200 saves; an out-of-band change aborts the save 100/100 and stays; owner and mode survive
 * across 0600/0640/0644 and root:root/root:etcd, new files are root:root 0600; a
 * kube-apiserver.yaml.bak in the directory is flagged as a second kube-apiserver pod that wins.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReal } from '../../unit/parsers/fixtures';
import type { NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import { judgeManifestDirectory } from '../../../src-main/inspect/manifest-directory';
import { listManifestDirectory } from '../../../src-main/node/manifests/manifest-store';
import { sha256Hex } from '../../../src-main/node/manifests/save-command';
import { podManifest } from './local-node';
import { emptyDir, localSaveTarget, sshSaveTarget, type SaveTarget } from './save-target';

const TARGET = 'kube-apiserver.yaml';

describe.each([
  ['a local directory', localSaveTarget],
  ['an SSH test node (ks-sudo, password sudo)', sshSaveTarget],
] as const)('on %s', (_where, open) => {
  let node: SaveTarget;
  let target: string;
  const read = (name: string) => fs.readFileSync(path.join(node.hostDir, name), 'utf8');
  const names = () => fs.readdirSync(node.hostDir).sort();
  beforeAll(async () => {
    node = await open();
    target = path.join(node.hostDir, TARGET);
  });
  afterAll(async () => {
    await node?.close();
  });

  describe('the save, watched with inotify', () => {
    it('200 saves: the directory sees only MOVED_TO of the target', async () => {
      fs.writeFileSync(target, podManifest('kube-apiserver', 'v0'), { mode: 0o600 });
      const watch = spawn(
        'inotifywait',
        [
          '-m',
          '--format',
          '%e %f',
          '-e',
          'create,modify,close_write,moved_to,moved_from,delete,attrib',
          node.hostDir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let events = '';
      watch.stdout.on('data', (d: Buffer) => (events += d.toString()));
      await new Promise<void>((resolve) =>
        watch.stderr.on('data', (d: Buffer) => d.toString().includes('Watches established') && resolve()),
      );
      try {
        let sha = sha256Hex(podManifest('kube-apiserver', 'v0'));
        for (let i = 1; i <= 200; i++) {
          const content = podManifest('kube-apiserver', `v${i}`);
          const result = await node.save(TARGET, content, sha);
          expect(result.status).toBe('saved');
          sha = sha256Hex(content);
        }
        // A dot file the kubelet ignores (§1.2): once its CREATE is read, every earlier event is too.
        fs.writeFileSync(path.join(node.hostDir, '.flushed'), '');
        while (!events.includes('CREATE .flushed\n')) await new Promise((resolve) => setTimeout(resolve, 2));
      } finally {
        watch.kill('SIGTERM');
        fs.rmSync(path.join(node.hostDir, '.flushed'), { force: true });
      }
      const lines = events.slice(0, events.indexOf('CREATE .flushed\n')).trim().split('\n');
      expect(lines).toHaveLength(200);
      expect(new Set(lines)).toEqual(new Set([`MOVED_TO ${TARGET}`]));
    }, 300_000);
  });

  describe('an out-of-band change between opening and saving', () => {
    it('aborts 100/100 and keeps the foreign edit', async () => {
      let aborted = 0;
      for (let i = 0; i < 100; i++) {
        const opened = podManifest('kube-apiserver', `opened ${i}`);
        fs.writeFileSync(target, opened);
        const foreign = podManifest('kube-apiserver', `foreign ${i}`);
        fs.writeFileSync(target, foreign);
        const result = await node.save(TARGET, podManifest('kube-apiserver', `mine ${i}`), sha256Hex(opened));
        if (
          result.status === 'conflict' &&
          result.theirs === foreign &&
          result.theirsSha256 === sha256Hex(foreign)
        )
          aborted++;
        expect(read(TARGET)).toBe(foreign);
        expect(names()).toEqual([TARGET]);
      }
      expect(aborted).toBe(100);
    }, 300_000);

    it('aborts when the edit lands during the save, right before the re-check (step 5)', async () => {
      for (let i = 0; i < 20; i++) {
        const opened = podManifest('kube-apiserver', `opened ${i}`);
        fs.writeFileSync(target, opened);
        const saving = node.save(TARGET, podManifest('kube-apiserver', `mine ${i}`), sha256Hex(opened), 5);
        while (!fs.existsSync(node.hookMarker(5))) await new Promise((resolve) => setTimeout(resolve, 2));
        fs.writeFileSync(target, podManifest('kube-apiserver', `foreign ${i}`));
        fs.rmSync(node.hookMarker(5));
        expect((await saving).status).toBe('conflict');
        expect(read(TARGET)).toBe(podManifest('kube-apiserver', `foreign ${i}`));
      }
    }, 120_000);
  });

  describe('owner and mode', () => {
    for (const mode of [0o600, 0o640, 0o644]) {
      for (const group of ['root', 'etcd'] as const) {
        it(`are kept for ${mode.toString(8).padStart(4, '0')} root:${group}`, async () => {
          const old = podManifest('etcd', `${mode} ${group}`);
          const gid = group === 'root' ? 0 : node.etcdGid;
          const file = path.join(node.hostDir, 'etcd.yaml');
          fs.writeFileSync(file, old);
          fs.chownSync(file, 0, gid);
          fs.chmodSync(file, mode);
          const result = await node.save('etcd.yaml', podManifest('etcd', 'new'), sha256Hex(old));
          expect(result).toMatchObject({
            status: 'saved',
            owner: 'root',
            group,
            mode: `0${mode.toString(8)}`,
          });
          const st = fs.statSync(file);
          expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, gid, mode]);
        });
      }
    }
    it('new files are root:root 0600', async () => {
      const result = await node.save('new-pod.yaml', podManifest('new-pod', 'new'), null);
      expect(result).toMatchObject({
        status: 'saved',
        backupPath: null,
        owner: 'root',
        group: 'root',
        mode: '0600',
      });
      const st = fs.statSync(path.join(node.hostDir, 'new-pod.yaml'));
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, 0, 0o600]);
    });
  });

  describe('the directory as the kubelet sees it', () => {
    it('flags kube-apiserver.yaml.bak as a second kube-apiserver pod that wins over the real one', async () => {
      const real = Buffer.from(readReal('kubeadm-v1.32.2-kube-apiserver.yaml'));
      emptyDir(node.hostDir);
      fs.writeFileSync(target, real, { mode: 0o600 });
      fs.writeFileSync(`${target}.bak`, real, { mode: 0o600 });
      fs.writeFileSync(path.join(node.hostDir, '.hidden.yaml'), real);
      fs.mkdirSync(path.join(node.hostDir, 'old'));
      const discovery = {
        nodeName: 'controlplane',
        staticPodPath: node.dir,
        staticPodPathSource: 'config',
        staticPodPathExplanation: 'test',
        staticPodsDisabled: false,
        kubeletVersion: { version: null, source: 'unknown', evidence: 'not read' },
      } as NodeDiscovery;
      const view = judgeManifestDirectory(discovery, await listManifestDirectory(node.session, node.dir));
      const byName = new Map(view.entries.map((e) => [e.name, e]));
      expect(byName.get(`${TARGET}.bak`)?.verdict).toMatchObject({
        kind: 'pod',
        podName: 'kube-apiserver-controlplane',
        namespace: 'kube-system',
        winner: true,
      });
      expect(byName.get(TARGET)?.verdict).toMatchObject({
        kind: 'pod',
        winner: false,
        shadowedBy: `${TARGET}.bak`,
      });
      expect(byName.get('.hidden.yaml')?.verdict.kind).toBe('ignored-dot');
      expect(byName.get('old')?.verdict.kind).toBe('directory');
      expect(byName.get(TARGET)).toMatchObject({
        owner: 'root',
        group: 'root',
        mode: '0600',
        size: real.length,
        sha256: sha256Hex(real),
      });
      const duplicate = view.findings.find((f) => f.kind === 'duplicate-pod');
      expect(duplicate).toMatchObject({ severity: 'danger', files: [TARGET, `${TARGET}.bak`] });
      expect(duplicate?.message).toContain(`runs only the last in sort order, ${TARGET}.bak`);
      expect(view.findings).toContainEqual(
        expect.objectContaining({ kind: 'backup-copy', files: [`${TARGET}.bak`] }),
      );
    });

    it('says so when the directory is missing', async () => {
      const missing = node.missingDir;
      const discovery = {
        nodeName: 'n',
        staticPodPath: missing,
        staticPodPathSource: 'default',
        staticPodPathExplanation: '',
        staticPodsDisabled: false,
        kubeletVersion: { version: null, source: 'unknown', evidence: 'not read' },
      } as NodeDiscovery;
      const view = judgeManifestDirectory(discovery, await listManifestDirectory(node.session, missing));
      expect(view.exists).toBe(false);
      expect(view.findings[0]?.kind).toBe('missing-directory');
    });
  });
});
