// "Will this boot?" checks on real kubeadm manifests (test/fixtures/real) with node outputs in
// their real formats: `ss -ltnpH`, /proc/net/tcp, `crictl images -o json`, the kubeadm-config
// ConfigMap as kubectl prints it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ASSUMED_VERSION } from '../../../src-main/kubelet/kubelet-version';
import { judgeManifest } from '../../../src-main/kubelet/manifest-verdict';
import {
  judgeHostPaths,
  pathReferences,
  resolveInContainer,
  type HostPathFact,
} from '../../../src-main/inspect/boot/host-path-check';
import {
  boundPorts,
  judgePorts,
  parseProcNetTcp,
  parseSsListeners,
} from '../../../src-main/inspect/boot/port-check';
import { judgeImages, normaliseImage, parseCrictlImages } from '../../../src-main/inspect/boot/image-check';
import { judgeKubeadm } from '../../../src-main/inspect/boot/kubeadm-check';

const real = (name: string) =>
  readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real', name),
    'utf8',
  );
const SCHEDULER = real('kubeadm-v1.32.2-kube-scheduler.yaml');
const APISERVER = real('kubeadm-v1.32.2-kube-apiserver.yaml');

function podOf(text: string) {
  const verdict = judgeManifest({
    bytes: Buffer.from(text),
    path: '/etc/kubernetes/manifests/x.yaml',
    nodeName: 'cp-1',
    version: ASSUMED_VERSION,
  });
  if (!verdict.accepted) throw new Error(verdict.error);
  return verdict.object;
}

describe('files named by flags', () => {
  it('a flag pointing at a path no volume mounts is a problem, with the mounts as evidence', () => {
    const text = SCHEDULER.replace(
      '    - --leader-elect=true\n',
      '    - --leader-elect=true\n    - --config=/etc/kubernetes/scheduler-config.yaml\n',
    );
    const pod = podOf(text);
    const refs = pathReferences(pod);
    expect(refs.map((r) => r.path)).toContain('/etc/kubernetes/scheduler-config.yaml');
    const facts = new Map<string, HostPathFact>([['/etc/kubernetes/scheduler.conf', { kind: 'file' }]]);
    const findings = judgeHostPaths(pod, refs, facts, text);
    const problem = findings.find((f) => f.status === 'problem');
    expect(problem?.title).toBe(
      '--config of kube-scheduler names /etc/kubernetes/scheduler-config.yaml, but no volume mounts it into kube-scheduler.',
    );
    expect(problem?.evidence).toEqual([
      'manifest: --config=/etc/kubernetes/scheduler-config.yaml',
      'mounted in kube-scheduler: /etc/kubernetes/scheduler.conf',
    ]);
    expect(problem?.line).toBe(text.split('\n').findIndex((l) => l.includes('--config=')) + 1);
  });

  it('a mounted path resolves to its host path; a missing host file is a problem, an unread one is not claimed', () => {
    const pod = podOf(APISERVER);
    expect(resolveInContainer(pod, 'kube-apiserver', '/etc/kubernetes/pki/apiserver.crt')).toEqual({
      kind: 'host-path',
      volume: 'k8s-certs',
      mountPath: '/etc/kubernetes/pki',
      hostPath: '/etc/kubernetes/pki/apiserver.crt',
      type: 'DirectoryOrCreate',
    });
    const refs = pathReferences(pod);
    const facts = new Map<string, HostPathFact>();
    for (const r of refs) facts.set(r.path, { kind: 'file' });
    facts.set('/etc/kubernetes/pki/apiserver.crt', { kind: 'missing' });
    facts.delete('/etc/kubernetes/pki/sa.pub');
    const findings = judgeHostPaths(pod, refs, facts, APISERVER);
    expect(findings.filter((f) => f.status === 'problem').map((f) => f.title)).toEqual([
      '--tls-cert-file of kube-apiserver names /etc/kubernetes/pki/apiserver.crt: /etc/kubernetes/pki/apiserver.crt is not on the node.',
    ]);
    // The audit log flag names a path no volume of this manifest covers (the fixture's CKS edit
    // mounts nothing there): reported, not assumed fine.
    expect(findings.some((f) => f.title.includes('/var/log/apiserver/audit.log'))).toBe(true);
    const notChecked = findings.find((f) => f.status === 'not-checked');
    expect(notChecked?.detail).toContain('/etc/kubernetes/pki/sa.pub');
  });
});

describe('ports of a hostNetwork pod', () => {
  const SS = [
    'LISTEN 0      4096       127.0.0.1:10259      0.0.0.0:*    users:(("python3",pid=9911,fd=3))',
    'LISTEN 0      4096               *:6443             *:*    users:(("kube-apiserver",pid=2412,fd=3))',
    'LISTEN 0      4096      127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=512,fd=14))',
  ].join('\n');

  it('reads ss -ltnpH with the owning process', () => {
    expect(parseSsListeners(SS)).toEqual([
      expect.objectContaining({ address: '127.0.0.1', port: 10259, process: { name: 'python3', pid: 9911 } }),
      expect.objectContaining({
        address: '0.0.0.0',
        port: 6443,
        process: { name: 'kube-apiserver', pid: 2412 },
      }),
      expect.objectContaining({
        address: '127.0.0.53',
        port: 53,
        process: { name: 'systemd-resolve', pid: 512 },
      }),
    ]);
  });

  it('a port held by another program is a problem; held by the pod’s own program it is not', () => {
    const scheduler = podOf(SCHEDULER);
    expect(boundPorts(scheduler).map((b) => b.port)).toEqual([10259]);
    const findings = judgePorts(scheduler, parseSsListeners(SS), 'ss -ltnpH');
    expect(findings).toHaveLength(1);
    expect(findings[0].status).toBe('problem');
    expect(findings[0].title).toBe(
      "Port 10259 (kube-scheduler's default secure port) is already taken by python3 (pid 9911).",
    );
    expect(findings[0].evidence[0]).toContain('users:(("python3",pid=9911,fd=3))');
    const apiserver = judgePorts(podOf(APISERVER), parseSsListeners(SS), 'ss -ltnpH');
    expect(apiserver.map((f) => f.status)).toEqual(['ok']);
  });

  it('/proc/net/tcp gives listeners without owners: a clash is a warning, not a claim', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:2813 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21564 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    const listeners = parseProcNetTcp(tcp);
    expect(listeners).toEqual([
      expect.objectContaining({ address: '127.0.0.1', port: 10259, process: null }),
    ]);
    const findings = judgePorts(podOf(SCHEDULER), listeners, '/proc/net/tcp');
    expect(findings[0].status).toBe('warning');
    expect(findings[0].title).toBe(
      "Port 10259 (kube-scheduler's default secure port) is already in use by a process the app could not name.",
    );
  });
});

describe('images', () => {
  const CRICTL = JSON.stringify({
    images: [
      {
        id: 'sha256:1e5c0ab0a3f2e06c8a3f6a1a0b5f8d9f1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b',
        repoTags: ['registry.k8s.io/kube-scheduler:v1.32.2'],
        repoDigests: [
          'registry.k8s.io/kube-scheduler@sha256:45710d74cfd5aa10a001d0cf81747b77c28617444ffee0503d12f1dcd7450f76',
        ],
        size: '20667152',
        uid: null,
        username: '',
        spec: null,
        pinned: false,
      },
    ],
  });

  it('normalises references as the runtime does', () => {
    expect(normaliseImage('nginx')).toEqual({
      registry: 'docker.io',
      full: 'docker.io/library/nginx:latest',
      digest: null,
    });
    expect(normaliseImage('localhost:5000/app:dev').registry).toBe('localhost:5000');
  });

  it('present with IfNotPresent is fine; absent is pulled from its registry; absent with Never cannot start', () => {
    const images = parseCrictlImages(CRICTL);
    expect(judgeImages(podOf(SCHEDULER), images, null).map((f) => f.status)).toEqual(['ok']);
    const newer = podOf(SCHEDULER.replace('kube-scheduler:v1.32.2', 'kube-scheduler:v1.33.0'));
    const pulled = judgeImages(newer, images, new Set(['registry.k8s.io']));
    expect(pulled[0].title).toBe(
      'kube-scheduler: registry.k8s.io/kube-scheduler:v1.33.0 will be pulled from registry.k8s.io (containerd has a hosts.toml for registry.k8s.io: a mirror may serve it).',
    );
    const never = podOf(
      SCHEDULER.replace('kube-scheduler:v1.32.2', 'kube-scheduler:v1.33.0').replace(
        'imagePullPolicy: IfNotPresent',
        'imagePullPolicy: Never',
      ),
    );
    expect(judgeImages(never, images, null)[0].status).toBe('problem');
    expect(judgeImages(podOf(SCHEDULER), { unknown: 'crictl not found in PATH' }, null)[0]).toMatchObject({
      status: 'not-checked',
      detail: 'crictl not found in PATH',
    });
  });
});

describe('kubeadm ClusterConfiguration', () => {
  const configMap = (extra: string) =>
    [
      'apiVersion: v1',
      'data:',
      '  ClusterConfiguration: |',
      '    apiServer:',
      extra,
      '    apiVersion: kubeadm.k8s.io/v1beta4',
      '    certificatesDir: /etc/kubernetes/pki',
      '    clusterName: test',
      '    controllerManager: {}',
      '    etcd:',
      '      local:',
      '        dataDir: /var/lib/etcd',
      '    kind: ClusterConfiguration',
      '    kubernetesVersion: v1.32.2',
      '    networking:',
      '      serviceSubnet: 20.96.0.0/12',
      '    scheduler: {}',
      'kind: ConfigMap',
      'metadata:',
      '  name: kubeadm-config',
      '  namespace: kube-system',
    ].join('\n');

  it('names every flag and volume set only in the manifest as lost at the next kubeadm upgrade', () => {
    const findings = judgeKubeadm(podOf(APISERVER), APISERVER, {
      from: 'ConfigMap kube-system/kubeadm-config',
      text: configMap('      extraArgs: []'),
    });
    const titles = findings.map((f) => f.title);
    expect(titles).toContain('--profiling is not in ClusterConfiguration: lost at the next kubeadm upgrade.');
    expect(titles).toContain(
      '--audit-log-path is not in ClusterConfiguration: lost at the next kubeadm upgrade.',
    );
    expect(titles).toContain(
      '--kubelet-certificate-authority is not in ClusterConfiguration: lost at the next kubeadm upgrade.',
    );
    expect(titles.some((t) => t.includes('--tls-cert-file'))).toBe(false);
    expect(findings.every((f) => f.status === 'warning')).toBe(true);
  });

  it('a flag kept in extraArgs (v1beta4 list form) is not reported; another value is', () => {
    const findings = judgeKubeadm(podOf(APISERVER), APISERVER, {
      from: '/etc/kubernetes/kubeadm-config.yaml',
      text: configMap(
        '      extraArgs:\n      - name: profiling\n        value: "false"\n      - name: runtime-config\n        value: api/all=true',
      ),
    });
    const titles = findings.map((f) => f.title);
    expect(titles.some((t) => t.startsWith('--profiling'))).toBe(false);
    expect(titles).toContain(
      '--runtime-config= differs from ClusterConfiguration (api/all=true): lost at the next kubeadm upgrade.',
    );
  });

  it('says so when the configuration could not be read', () => {
    expect(
      judgeKubeadm(podOf(SCHEDULER), SCHEDULER, {
        unknown: 'the API server is down and /etc/kubernetes/kubeadm-config.yaml does not exist',
      })[0],
    ).toMatchObject({
      status: 'not-checked',
    });
  });
});
