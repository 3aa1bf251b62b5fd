/**
 * crictl inspect / inspectp on the real 2017–2018 excerpts (truncated where the source
 * ended) and on samples built from docs/kubelet.md §3.4 for crictl ≥1.31.
 */
import { describe, expect, it } from 'vitest';
import { parseCrictlInspect, parseCrictlInspectp } from '../../../src-main/node/cri/crictl-inspect';
import { section } from './fixtures';

const FILE = 'crictl-inspect-2017-2018-excerpts.txt';

describe('crictl inspect: real excerpts', () => {
  it('(1) exited nginx container, cut at "mounts": [', () => {
    const lines = section(FILE, 1);
    expect(lines[0]).toBe('$  crictl inspect 98ad5842a6284');
    const r = parseCrictlInspect(lines.slice(1).join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.truncated).toBe(true);
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({
      id: '98ad5842a62844f62d4468c52dbfcc081a08ba25c95c842a967de7058f60dd24',
      name: 'nginx',
      attempt: 0,
      state: 'exited',
      createdAt: '2017-11-30T21:57:26.038813532Z',
      startedAt: '2017-11-30T21:57:26.235406355Z',
      finishedAt: '2017-12-01T20:08:56.523559866Z',
      createdAtMs: Date.UTC(2017, 10, 30, 21, 57, 26, 38),
      finishedAtMs: Date.UTC(2017, 11, 1, 20, 8, 56, 523),
      exitCode: 255,
      image: 'gcr.io/google-containers/nginx-slim-amd64:0.20',
      imageRef:
        'gcr.io/google-containers/nginx-slim-amd64@sha256:6654db6d4028756062edac466454ee5c9cf9b20ef79e35a81e3c840031eb1e2b',
      reason: 'Unknown',
      message: '',
      podName: 'nginx',
      podNamespace: 'e2e-tests-kubectl-2jdtb',
      podUid: '6ffc887b-d619-11e7-8e8b-42010af00002',
      pid: null,
      infoJson: null,
    });
    expect(r.value[0]!.annotations).toEqual({
      'io.kubernetes.container.hash': 'cfada9cb',
      'io.kubernetes.container.ports': '[{"containerPort":80,"protocol":"TCP"}]',
      'io.kubernetes.container.restartCount': '0',
      'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
      'io.kubernetes.container.terminationMessagePolicy': 'File',
      'io.kubernetes.pod.terminationGracePeriod': '30',
    });
  });

  it('(2) running fluentd container: 1970 finishedAt means "never finished"', () => {
    // The excerpt starts inside the top-level object, so the test supplies its `{`.
    const r = parseCrictlInspect('{\n' + section(FILE, 2).join('\n'));
    expect(r.ok && r.value[0]).toMatchObject({
      id: '6dce0bc1e1ec1a0c55db8d43097b1091a12e9160c5c2a06f3b2175f89d7c0154',
      name: 'fluentd-gcp',
      state: 'running',
      startedAt: '2018-01-09T06:22:17.983425Z',
      finishedAt: null,
      finishedAtMs: null,
      exitCode: 0,
      image: 'gcr.io/google-containers/fluentd-gcp:2.0.11',
      reason: '',
      podName: 'fluentd-gcp-v2.0.11-7f9jb',
      podNamespace: 'kube-system',
      podUid: '6925b67a-f505-11e7-b364-42010a800002',
    });
    expect(r.ok && r.value[0]!.annotations['io.kubernetes.container.hash']).toBe('3cf903c9');
  });
});

describe('crictl inspectp: real excerpts', () => {
  it('(3) `crictl inspects` 2017: int64 createdAt, boolean namespace options, info with pid', () => {
    const r = parseCrictlInspectp(section(FILE, 3).join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.truncated).toBe(true);
    expect(r.value[0]).toMatchObject({
      id: '0f8c455422a0546eb425a4fa305d5b7a0072109dff38fb94213a468ec27e680e',
      name: 'nginx-sandbox',
      uid: 'hdishd83djaidwnduwk28bcsb',
      namespace: 'default',
      attempt: 1,
      state: 'ready',
      createdAt: '1512524016760395386',
      createdAtMs: 1512524016760,
      ip: '10.88.6.32',
      additionalIps: [],
      networkNamespaceMode: 'POD',
      pid: 9475,
    });
    expect(JSON.parse(r.value[0]!.infoJson!)).toEqual({
      pid: 9475,
      state: 'running',
      snapshotKey: '0f8c455422a0546eb425a4fa305d5b7a0072109dff38fb94213a468ec27e680e',
      snapshotter: 'overlayfs',
    });
  });

  it('(4) CRI-O `inspectp --output table`', () => {
    const r = parseCrictlInspectp(section(FILE, 4).join('\n'));
    expect(r.ok && r.value).toEqual([
      {
        id: 'a1a964ab46b50f3d8d503ddcf93c8076a9c554ba229614d2c70e736e4790dca1',
        name: 'test-pod-minimal2',
        uid: 'test-pod-uid2',
        namespace: 'default',
        attempt: 1,
        state: 'ready',
        createdAt: '2024-07-22 10:12:34.456704641 -0400 EDT',
        createdAtMs: Date.UTC(2024, 6, 22, 14, 12, 34, 456),
        ip: null,
        additionalIps: [],
        networkNamespaceMode: null,
        labels: {},
        annotations: {},
        runtimeHandler: '',
        pid: null,
        infoJson: null,
      },
    ]);
  });
});

/** crictl ≥1.31: all keys alphabetical (info first), arrays for several IDs (§3.4). */
const modernSandbox = {
  info: { pid: 1234, runtimeSpec: { ociVersion: '1.1.0' } },
  status: {
    annotations: { 'kubernetes.io/config.hash': '23ace3c8b1dea5b6d6b30e6bcbb810a7' },
    createdAt: '2024-05-30T01:23:44.123456789Z',
    id: 'f'.repeat(64),
    labels: { 'io.kubernetes.pod.uid': '23ace3c8b1dea5b6d6b30e6bcbb810a7' },
    linux: { namespaces: { options: { ipc: 'POD', network: 'NODE', pid: 'CONTAINER', targetId: '' } } },
    metadata: {
      attempt: 2,
      name: 'kube-scheduler-controlplane',
      namespace: 'kube-system',
      uid: '23ace3c8b1dea5b6d6b30e6bcbb810a7',
    },
    network: { additionalIps: [{ ip: 'fd00::6' }], ip: '192.2.239.6' },
    runtimeHandler: '',
    state: 'SANDBOX_NOTREADY',
  },
};

describe('crictl inspect/inspectp ≥1.31 (built from §3.4)', () => {
  it('reads alphabetical keys, a single object and an array', () => {
    const single = parseCrictlInspectp(JSON.stringify(modernSandbox, null, 2));
    const array = parseCrictlInspectp(JSON.stringify([modernSandbox, modernSandbox], null, 2));
    const expected = {
      name: 'kube-scheduler-controlplane',
      attempt: 2,
      state: 'notready',
      createdAtMs: Date.UTC(2024, 4, 30, 1, 23, 44, 123),
      ip: '192.2.239.6',
      additionalIps: ['fd00::6'],
      networkNamespaceMode: 'NODE',
      pid: 1234,
    };
    expect(single.ok && single.value).toMatchObject([expected]);
    expect(array.ok && array.value).toMatchObject([expected, expected]);
  });

  it('reads info given as a JSON string (CRI-O) and objects written back to back', () => {
    const crio = {
      status: {
        id: 'c1',
        metadata: { name: 'etcd', attempt: 3 },
        state: 'CONTAINER_RUNNING',
        finishedAt: '0001-01-01T00:00:00Z',
        exitCode: 0,
      },
      info: { info: '{"pid":42,"sandboxID":"s"}' },
    };
    const asString = { ...crio, info: '{"pid":43}' };
    const r = parseCrictlInspect(JSON.stringify(crio, null, 2) + '\n' + JSON.stringify(asString, null, 2));
    expect(r.ok && r.value.map((c) => [c.name, c.attempt, c.state, c.finishedAt, c.pid])).toEqual([
      ['etcd', 3, 'running', null, 42],
      ['etcd', 3, 'running', null, 43],
    ]);
    expect(r.ok && r.value[0]!.infoJson).toBe('{"pid":42,"sandboxID":"s"}');
  });

  it('fails cleanly on stderr text', () => {
    expect(parseCrictlInspect('FATA[0000] no such container')).toMatchObject({ ok: false });
  });
});
