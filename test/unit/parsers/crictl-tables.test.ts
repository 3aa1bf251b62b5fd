/** crictl tables and stderr on the real outputs (fixtures/real/crictl-*.txt). */
import { describe, expect, it } from 'vitest';
import {
  imageKind,
  parseCrictlPodsTable,
  parseCrictlPsTable,
} from '../../../src-main/node/cri/crictl-tables';
import { splitCrictlStderr } from '../../../src-main/node/cri/crictl-stderr';
import { blocksAfterPrompts, readReal, section } from './fixtures';

const PS_V124 = 'crictl-ps-v1.24-containerd-pod-column.txt';
const HISTORICAL = 'crictl-tables-historical.txt';

describe('crictl ps v1.24 on containerd (POD column)', () => {
  const blocks = blocksAfterPrompts(readReal(PS_V124).split('\n'), (l) => l.startsWith('root@node01'));

  it('parses the first table: three running containers, 13-hex image ids', () => {
    const r = parseCrictlPsTable(blocks[0]!.join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual([
      {
        containerId: '919ee2fcc7b51',
        image: '334e4a014c81b',
        imageKind: 'short-id',
        created: '10 minutes ago',
        state: 'running',
        name: 'static-greenbox',
        attempt: 0,
        podId: '05dfaa6b56008',
        pod: 'static-greenbox-node01',
        namespace: null,
      },
      {
        containerId: '6a26ebb4ef511',
        image: 'f03a23d55e578',
        imageKind: 'short-id',
        created: '47 minutes ago',
        state: 'running',
        name: 'kube-flannel',
        attempt: 0,
        podId: '41927b68b32af',
        pod: 'kube-flannel-ds-jdwzc',
        namespace: null,
      },
      {
        containerId: '5a94f315aa9a1',
        image: '77b49675beae1',
        imageKind: 'short-id',
        created: '47 minutes ago',
        state: 'running',
        name: 'kube-proxy',
        attempt: 0,
        podId: 'da411fa8fa32c',
        pod: 'kube-proxy-wsfmh',
        namespace: null,
      },
    ]);
  });

  it('parses the last table: the static pod container is gone', () => {
    const r = parseCrictlPsTable(blocks[4]!.join('\n'));
    expect(r.ok && r.value.map((c) => [c.containerId, c.created, c.pod])).toEqual([
      ['6a26ebb4ef511', '49 minutes ago', 'kube-flannel-ds-jdwzc'],
      ['5a94f315aa9a1', '49 minutes ago', 'kube-proxy-wsfmh'],
    ]);
  });

  it('turns the TTY logrus stderr of `crictl rm` into diagnostics', () => {
    const d = splitCrictlStderr(blocks[1]!.join('\n'));
    expect(
      d.map(({ level, message, fields, time, noise }) => ({ level, message, fields, time, noise })),
    ).toEqual([
      {
        level: 'error',
        message: 'container "919ee2fcc7b51" is running, please stop it first',
        fields: [],
        time: null,
        noise: false,
      },
      { level: 'fatal', message: 'unable to remove container(s)', fields: [], time: null, noise: false },
    ]);
    expect(d[0]!.raw).toBe('ERRO[0000] container "919ee2fcc7b51" is running, please stop it first ');
  });
});

describe('crictl tables across versions (historical)', () => {
  it('(1) v1.11: `CONTAINER ID` header, POD ID but no POD column', () => {
    const lines = section(HISTORICAL, 1);
    const ps = parseCrictlPsTable(lines.slice(1, 6).join('\n'));
    expect(
      ps.ok &&
        ps.value.map((c) => [c.containerId, c.image, c.created, c.state, c.name, c.attempt, c.podId, c.pod]),
    ).toEqual([
      ['9f7a48803a2f5', '9f76b554c615d', '3 days ago', 'running', 'vms', 0, '3f075e72dfa28', null],
      ['b940b37a9f9ee', '9f76b554c615d', '3 days ago', 'running', 'virtlet', 0, '3f075e72dfa28', null],
      ['7fb15432579fa', '9f76b554c615d', '3 days ago', 'running', 'libvirt', 0, '3f075e72dfa28', null],
      ['f60944900ceb3', '32609f1b11ae7', '3 days ago', 'running', 'kube-proxy', 6, 'ab863e4ae6f33', null],
    ]);
    const pods = parseCrictlPodsTable(lines.slice(7).join('\n'));
    expect(pods.ok && pods.value).toEqual([
      {
        podId: '3f075e72dfa28',
        created: '3 days ago',
        state: 'ready',
        name: 'virtlet-wcb8r',
        namespace: 'kube-system',
        attempt: 0,
        runtime: null,
      },
      {
        podId: 'ab863e4ae6f33',
        created: '3 days ago',
        state: 'ready',
        name: 'kube-proxy-bqnhm',
        namespace: 'kube-system',
        attempt: 0,
        runtime: null,
      },
    ]);
  });

  it('(2) v1.24: POD column, wider NAME column', () => {
    const r = parseCrictlPsTable(section(HISTORICAL, 2).slice(1).join('\n'));
    expect(r.ok && r.value.map((c) => [c.containerId, c.created, c.name, c.attempt, c.podId, c.pod])).toEqual(
      [
        [
          '0ad4683fc9548',
          '2 weeks ago',
          'virt-operator',
          2,
          '676ebb03e169c',
          'virt-operator-66dd67d78f-v5r59',
        ],
        [
          '3b23cf549905f',
          '2 weeks ago',
          'virt-controller',
          1,
          '7cf86a6e98285',
          'virt-controller-6d7f9f9cf8-9kzbh',
        ],
        [
          '85a2b70d91c3a',
          '2 weeks ago',
          'virt-operator',
          1,
          '4f3bff1980882',
          'virt-operator-66dd67d78f-jhjg7',
        ],
      ],
    );
  });

  it('(3) CRI-O pods: two sandboxes of one static pod; rows narrower than the header; `...` skipped', () => {
    const r = parseCrictlPodsTable(section(HISTORICAL, 3).join('\n'));
    expect(r.ok && r.value).toEqual([
      {
        podId: '8d3766f4fa05b',
        created: '4 days ago',
        state: 'ready',
        name: 'kube-apiserver-node1',
        namespace: 'kube-system',
        attempt: 4,
        runtime: null,
      },
      {
        podId: 'b26d8f861f68b',
        created: '10 days ago',
        state: 'notready',
        name: 'kube-apiserver-node1',
        namespace: 'kube-system',
        attempt: 3,
        runtime: null,
      },
    ]);
    expect(r.issues).toEqual([{ line: 3, message: 'not a table row: ...' }]);
  });

  it('(4) CRI-O ps -a: untruncated 64-hex image id', () => {
    const r = parseCrictlPsTable(section(HISTORICAL, 4).join('\n'));
    expect(r.ok && r.value).toEqual([
      {
        containerId: '4e53debaa3ddc',
        image: '3cab8e1b9802cbe23a2703c2750ac4baa90b049b65e2a9e0a83e9e2c29f0724f',
        imageKind: 'full-id',
        created: '4 minutes ago',
        state: 'exited',
        name: 'etcd',
        attempt: 25,
        podId: '5c17fc84618de',
        pod: null,
        namespace: null,
      },
    ]);
  });

  it('(5) CRI-O: repo@sha256 image reference (row quoted without header; given the (4) header of that era)', () => {
    const header = section(HISTORICAL, 4)[0]!;
    const r = parseCrictlPsTable([header, ...section(HISTORICAL, 5)].join('\n'));
    expect(r.ok && r.value[0]).toEqual({
      containerId: '337c691e99b0e',
      image: 'ecr.ad.dice.fm/base@sha256:cd59042101be6e233b67f550d0b70c5f9c3b8891ebd2ae4d1b9bd6bebf271e34',
      imageKind: 'reference',
      created: '43 minutes ago',
      state: 'exited',
      name: 'drone-gwnr9euh15qpjikc58yu',
      attempt: 1,
      podId: '1cdc1460fccb1',
      pod: null,
      namespace: null,
    });
  });

  it('(6) current docs: `crictl ps -a` with POD', () => {
    const r = parseCrictlPsTable(section(HISTORICAL, 6).join('\n'));
    expect(r.ok && r.value).toEqual([
      {
        containerId: 'c5d18c6566fa3',
        image: '2bd29714875d9',
        imageKind: 'short-id',
        created: '7 hours ago',
        state: 'running',
        name: 'nginx',
        attempt: 17,
        podId: 'f86f7fefb2d60',
        pod: 'nginx-demo',
        namespace: null,
      },
    ]);
  });
});

describe('crictl tables: newer column sets (built per docs/kubelet.md §3.2)', () => {
  it('reads v1.32+ ps with NAMESPACE, and pods with RUNTIME', () => {
    const ps = [
      'CONTAINER           IMAGE               CREATED              STATE               NAME             ATTEMPT             POD ID              POD                           NAMESPACE',
      '919ee2fcc7b51       334e4a014c81b       About a minute ago   Running             kube-scheduler   4                   05dfaa6b56008       kube-scheduler-controlplane   kube-system',
    ].join('\n');
    expect(parseCrictlPsTable(ps)).toMatchObject({
      ok: true,
      value: [
        {
          created: 'About a minute ago',
          attempt: 4,
          pod: 'kube-scheduler-controlplane',
          namespace: 'kube-system',
        },
      ],
    });
    const pods = [
      'POD ID              CREATED              STATE               NAME                          NAMESPACE           ATTEMPT             RUNTIME',
      '05dfaa6b56008       Less than a second ago   NotReady        kube-scheduler-controlplane   kube-system         1                   (default)',
    ].join('\n');
    expect(parseCrictlPodsTable(pods)).toMatchObject({
      ok: true,
      value: [{ created: 'Less than a second ago', state: 'notready', attempt: 1, runtime: '(default)' }],
    });
  });

  it('returns an empty list for a header-only table and an error without header', () => {
    expect(
      parseCrictlPodsTable(
        'POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n',
      ),
    ).toMatchObject({ ok: true, value: [] });
    expect(parseCrictlPsTable('')).toMatchObject({ ok: false, error: 'empty output' });
    expect(parseCrictlPsTable('hello')).toMatchObject({ ok: false, error: 'no crictl table header found' });
  });

  it('classifies IMAGE cells', () => {
    expect(imageKind('334e4a014c81b')).toBe('short-id');
    expect(imageKind('sha256:' + 'a'.repeat(64))).toBe('full-id');
    expect(imageKind('registry.k8s.io/pause:3.9')).toBe('reference');
  });
});

describe('splitCrictlStderr: non-TTY logrus (docs/kubelet.md §3.5)', () => {
  it('flags the default-config warnings as noise and keeps real errors', () => {
    const stderr = [
      'time="2024-10-11T01:18:20Z" level=warning msg="Config \\"/etc/crictl.yaml\\" does not exist, trying next: \\"/usr/local/bin/crictl.yaml\\""',
      'time="2024-10-11T01:18:20Z" level=warning msg="runtime connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead."',
      'time="2024-10-11T01:18:21Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable" error="exit status 1"',
      '\x1b[33mWARN\x1b[0m[0000] Image connect using default endpoints: [unix:///run/containerd/containerd.sock]  \x1b[33mhint\x1b[0m="set it"',
      'plain text',
    ].join('\n');
    const d = splitCrictlStderr(stderr);
    expect(d.map((x) => [x.level, x.noise, x.time])).toEqual([
      ['warning', true, '2024-10-11T01:18:20Z'],
      ['warning', true, '2024-10-11T01:18:20Z'],
      ['fatal', false, '2024-10-11T01:18:21Z'],
      ['warning', true, null],
      ['unknown', false, null],
    ]);
    expect(d[0]!.message).toBe(
      'Config "/etc/crictl.yaml" does not exist, trying next: "/usr/local/bin/crictl.yaml"',
    );
    expect(d[2]!.fields).toEqual([{ key: 'error', value: 'exit status 1' }]);
    expect(d[3]!.message).toBe(
      'Image connect using default endpoints: [unix:///run/containerd/containerd.sock]',
    );
    expect(d[3]!.fields).toEqual([{ key: 'hint', value: 'set it' }]);
  });
});
