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

type Row = [severity: string, format: string, file: string, line: number, message: string, kvs: unknown[]];

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

const EXPECTED_STATIC_PODS: Row[] = [
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/et', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'pod_startup_latency_tracker.go',
    104,
    'Observed pod startup duration',
    [['pod', 'kube-sy', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1908,
    'Trying to delete pod',
    [['pod', 'kube-system/kube-controller-manager', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'status_manager.go',
    877,
    'Failed to update status for pod',
    [['pod', 'kube-system/kube-c', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1908,
    'Trying to delete pod',
    [['pod', 'kube-system/kube-apiserver-controlp', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'pod_startup_latency_tracker.go',
    104,
    'Observed pod startup duration',
    [
      ['pod', 'kube-system/kube-scheduler-minikube'],
      ['podStartSLOduration', { n: 0.934958335 }],
      ['podStartE2EDuration', '934.958335ms'],
      ['podCreationTimestamp', '2024-09-13 03:00:01 +0000 UTC'],
      ['firstStartedPulling', '0001-01-01 00:00:00 +0000 UTC'],
      ['lastFinishedPulling', '0001-01-01 00:00:00 +0000 UTC'],
      ['observedRunningTime', '2024-09-13 03:00:01.929312109 +0000 UTC m=+1.059375857'],
      ['watchObservedRunningTime', '2024-09-13 03:00:01.934958335 +0000 UTC m=+1.065022125'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1915,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-apiserver-minikube" already exists'],
      ['pod', 'kube-system/kube-apiserver-minikube'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1915,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-controller-manager-minikube" already exists'],
      ['pod', 'kube-system/kube-controller-manager-minikube'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1915,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "etcd-minikube" already exists'],
      ['pod', 'kube-system/etcd-minikube'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1921,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-apiserver-docker-desktop" already exists'],
      ['pod', 'kube-system/kube-apiserver-docker-desktop'],
    ],
  ],
  ['I', 'klog-structured', 'apiserver.go', 52, 'Watching apiserver', []],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1742,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-apiserver-minikube" already exists'],
      ['pod', 'kube-system/kube-apiserver-minikube'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1742,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-controller-manager-minikube" already exists'],
      ['pod', 'kube-system/kube-controller-manager-minikube'],
    ],
  ],
  [
    'I',
    'klog-structured',
    'reconciler.go',
    221,
    'operationExecutor.VerifyControllerAttachedVolume started for volume "ca-certs" (UniqueName: "kubernetes.io/host-path/cd1fddb963b1e849b0a55584b509acd9-ca-certs") pod "kube-apiserver-minikube" (UID: "cd1fddb963b1e849b0a55584b509acd9") ',
    [['pod', 'kube-system/kube-apiserver-minikube']],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1690,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-apiserver-minikube" already exists'],
      ['pod', 'kube-system/kube-apiserver-minikube'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'kubelet.go',
    1690,
    'Failed creating a mirror pod for',
    [
      ['err', 'pods "kube-scheduler-minikube" already exists'],
      ['pod', 'kube-system/kube-scheduler-minikube'],
    ],
  ],
  [
    'I',
    'klog-structured',
    'reconciler_common.go',
    258,
    'operationExecutor.VerifyControllerAttachedVolume started for volume "etcd-data" (UniqueName: "kubernetes.io/host-path/cbec3f5a1f15e8b262b3369744000ba3-etcd-data") pod "etcd-u7s-usernetes-compute-001" (UID: "cbec3f5a1f15e8b262b3369744000ba3") ',
    [['pod', 'kube-system/etcd-u7s-usernetes-compute-001']],
  ],
  [
    'E',
    'klog-text',
    'kubelet.go',
    1635,
    'Failed creating a mirror pod for "kube-scheduler-node01_kube-system(9be8cb4627e7e5ad4c3f8acabd4b49b3)": pods "kube-scheduler-node01" already exists',
    [],
  ],
  [
    'E',
    'klog-text',
    'kubelet.go',
    1635,
    'Failed creating a mirror pod for "kube-apiserver-node01_kube-system(62167925d1ac26070e568a81a11be1b5)": pods "kube-apiserver-node01" already exists',
    [],
  ],
  [
    'E',
    'klog-text',
    'kubelet.go',
    1635,
    'Failed creating a mirror pod for "etcd-node01_kube-system(e25ea21632f580335cac4f07009e0473)": pods "etcd-node01" already exists',
    [],
  ],
  [
    'W',
    'klog-text',
    'kubelet.go',
    1602,
    'Deleting mirror pod "kube-controller-manager-ubuntu_kube-system(d4746eba-4156-11e8-84f4-0050569b7580)" because it is outdated',
    [],
  ],
  [
    'W',
    'klog-text',
    'kubelet.go',
    1602,
    'Deleting mirror pod "etcd-ubuntu_kube-system(d50d021a-4156-11e8-84f4-0050569b7580)" because it is outdated',
    [],
  ],
  [
    'I',
    'klog-structured',
    'config.go',
    397,
    'Receiving a new pod',
    [['pod', 'default/busybox-crand-localhost']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    2407,
    'SyncLoop ADD',
    [
      ['source', 'file'],
      ['pods', { list: ['default/busybox-crand-localhost'] }],
    ],
  ],
  [
    'I',
    'klog-structured',
    'manager.go',
    576,
    'Found pre-allocated devices for resource on pod',
    [
      ['resourceName', 'github.com.ihcsim/crand'],
      ['containerName', 'busybox'],
      ['podUID', 'a9dc80a0d8f74cefb3be144bbfc1b898'],
      ['devices', { list: ['pfl   2117 ex1'] }],
    ],
  ],
  [
    'I',
    'klog-structured',
    'file.go',
    201,
    'Reading config file',
    [['path', '/var/lib/rancher/rke2/agent/pod-manifests/etcd.yaml']],
  ],
  [
    'I',
    'klog-structured',
    'common.go',
    73,
    'Generated pod name',
    [
      ['pod', 'kube-system/etcd-systemd-node-1'],
      ['podUID', { bare: 'a96511659e9a32e0fff80934c1a7b9a8' }],
      ['source', '/var/lib/rancher/rke2/agent/pod-manifests/etcd.yaml'],
    ],
  ],
  [
    'I',
    'klog-structured',
    'common.go',
    78,
    'Set namespace for pod',
    [
      ['pod', 'kube-system/etcd-systemd-node-1'],
      ['source', '/var/lib/rancher/rke2/agent/pod-manifests/etcd.yaml'],
    ],
  ],
  [
    'I',
    'klog-structured',
    'config.go',
    386,
    'Receiving a new pod',
    [['pod', 'kube-system/etcd-systemd-node-1']],
  ],
  ['I', 'klog-text', 'file.go', 194, 'Reading config file "/etc/kubernetes/manifests/mypod.yaml"', []],
  [
    'I',
    'klog-text',
    'common.go',
    62,
    'Generated UID "8f6a44fc62e8cb075753c843896568ca" pod "mypod" from /etc/kubernetes/manifests/mypod.yaml',
    [],
  ],
  [
    'I',
    'klog-text',
    'common.go',
    66,
    'Generated Name "mypod-nb-myusername" for UID "8f6a44fc62e8cb075753c843896568ca" from URL /etc/kubernetes/manifests/mypod.yaml',
    [],
  ],
  [
    'I',
    'klog-text',
    'common.go',
    71,
    'Using namespace "default" for pod "mypod-nb-myusername" from /etc/kubernetes/manifests/mypod.yaml',
    [],
  ],
  [
    'I',
    'klog-structured',
    'config.go',
    383,
    'Receiving a new pod',
    [['pod', 'kube-system/kube-apiserver-1111-2222--ab01']],
  ],
  [
    'E',
    'klog-structured',
    'file.go',
    104,
    'Unable to read config path',
    [
      ['err', 'path does not exist, ignoring'],
      ['path', 'C:\\var\\lib\\kubelet\\etc\\kubernetes\\manifests'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'file.go',
    104,
    'Unable to read config path',
    [
      ['err', 'path does not exist, ignoring'],
      ['path', 'C:\\var\\lib\\kubelet\\etc\\kubernetes\\manifests'],
    ],
  ],
  [
    'E',
    'klog-structured',
    'file.go',
    104,
    'Unable to read config path',
    [
      ['err', 'path does not exist, ignoring'],
      ['path', 'C:\\var\\lib\\kubelet\\etc\\kubernetes\\manifests'],
    ],
  ],
  [
    'E',
    'klog-text',
    'file_linux.go',
    61,
    'Unable to read config path "/etc/kubernetes/manifests": path does not exist, ignoring',
    [],
  ],
  [
    'E',
    'klog-text',
    'file_linux.go',
    61,
    'Unable to read config path "/etc/kubernetes/manifests": path does not exist, ignoring',
    [],
  ],
  [
    'E',
    'klog-text',
    'file_linux.go',
    61,
    'Unable to read config path "/etc/kubernetes/manifests": path does not exist, ignoring',
    [],
  ],
  [
    'E',
    'klog-text',
    'file.go',
    76,
    'Unable to read manifest path "/etc/kubernetes/manifests": path does not exist, ignoring',
    [],
  ],
  [
    'E',
    'klog-text',
    'file.go',
    76,
    'Unable to read manifest path "/etc/kubernetes/manifests": path does not exist, ignoring',
    [],
  ],
  ['E', 'klog-text', 'file.go', 149, '', []],
  [
    'unknown',
    'unparsed',
    '',
    0,
    'Can\'t process manifest file "/etc/kubernetes/manifests/cluster-autoscaler.manifest": ',
    [],
  ],
  [
    'unknown',
    'unparsed',
    '',
    0,
    "/etc/kubernetes/manifests/cluster-autoscaler.manifest: couldn't parse as pod(couldn't get ",
    [],
  ],
  [
    'unknown',
    'unparsed',
    '',
    0,
    "version/kind; json parse error: invalid character '#' looking for beginning of object key string),",
    [],
  ],
  ['unknown', 'unparsed', '', 0, 'please check manifest file.', []],
  [
    'E',
    'klog-text',
    'file.go',
    187,
    'Can\'t process manifest file "/etc/kubernetes/manifests/extend_scheduler.yml": /etc/kubernetes/manifests/extend_scheduler.yml:...',
    [],
  ],
  [
    'E',
    'klog-text',
    'file.go',
    187,
    'Can\'t process manifest file "/etc/kubernetes/manifests/kustomization.yaml": /etc/kubernetes/manifests/kustomization.yaml: cou...',
    [],
  ],
  [
    'E',
    'klog-text',
    'file_linux.go',
    114,
    "Can't process manifest file \"/etc/kubernetes/manifests/pharos-etcd.yaml\": /etc/kubernetes/manifests/pharos-etcd.yaml: couldn't parse as pod(Object 'Kind' is missing in 'null'), please check manifest file.",
    [],
  ],
  [
    'E',
    'klog-text',
    'file_linux.go',
    107,
    'can\'t process config file "/etc/kubernetes/manifests/.kube-controller-manager.yaml.swx": open /etc/kubernetes/manifests/.kube-controller-manager.yaml.swx: no such file or directory',
    [],
  ],
  [
    'unknown',
    'unparsed',
    '',
    0,
    "', but couldn't parse as pod(invalid pod: &{TypeMeta:{Kind: APIVersion:} ObjectMeta:{Name:kube-system GenerateName: Namespace: SelfLink: UID: ResourceVersion: Generation:0 CreationTimestamp:0001-01-01 00:00:00 +0000 UTC DeletionTimestamp:<nil> DeletionGracePeriodSeconds:<nil> Labels:map[] Annotations:map[]} Spec:{Finalizers:[]} Status:{Phase:Active}}).",
    [],
  ],
  [
    'E',
    'klog-structured',
    'file.go',
    187,
    'Could not process manifest file',
    [
      [
        'err',
        "/etc/kubernetes/manifests/kube-apiserver.yaml: couldn't parse as pod(yaml: line 67: found character that cannot start any token), please check config file",
      ],
      ['path', '/etc/kubernetes/manifests/kube-apiserver.yaml'],
    ],
  ],
  [
    'E',
    'json',
    'config/file.go',
    187,
    'Could not process manifest file',
    [
      ['path', '/etc/kubernetes/manifests/talos-default-nginx-gvisor.yaml'],
      ['err', 'invalid pod: [spec.containers: Required value]'],
    ],
  ],
];

const EXPECTED_SYSTEMCTL: Row[] = [
  ['unknown', 'unparsed', '', 0, '● kubelet.service - kubelet: The Kubernetes Node Agent', []],
  [
    'unknown',
    'unparsed',
    '',
    0,
    '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
    [],
  ],
  ['unknown', 'unparsed', '', 0, '    Drop-In: /usr/lib/systemd/system/kubelet.service.d', []],
  ['unknown', 'unparsed', '', 0, '             └─10-kubeadm.conf', []],
  [
    'unknown',
    'unparsed',
    '',
    0,
    '     Active: active (running) since Fri 2024-10-11 01:18:03 UTC; 32s ago',
    [],
  ],
  ['unknown', 'unparsed', '', 0, '       Docs: https://kubernetes.io/docs/', []],
  ['unknown', 'unparsed', '', 0, '   Main PID: 20023 (kubelet)', []],
  ['unknown', 'unparsed', '', 0, '      Tasks: 32 (limit: 251379)', []],
  ['unknown', 'unparsed', '', 0, '     Memory: 46.2M', []],
  ['unknown', 'unparsed', '', 0, '     CGroup: /system.slice/kubelet.service', []],
  [
    'unknown',
    'unparsed',
    '',
    0,
    '             └─20023 /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var>',
    [],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/et', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'pod_startup_latency_tracker.go',
    104,
    'Observed pod startup duration',
    [['pod', 'kube-sy', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'pod_startup_latency_tracker.go',
    104,
    'Observed pod startup duration',
    [['pod', 'kube-sy', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1908,
    'Trying to delete pod',
    [['pod', 'kube-system/kube-controller-manager', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'status_manager.go',
    877,
    'Failed to update status for pod',
    [['pod', 'kube-system/kube-c', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'pod_startup_latency_tracker.go',
    104,
    'Observed pod startup duration',
    [['pod', 'kube-sy', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1908,
    'Trying to delete pod',
    [['pod', 'kube-system/kube-apiserver-controlp', 'cut']],
  ],
  [
    'I',
    'klog-structured',
    'kubelet.go',
    1913,
    'Deleted mirror pod because it is outdated',
    [['pod', 'kube-system/ku', 'cut']],
  ],
];
