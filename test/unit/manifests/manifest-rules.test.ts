import { describe, expect, it } from 'vitest';
import { checkManifest } from '../../../src-main/inspect/manifest-rules';
import { readReal } from '../parsers/fixtures';

const real = readReal('kubeadm-v1.32.2-kube-apiserver.yaml');
const codes = (content: string | Buffer) => checkManifest(content).problems.map((p) => [p.code, p.line]);

describe('the static-pod rules (docs/kubelet.md §1.3, §1.4)', () => {
  it('accept a real kubeadm manifest and name its pod', () => {
    expect(checkManifest(real)).toEqual({
      problems: [],
      pod: { metadataName: 'kube-apiserver', namespace: 'kube-system' },
    });
  });

  it('report YAML syntax errors with their line', () => {
    const broken = real.replace('    - kube-apiserver', '    - kube-apiserver\n  bad: : [');
    const [problem] = checkManifest(broken).problems;
    expect(problem?.code).toBe('yaml-syntax');
    expect(problem?.line).toBeGreaterThan(10);
  });

  it('refuse non-Pod kinds, empty files, binary content and files over 10 MiB', () => {
    expect(codes('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n')).toEqual([['not-pod', 2]]);
    expect(codes('')).toEqual([['empty', null]]);
    expect(codes(Buffer.from([0x61, 0x00, 0x62]))).toEqual([['binary', null]]);
    expect(codes(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))).toEqual([['too-large', null]]);
  });

  it('flag a second document (the kubelet reads only the first) at its line', () => {
    const problems = checkManifest(`${real}---\napiVersion: v1\nkind: Pod\n`).problems;
    expect(problems.map((p) => p.code)).toEqual(['multi-document']);
    expect(problems[0]?.line).toBe(real.split('\n').length + 1);
  });

  it('require metadata.name and containers', () => {
    expect(codes('apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: x\nspec:\n  containers: []\n')).toEqual([
      ['missing-name', 3],
      ['missing-containers', 5],
    ]);
  });

  it('find volumeMounts naming no volume, at the mount', () => {
    const bad = real.replace(
      '    - mountPath: /etc/ssl/certs\n      name: ca-certs',
      '    - mountPath: /etc/ssl/certs\n      name: etcd-cert',
    );
    const problems = checkManifest(bad).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'volume-mount',
      line: bad.split('\n').indexOf('      name: etcd-cert') + 1,
    });
  });

  it('refuse references to ServiceAccounts, ConfigMaps, Secrets and PVCs', () => {
    const pod = (spec: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n${spec}`;
    for (const spec of [
      '  serviceAccountName: default\n',
      '  volumes: [{name: v, secret: {secretName: s}}]\n',
      '  volumes: [{name: v, configMap: {name: s}}]\n',
      '  volumes: [{name: v, persistentVolumeClaim: {claimName: s}}]\n',
    ]) {
      expect(checkManifest(pod(spec)).problems.map((p) => p.code)).toEqual(['api-reference']);
    }
  });
});
