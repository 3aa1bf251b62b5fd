/** `kubectl get pods` tables on the real outputs (docs/kubelet.md §4.2) and kubectl errors. */
import { describe, expect, it } from 'vitest';
import { parseKubectlError } from '../../../src-main/node/api/kubectl-error';
import { parseKubectlPodsTable } from '../../../src-main/node/api/kubectl-pods-table';
import { blocksAfterPrompts, dataLines, readReal, section } from './fixtures';

type Row = [
  ns: string | null,
  name: string,
  ready: string,
  status: string,
  restarts: number,
  ago: string | null,
  age: string,
];
function brief(text: string): Row[] {
  const r = parseKubectlPodsTable(text);
  if (!r.ok) throw new Error(r.error);
  expect(r.issues).toEqual([]);
  return r.value.map((p) => [
    p.namespace,
    p.name,
    `${p.readyContainers}/${p.totalContainers}`,
    p.status,
    p.restarts,
    p.lastRestartAgo,
    p.age,
  ]);
}

describe('kubectl get pods -A (v1.29): mirror pods next to a plain pod', () => {
  const FILE = 'kubectl-get-pods-A-v1.29-static-and-plain.txt';

  it('(1) `kubectl get all -A`: pod/ prefix removed, `2 (19s ago)` restarts', () => {
    expect(brief(section(FILE, 1).join('\n'))).toEqual([
      ['default', 'app-5646649cc9-cvmnm', '0/1', 'Pending', 0, null, '43s'],
      ['kube-flannel', 'kube-flannel-ds-2rpsp', '1/1', 'Running', 0, null, '9m33s'],
      ['kube-system', 'coredns-69f9c977-8nbbx', '1/1', 'Running', 0, null, '9m33s'],
      ['kube-system', 'coredns-69f9c977-xtj2l', '1/1', 'Running', 0, null, '9m33s'],
      ['kube-system', 'etcd-controlplane', '1/1', 'Running', 0, null, '9m51s'],
      ['kube-system', 'kube-apiserver-controlplane', '1/1', 'Running', 0, null, '9m45s'],
      ['kube-system', 'kube-controller-manager-controlplane', '1/1', 'Running', 0, null, '9m45s'],
      ['kube-system', 'kube-proxy-kt6cb', '1/1', 'Running', 0, null, '9m33s'],
      ['kube-system', 'kube-scheduler-controlplane', '0/1', 'CrashLoopBackOff', 2, '19s', '44s'],
    ]);
  });

  it('(2) the ordinary `kube-scheduler` pod beside the mirror `kube-scheduler-controlplane`', () => {
    const rows = brief(section(FILE, 2).join('\n'));
    expect(rows).toHaveLength(10);
    expect(rows.slice(-2)).toEqual([
      ['kube-system', 'kube-scheduler', '0/1', 'Error', 1, '2s', '3s'],
      ['kube-system', 'kube-scheduler-controlplane', '0/1', 'Running', 0, null, '10s'],
    ]);
    expect(rows[0]).toEqual(['default', 'app-5646649cc9-cvmnm', '1/1', 'Running', 0, null, '9m5s']);
  });
});

describe('kubectl get pods -A -o wide (v1.29 → v1.30 upgrade)', () => {
  const blocks = blocksAfterPrompts(dataLines('kubectl-get-pods-A-wide-v1.29-v1.30.txt'), (l) =>
    l.startsWith('$ '),
  );

  it('before: 17 pods; static pods have IP = node IP; <none> → null', () => {
    const r = parseKubectlPodsTable(blocks[0]!.join('\n'));
    expect(r.ok && r.value).toHaveLength(17);
    if (!r.ok) return;
    expect(r.value.find((p) => p.name === 'alpha-mysql-5b944d484-m8t84')).toEqual({
      namespace: 'alpha',
      name: 'alpha-mysql-5b944d484-m8t84',
      readyContainers: 0,
      totalContainers: 1,
      status: 'Pending',
      restarts: 0,
      lastRestartAgo: null,
      age: '2m23s',
      ip: null,
      node: null,
      nominatedNode: null,
      readinessGates: null,
    });
    expect(r.value.find((p) => p.name === 'kube-apiserver-controlplane')).toEqual({
      namespace: 'kube-system',
      name: 'kube-apiserver-controlplane',
      readyContainers: 1,
      totalContainers: 1,
      status: 'Running',
      restarts: 0,
      lastRestartAgo: null,
      age: '69m',
      ip: '192.0.254.6',
      node: 'controlplane',
      nominatedNode: null,
      readinessGates: null,
    });
    expect(r.value.find((p) => p.name === 'weave-net-5cxkb')).toMatchObject({
      readyContainers: 2,
      totalContainers: 2,
      restarts: 1,
      lastRestartAgo: '69m',
      age: '69m',
    });
  });

  it('after: 16 pods, the kube-apiserver mirror pod is missing, etcd restarted `1 (85s ago)`', () => {
    const r = parseKubectlPodsTable(blocks[1]!.join('\n'));
    expect(r.ok && r.value).toHaveLength(16);
    if (!r.ok) return;
    expect(r.value.some((p) => p.name === 'kube-apiserver-controlplane')).toBe(false);
    expect(r.value.find((p) => p.name === 'etcd-controlplane')).toMatchObject({
      restarts: 1,
      lastRestartAgo: '85s',
      age: '70s',
      ip: '192.0.254.6',
      node: 'controlplane',
    });
    expect(r.value.find((p) => p.name === 'weave-net-5cxkb')).toMatchObject({
      restarts: 1,
      lastRestartAgo: '100m',
      age: '100m',
    });
  });
});

describe('kubectl static pod lifecycle (v1.24)', () => {
  const lines = readReal('kubectl-static-pod-lifecycle-v1.24.txt').split('\n');
  const blocks = blocksAfterPrompts(lines, (l) => l.startsWith('controlplane ~'));
  const tables = blocks.filter((b) => b[0]?.startsWith('NAME'));

  it('finds the four tables', () => expect(tables).toHaveLength(4));

  it('the new static pod appears as `static-busybox-controlplane` in default', () => {
    const rows = brief(tables[0]!.join('\n'));
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual(['default', 'static-busybox-controlplane', '1/1', 'Running', 0, null, '4s']);
  });

  it('after `kubectl delete` the mirror comes back 0/1 Pending, AGE 3s', () => {
    expect(brief(tables[1]!.join('\n'))).toEqual([
      ['default', 'static-busybox-controlplane', '0/1', 'Pending', 0, null, '3s'],
    ]);
    expect(brief(tables[2]!.join('\n')).slice(0, 2)).toEqual([
      ['default', 'static-busybox-controlplane', '1/1', 'Running', 0, null, '94s'],
      ['default', 'static-greenbox-node01', '0/1', 'Pending', 0, null, '3s'],
    ]);
  });

  it('`kubectl get pods` without -A has no NAMESPACE column', () => {
    expect(brief(tables[3]!.join('\n'))).toEqual([
      [null, 'static-busybox-controlplane', '1/1', 'Running', 0, null, '13m'],
      [null, 'static-greenbox-node01', '0/1', 'Error', 0, null, '12m'],
    ]);
  });

  it('`kubectl delete` output is not a table', () => {
    const deleted = blocks.find((b) => b[0]?.startsWith('pod "'))!;
    expect(deleted[0]).toBe('pod "static-busybox-controlplane" deleted');
    expect(parseKubectlPodsTable(deleted.join('\n'))).toMatchObject({
      ok: false,
      error: 'no kubectl pods table header found',
    });
  });
});

describe('parseKubectlError', () => {
  it.each([
    [
      'The connection to the server 192.2.239.6:6443 was refused - did you specify the right host or port?',
      { kind: 'connection-refused', server: '192.2.239.6:6443', reason: null },
    ],
    [
      'E1011 01:18:05.123456   31337 memcache.go:265] couldn\'t get current server API group list: Get "https://controlplane:6443/api?timeout=32s": dial tcp 192.2.239.6:6443: connect: connection refused\nThe connection to the server controlplane:6443 was refused - did you specify the right host or port?',
      { kind: 'connection-refused', server: 'controlplane:6443', reason: null },
    ],
    [
      'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout',
      { kind: 'unreachable', server: '10.0.0.1:6443', reason: null },
    ],
    [
      'Unable to connect to the server: net/http: TLS handshake timeout',
      { kind: 'unreachable', server: null, reason: null },
    ],
    [
      'error: You must be logged in to the server (Unauthorized)',
      { kind: 'unauthorized', server: null, reason: null },
    ],
    [
      'Error from server (NotFound): pods "kube-apiserver-controlplane" not found',
      { kind: 'not-found', server: null, reason: 'NotFound' },
    ],
    [
      'Error from server (Forbidden): pods is forbidden: User "system:node:node01" cannot list resource "pods"',
      { kind: 'forbidden', server: null, reason: 'Forbidden' },
    ],
    [
      'Error from server (ServiceUnavailable): the server is currently unable to handle the request',
      { kind: 'server-error', server: null, reason: 'ServiceUnavailable' },
    ],
    // Real kubectl 1.27 and 1.33 against the simulated API server (apiserver/status.ts, invalid()).
    [
      'The Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      { kind: 'invalid', server: null, reason: 'Invalid' },
    ],
    ['The request is invalid', { kind: 'invalid', server: null, reason: 'Invalid' }],
    ['No resources found in kube-system namespace.', { kind: 'no-resources', server: null, reason: null }],
    ['No resources found', { kind: 'no-resources', server: null, reason: null }],
    [
      'error: the server doesn\'t have a resource type "podz"',
      { kind: 'unknown', server: null, reason: null },
    ],
  ] as const)('%s', (stderr, expected) => {
    expect(parseKubectlError(stderr)).toMatchObject(expected);
  });

  it('returns null when stderr has no error (e.g. only warnings)', () => {
    expect(parseKubectlError('')).toBeNull();
    expect(parseKubectlError('Warning: spec.nodeSelector[beta.kubernetes.io/os]: deprecated')).toBeNull();
  });
});
