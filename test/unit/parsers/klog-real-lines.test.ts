/**
 * Every real kubelet line in kubelet-journal-static-pods.txt (57 lines) and
 * systemctl-status-kubelet-v1.30.txt parses to the expected severity, format, file:line,
 * message and key/values (docs/kubelet.md §5.3, §5.4).
 *
 * Key/value notation: `[key, "text"]` = Go-quoted string; `{bare}` = unquoted string;
 * `{n}` = number; `{list}` = list; a third element `'cut'` = value truncated by systemctl.
 */
import { describe, expect, it } from 'vitest';
import type { KlogRecord } from '../../../src-main/contract/domain/logs';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { dataLines } from './fixtures';
import { EXPECTED_STATIC_PODS, EXPECTED_SYSTEMCTL, type Row } from './klog-real-lines.expected';

function row(r: KlogRecord): Row {
  const kvs = r.keyValues.map((kv) => {
    const v = kv;
    let p: unknown;
    if (v.type === 'string') p = v.quoted ? v.value : { bare: v.value };
    else if (v.type === 'number') p = { n: v.value };
    else if (v.type === 'bool') p = { b: v.value };
    else if (v.type === 'list') p = { list: v.value };
    else p = { [v.type]: v.value };
    return kv.truncated ? [kv.key, p, 'cut'] : [kv.key, p];
  });
  return [r.severity, r.format, r.file, r.line, r.message, kvs];
}

function nonEmpty(name: string): string[] {
  return dataLines(name).filter((l) => l !== '');
}

describe('kubelet-journal-static-pods.txt: all 57 real lines', () => {
  const lines = nonEmpty('kubelet-journal-static-pods.txt');
  const records = lines.map(parseKlogLine);

  it('has 57 data lines', () => expect(lines).toHaveLength(57));

  it('parses each line to the expected severity, file:line, message and key/values', () => {
    expect(records.map(row)).toEqual(EXPECTED_STATIC_PODS);
  });

  it('keeps every line verbatim in raw', () => {
    expect(records.map((r) => r.raw)).toEqual(lines);
  });

  it('reads the transport prefixes', () => {
    const p = (i: number) => records[i]!.prefix;
    expect(p(0)).toEqual({
      kind: 'journal-short',
      timestamp: 'Oct 11 01:18:20',
      host: 'controlplane',
      identifier: 'kubelet',
      pid: 20023,
    });
    expect(p(12)).toEqual({
      kind: 'docker-desktop',
      timestamp: '2024-03-07T10:32:41.617552843Z',
      host: null,
      identifier: 'kubelet',
      pid: null,
    });
    expect(p(25)).toBeNull(); // raw klog line
    expect(p(53)).toEqual({
      kind: 'journal-short',
      timestamp: 'Jan 23 23:26:04',
      host: 'k8s-master-06481525-0',
      identifier: 'docker',
      pid: 45689,
    });
    expect(p(54)).toEqual({
      kind: 'journal-short',
      timestamp: 'May 05 13:46:37',
      host: 'ip-10-0-1-60.eu-west-1.compute.internal',
      identifier: 'kubelet-wrapper',
      pid: 20425,
    });
    expect(p(56)).toEqual({ kind: 'node', timestamp: null, host: '172.20.0.2', identifier: null, pid: null });
    // klog pid differs from the journald pid when the kubelet runs inside docker (2017)
    expect(records[53]!.pid).toBe(45713);
  });

  it('reads header time fields', () => {
    const r = records[0]!;
    expect([r.month, r.day, r.time, r.micros, r.pid]).toEqual([
      10,
      11,
      '01:18:20.046733',
      (1 * 3600 + 18 * 60 + 20) * 1e6 + 46733,
      20023,
    ]);
    const win = records[37]!; // pid 5228 padded with 4 spaces
    expect([win.month, win.day, win.time, win.pid]).toEqual([9, 28, '03:39:14.759032', 5228]);
    const big = records[27]!; // 7-digit pid, one space
    expect([big.month, big.day, big.time, big.pid]).toEqual([8, 23, '20:09:35.750642', 1358062]);
  });

  it('fills the correlation fields err, pod, podUID, pods (§0)', () => {
    const pick = (i: number) => {
      const r = records[i]!;
      return { err: r.err, pod: r.pod, podUID: r.podUID, pods: r.pods, truncated: r.truncated };
    };
    expect(pick(0)).toEqual({ err: null, pod: null, podUID: null, pods: null, truncated: true }); // cut value not used
    expect(pick(9)).toEqual({
      err: 'pods "kube-apiserver-minikube" already exists',
      pod: 'kube-system/kube-apiserver-minikube',
      podUID: null,
      pods: null,
      truncated: false,
    });
    expect(pick(26)).toEqual({
      err: null,
      pod: null,
      podUID: null,
      pods: ['default/busybox-crand-localhost'],
      truncated: false,
    });
    expect(pick(27).podUID).toBe('a9dc80a0d8f74cefb3be144bbfc1b898'); // quoted (≥1.29)
    expect(pick(29)).toMatchObject({
      pod: 'kube-system/etcd-systemd-node-1',
      podUID: 'a96511659e9a32e0fff80934c1a7b9a8',
    }); // bare (1.24/1.25)
    expect(pick(55).err).toBe(
      "/etc/kubernetes/manifests/kube-apiserver.yaml: couldn't parse as pod(yaml: line 67: found character that cannot start any token), please check config file",
    );
    expect(pick(56).err).toBe('invalid pod: [spec.containers: Required value]');
  });

  it('reads the --logging-format=json line (Talos) with its time', () => {
    const r = records[56]!;
    expect([r.month, r.day, r.time, r.pid]).toEqual([2, 10, '15:05:20.281427', -1]);
  });
});

describe('systemctl-status-kubelet-v1.30.txt', () => {
  const lines = nonEmpty('systemctl-status-kubelet-v1.30.txt');
  const records = lines.map(parseKlogLine);

  it('parses the status header as unknown and the journal lines with cut values', () => {
    expect(records.map(row)).toEqual(EXPECTED_SYSTEMCTL);
    expect(records.filter((r) => r.severity === 'I')).toHaveLength(10);
    expect(records.slice(11).every((r) => r.truncated && r.pod === null && r.prefix?.pid === 20023)).toBe(
      true,
    );
  });
});
