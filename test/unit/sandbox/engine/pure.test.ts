import { describe, expect, it } from 'vitest';
import { klogHeader, klogBody } from '../../../../src-main/sandbox/engine/journal/klog';
import { formatCursor, parseCursor } from '../../../../src-main/sandbox/engine/journal/cursor';
import {
  crashBackoffMs,
  crashLoopMessage,
  goDuration,
} from '../../../../src-main/sandbox/engine/runtime/backoff';
import { firstUnknownFlag } from '../../../../src-main/sandbox/engine/runtime/component-flags';
import { imageExists } from '../../../../src-main/sandbox/engine/runtime/images';
import { containerBehaviour } from '../../../../src-main/sandbox/engine/runtime/behaviour';
import { parseGoDuration, parseKubeletConfig } from '../../../../src-main/sandbox/engine/node/kubelet-config';
import { DEFAULT_MANIFESTS } from '../../../../src-main/sandbox/default-manifests';
import { parse } from 'yaml';

describe('klog', () => {
  it('formats the header with %7d pid', () => {
    const ms = Date.UTC(2024, 9, 11, 1, 18, 20, 46);
    expect(klogHeader('I', ms, 46733, 20023, { file: 'kubelet.go', line: 1913 })).toBe(
      'I1011 01:18:20.046733   20023 kubelet.go:1913] ',
    );
    expect(klogHeader('E', ms, 46733, 1358062, { file: 'file.go', line: 187 })).toBe(
      'E1011 01:18:20.046733 1358062 file.go:187] ',
    );
    expect(klogHeader('I', ms, 46733, 768, { file: 'a.go', line: 1 })).toContain('.046733     768 a.go');
  });
  it('quotes like Go, err first, lists as KObjSlice', () => {
    expect(
      klogBody('Failed creating a mirror pod for', [['pod', 'kube-system/x']], 'pods "x" already exists'),
    ).toBe('"Failed creating a mirror pod for" err="pods \\"x\\" already exists" pod="kube-system/x"');
    expect(
      klogBody('SyncLoop ADD', [
        ['source', 'file'],
        ['pods', ['default/a']],
      ]),
    ).toBe('"SyncLoop ADD" source="file" pods=["default/a"]');
  });
});

describe('cursor', () => {
  it('round-trips the journald shape', () => {
    const c = formatCursor({
      seqnumId: 'a'.repeat(32),
      seq: 255n,
      bootId: 'b'.repeat(32),
      monotonicUs: 16n,
      realtimeUs: 4096n,
      xor: 'c'.repeat(16),
    });
    expect(c).toBe(`s=${'a'.repeat(32)};i=ff;b=${'b'.repeat(32)};m=10;t=1000;x=${'c'.repeat(16)}`);
    expect(parseCursor(c)?.seq).toBe(255n);
  });
});

describe('back-off', () => {
  it('restarts at once, then 10s doubling to 5m', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(crashBackoffMs)).toEqual([
      0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
    expect(goDuration(80_000)).toBe('1m20s');
    expect(goDuration(300_000)).toBe('5m0s');
    expect(
      crashLoopMessage(
        80_000,
        'kube-scheduler',
        'kube-scheduler-controlplane',
        'kube-system',
        '23ace3c8b1dea5b6d6b30e6bcbb810a7',
      ),
    ).toBe(
      'back-off 1m20s restarting failed container=kube-scheduler pod=kube-scheduler-controlplane_kube-system(23ace3c8b1dea5b6d6b30e6bcbb810a7)',
    );
  });
});

describe('component flags and images', () => {
  it('accepts every flag of the kubeadm v1.32.2 manifests and rejects unknown ones', () => {
    for (const text of Object.values(DEFAULT_MANIFESTS)) {
      const pod = parse(text) as { spec: { containers: Array<{ command: string[] }> } };
      const [exe, ...args] = pod.spec.containers[0].command;
      expect(firstUnknownFlag(exe as 'etcd', args)).toBeUndefined();
    }
    expect(firstUnknownFlag('kube-apiserver', ['--this-is-very-wrong=1'])).toBe('--this-is-very-wrong');
    expect(
      containerBehaviour(
        { name: 'e', image: 'registry.k8s.io/etcd:3.5.16-0', command: ['etcd', '--bogus'] },
        { portTaken: false },
      ),
    ).toMatchObject({
      kind: 'exits',
      exitCode: 2,
      stderr: expect.arrayContaining(['flag provided but not defined: -bogus']),
    });
    expect(
      containerBehaviour(
        { name: 's', image: 'registry.k8s.io/kube-scheduler:v1.29.0', command: ['kube-schedulerrrr'] },
        { portTaken: false },
      ),
    ).toMatchObject({ kind: 'startError', exitCode: 128 });
    expect(
      containerBehaviour({ name: 'b', image: 'busybox', command: ['false'] }, { portTaken: false }),
    ).toMatchObject({ kind: 'exits', exitCode: 1 });
  });
  it('image rule', () => {
    expect(imageExists('registry.k8s.io/kube-apiserver:v1.32.2')).toBe(true);
    expect(imageExists('registry.k8s.io/kube-apiserver:v1.99.0')).toBe(false);
    expect(imageExists('registry.k8s.io/etcd:3.5.16-0')).toBe(true);
    expect(imageExists('busybox:doesnotexist')).toBe(false);
    expect(imageExists('nginx:1.27')).toBe(true);
  });
  it('kubelet config: fileCheckFrequency 0s means 20s', () => {
    expect(parseKubeletConfig('staticPodPath: /etc/kubernetes/manifests/\nfileCheckFrequency: 0s\n')).toEqual(
      { staticPodPath: '/etc/kubernetes/manifests', fileCheckFrequencyMs: 20_000 },
    );
    expect(parseGoDuration('1m30s')).toBe(90_000);
  });
});
