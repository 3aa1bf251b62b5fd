/**
 * No finding claims an absence it could not observe (docs/architecture.md "Say what could not
 * be read"): a kubelet log that was not read, or read only in part, manifests that could not be
 * read, a directory the user may not list, no credentials for the API server, static pods that
 * come over HTTP. Each case is asserted on the finding's words.
 */
import { describe, expect, it } from 'vitest';
import type { CriSandbox } from '../../../src-main/contract/domain/cri';
import type { KubeletLogWindow } from '../../../src-main/contract/domain/node-setup';
import type {
  ApiAvailability,
  StaticManifestDirectory,
  StaticManifestEntry,
} from '../../../src-main/contract/domain/node-pods';
import { collectFindings, type FindingInput } from '../../../src-main/inspect/findings/collect-findings';
import { joinPods } from '../../../src-main/inspect/join-pods';
import { silenceEvidence } from '../../../src-main/inspect/kubelet-journal';

const UID = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const sandbox: CriSandbox = {
  id: 'a'.repeat(64),
  name: 'kube-scheduler-node-1',
  namespace: 'kube-system',
  uid: UID,
  attempt: 0,
  state: 'ready',
  createdAtNs: null,
  createdAtMs: 1,
  labels: { 'io.kubernetes.pod.uid': UID },
  annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': UID },
  runtimeHandler: '',
  configHash: UID,
};

const entry = (name: string, extra: Partial<StaticManifestEntry> = {}): StaticManifestEntry => ({
  name,
  path: `/etc/kubernetes/manifests/${name}`,
  kind: 'file',
  ignoredByKubelet: false,
  sha256: 'f'.repeat(64),
  size: 100,
  podName: 'web',
  namespace: 'default',
  staticPodName: 'web-node-1',
  labels: {},
  annotations: {},
  problem: null,
  ...extra,
});

const dir = (extra: Partial<StaticManifestDirectory> = {}): StaticManifestDirectory => ({
  path: '/etc/kubernetes/manifests',
  source: 'config',
  explanation: 'staticPodPath in /var/lib/kubelet/config.yaml',
  disabled: false,
  readable: true,
  reason: null,
  entries: [],
  ...extra,
});

const api: ApiAvailability = { available: true, reason: null, via: 'node-kubectl', nodeRegistered: true };

function input(extra: Partial<FindingInput>): FindingInput {
  return {
    nodeName: 'node-1',
    runtime: { available: true, reason: null },
    api,
    manifests: dir(),
    pods: [],
    journal: [],
    crashes: {},
    ...extra,
  };
}

const window = (extra: Partial<KubeletLogWindow> = {}): KubeletLogWindow => ({
  readable: true,
  reason: null,
  source: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
  windowSeconds: 60,
  oldestMs: Date.UTC(2024, 5, 11, 8, 15, 0),
  complete: true,
  lines: 40,
  ...extra,
});

describe('findings rest on what was read', () => {
  it('a kubelet log read over its window: silence is stated with its span', () => {
    expect(silenceEvidence(window(), '/x.yaml')).toBe(
      'No kubelet error about /x.yaml in its log (/var/lib/rancher/rke2/agent/logs/kubelet.log) over the last 60 s, which spans its re-list of the directory.',
    );
    expect(silenceEvidence(window({ complete: false }), '/x.yaml')).toMatch(
      /part of its log read .* since 08:15:00 UTC; a size bound cut/,
    );
  });

  it('a kubelet log not read: no "no error" claim, and the explanation says the reason is unknown', () => {
    const findings = collectFindings(
      input({
        manifests: dir({ entries: [entry('web.yaml')] }),
        kubeletLog: window({
          readable: false,
          reason:
            'the system journal is readable only by root and the groups systemd-journal and adm; no permission as ks-user',
        }),
      }),
    );
    const f = findings.find((x) => x.kind === 'manifest-without-sandbox');
    expect(f?.evidence.join('\n')).toMatch(
      /Whether the kubelet reported an error about \/etc\/kubernetes\/manifests\/web.yaml is unknown: its log could not be read \(the system journal/,
    );
    expect(f?.evidence.join('\n')).not.toMatch(/^No kubelet error/m);
    expect(f?.explanation).toMatch(/could not be read in full to say why/);
  });

  it('manifests that could not be read are said once and judged no further', () => {
    const unread = {
      unreadable: 'no permission as ks-user to read /etc/kubernetes/manifests/etcd.yaml',
      podName: null,
      namespace: null,
      staticPodName: null,
      sha256: null,
    };
    const findings = collectFindings(
      input({
        manifests: dir({ entries: [entry('etcd.yaml', unread)] }),
        pods: joinPods([sandbox], [], []),
      }),
    );
    expect(findings.map((f) => f.kind)).toEqual(['manifests-unreadable', 'mirror-missing']);
    expect(findings[0]?.evidence).toEqual([
      '/etc/kubernetes/manifests/etcd.yaml: no permission as ks-user to read /etc/kubernetes/manifests/etcd.yaml',
    ]);
  });

  it('a directory the user may not list is unreadable, not missing', () => {
    const findings = collectFindings(
      input({
        manifests: dir({
          readable: false,
          access: 'refused',
          reason: 'no permission as ks-user to read /etc/kubernetes/manifests',
        }),
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'static-path-unreadable',
      title: 'The static pod path /etc/kubernetes/manifests could not be read',
    });
    expect(JSON.stringify(findings)).not.toMatch(/does not exist/);
  });

  it('no credentials on the node: one finding saying so, no "API server down", no missing mirrors', () => {
    const findings = collectFindings(
      input({
        api: {
          available: false,
          problem: 'no-credentials',
          reason:
            'No credentials for the API server on this node (/var/lib/rancher/k3s/agent/kubelet.kubeconfig exists but ks-user may not read it); use your own kubeconfig.',
          via: 'node-kubectl',
          nodeRegistered: null,
        },
        pods: joinPods([sandbox], [], []),
        manifests: dir({ readable: false, access: 'missing' }),
      }),
    );
    expect(findings.map((f) => f.kind).filter((k) => k !== 'static-path-missing')).toEqual([
      'api-credentials',
    ]);
    const access = findings.find((f) => f.kind === 'api-credentials');
    expect(access?.title).toBe('No credentials for the API server on this node');
    expect(JSON.stringify(access)).not.toMatch(/down|refused the connection/i);
  });

  it('the API server refusing connections is still said to be down', () => {
    const findings = collectFindings(
      input({
        api: {
          available: false,
          problem: 'down',
          reason: 'The API server refused the connection (10.0.0.10:6443): it is down',
          via: 'node-kubectl',
          nodeRegistered: null,
        },
        pods: joinPods([sandbox], [], []),
        manifests: dir({ readable: false, access: 'missing' }),
      }),
    );
    expect(findings.map((f) => f.kind).filter((k) => k !== 'static-path-missing')).toEqual([
      'mirror-missing',
    ]);
  });

  it('static pods over HTTP (k0s) and a kubelet without a static pod path are not "not found"', () => {
    const http = collectFindings(
      input({
        manifests: dir({
          path: null,
          source: 'url',
          readable: false,
          explanation:
            'static pods are served to the kubelet over HTTP from http://127.0.0.1:41377/manifests',
        }),
      }),
    );
    expect(http.map((f) => [f.kind, f.severity])).toEqual([['static-pods-over-http', 'info']]);
    const none = collectFindings(input({ manifests: dir({ path: null, source: 'none', readable: false }) }));
    expect(none[0]).toMatchObject({ severity: 'info', title: 'The kubelet has no static pod path' });
  });
});
