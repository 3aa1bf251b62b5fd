// Which file won: a running static pod matched to the manifest that produced it, and every
// other file declaring it with the reason it lost (docs/kubelet.md §1.2, §1.6).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ASSUMED_VERSION } from '../../../src-main/kubelet/kubelet-version';
import { judgeDirectory, type DirectoryEntryInput } from '../../../src-main/kubelet/manifest-directory-rules';
import { staticPodSource } from '../../../src-main/inspect/static-pod-source';

const SCHEDULER = readFileSync(
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../fixtures/real/kubeadm-v1.32.2-kube-scheduler.yaml',
  ),
);
const OLDER = Buffer.from(SCHEDULER.toString().replace('kube-scheduler:v1.32.2', 'kube-scheduler:v1.31.0'));
const DIR = '/etc/kubernetes/manifests';
const file = (name: string, bytes: Buffer): DirectoryEntryInput => ({ name, type: 'file', bytes });

function judge(entries: DirectoryEntryInput[]) {
  return judgeDirectory(DIR, entries, 'cp-1', ASSUMED_VERSION);
}

describe('which file a running static pod comes from', () => {
  it('a backup that sorts last wins: matched by content, the edited file named as the loser', () => {
    const directory = judge([file('kube-scheduler.yaml', SCHEDULER), file('kube-scheduler.yaml.bak', OLDER)]);
    const source = staticPodSource(
      {
        key: 'kube-system/kube-scheduler-cp-1',
        uid: '23ace3c8b1dea5b6d6b30e6bcbb810a7',
        images: new Map([['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.31.0']]),
      },
      directory,
      false,
    );
    expect(source).toEqual({
      file: 'kube-scheduler.yaml.bak',
      match: 'content',
      evidence: [
        'Running containers (kube-scheduler: registry.k8s.io/kube-scheduler:v1.31.0) match kube-scheduler.yaml.bak and no other file declaring the pod.',
      ],
      others: [
        {
          file: 'kube-scheduler.yaml',
          why: 'It sorts before kube-scheduler.yaml.bak, which declares the same pod: the kubelet keeps the file it reads last (byte order).',
        },
      ],
    });
  });

  it("a real kubelet's config hash is never claimed to match; the simulated kubelet's is", () => {
    const directory = judge([file('kube-scheduler.yaml', SCHEDULER)]);
    const entry = directory.entries[0];
    if (entry.outcome !== 'pod') throw new Error('expected a pod');
    const pod = {
      key: 'kube-system/kube-scheduler-cp-1',
      uid: entry.verdict.pod.derivedUid,
      images: new Map<string, string>(),
    };
    expect(staticPodSource(pod, directory, true).match).toBe('config-hash');
    const real = staticPodSource(pod, directory, false);
    expect(real.match).toBe('directory-rule');
    expect(real.file).toBe('kube-scheduler.yaml');
  });

  it('a hidden copy is named as never read', () => {
    const directory = judge([
      file('kube-scheduler.yaml', SCHEDULER),
      file('.kube-scheduler.yaml.swp', OLDER),
    ]);
    const source = staticPodSource(
      {
        key: 'kube-system/kube-scheduler-cp-1',
        uid: 'x',
        images: new Map([['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.2']]),
      },
      directory,
      false,
    );
    expect(source.file).toBe('kube-scheduler.yaml');
    expect(source.others).toEqual([
      { file: '.kube-scheduler.yaml.swp', why: 'The kubelet never reads it: its name starts with ".".' },
    ]);
  });

  it('a pod whose file is gone says so', () => {
    const source = staticPodSource(
      { key: 'kube-system/etcd-cp-1', uid: 'x', images: new Map() },
      judge([]),
      false,
    );
    expect(source).toEqual({
      file: null,
      match: 'none',
      evidence: ['No file the kubelet reads declares kube-system/etcd-cp-1.'],
      others: [],
    });
  });
});
