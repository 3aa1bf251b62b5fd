/** `kubectl describe pod` of the real mirror pod kube-scheduler-controlplane (v1.29). */
import { describe, expect, it } from 'vitest';
import { describeField, parseKubectlDescribe } from '../../../src-main/node/api/kubectl-describe';
import { splitContainerId } from '../../../src-main/node/api/container-status';
import { readReal } from './fixtures';

const fields = parseKubectlDescribe(readReal('kubectl-describe-mirror-pod-kube-scheduler-v1.29.txt'));
const get = (...path: string[]) => describeField(fields, path);
const values = (...path: string[]) => get(...path)?.values;

describe('parseKubectlDescribe', () => {
  it('reads the top-level fields in order', () => {
    expect(fields.map((f) => f.key)).toEqual([
      'Name',
      'Namespace',
      'Priority',
      'Priority Class Name',
      'Node',
      'Start Time',
      'Labels',
      'Annotations',
      'Status',
      'SeccompProfile',
      'IP',
      'IPs',
      'Controlled By',
      'Containers',
      'Conditions',
      'Volumes',
      'QoS Class',
      'Node-Selectors',
      'Tolerations',
      'Events',
    ]);
    expect(values('Name')).toEqual(['kube-scheduler-controlplane']);
    expect(values('Node')).toEqual(['controlplane/192.2.239.6']);
    expect(values('Controlled By')).toEqual(['Node/controlplane']);
    expect(values('Tolerations')).toEqual([':NoExecute op=Exists']);
    expect(values('IPs', 'IP')).toEqual(['192.2.239.6']);
  });

  it('reads multi-line labels and the four config annotations (§1.5)', () => {
    expect(values('Labels')).toEqual(['component=kube-scheduler', 'tier=control-plane']);
    expect(values('Annotations')).toEqual([
      'kubernetes.io/config.hash: 23ace3c8b1dea5b6d6b30e6bcbb810a7',
      'kubernetes.io/config.mirror: 23ace3c8b1dea5b6d6b30e6bcbb810a7',
      'kubernetes.io/config.seen: 2024-05-30T01:23:32.875874677Z',
      'kubernetes.io/config.source: file',
    ]);
  });

  it('reads the container: id, command items, state and last state', () => {
    const c = ['Containers', 'kube-scheduler'];
    expect(splitContainerId(values(...c, 'Container ID')?.[0])).toEqual({
      runtime: 'containerd',
      containerId: '68a137b1ac5765ac4de274674ef771f9fba80907f9d79463fd71f09ddfa2c80f',
    });
    expect(values(...c, 'Command')).toEqual([
      'kube-schedulerrrr',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ]);
    expect(values(...c, 'State')).toEqual(['Waiting']);
    expect(values(...c, 'State', 'Reason')).toEqual(['CrashLoopBackOff']);
    expect(values(...c, 'Last State')).toEqual(['Terminated']);
    expect(values(...c, 'Last State', 'Reason')).toEqual(['StartError']);
    expect(values(...c, 'Last State', 'Exit Code')).toEqual(['128']);
    expect(values(...c, 'Last State', 'Message')?.[0]).toMatch(
      /^failed to create containerd task: .*"kube-schedulerrrr": executable file not found in \$PATH: unknown$/,
    );
    expect(values(...c, 'Ready')).toEqual(['False']);
    expect(values(...c, 'Restart Count')).toEqual(['3']);
    expect(values(...c, 'Requests', 'cpu')).toEqual(['100m']);
    expect(values(...c, 'Mounts')).toEqual(['/etc/kubernetes/scheduler.conf from kubeconfig (ro)']);
  });

  it('reads the Conditions and Events tables', () => {
    expect(get('Conditions')?.table).toEqual([
      { Type: 'PodReadyToStartContainers', Status: 'True' },
      { Type: 'Initialized', Status: 'True' },
      { Type: 'Ready', Status: 'False' },
      { Type: 'ContainersReady', Status: 'False' },
      { Type: 'PodScheduled', Status: 'True' },
    ]);
    const events = get('Events')?.table;
    expect(events?.map((e) => [e.Type, e.Reason, e.Age, e.From])).toEqual([
      ['Normal', 'Pulled', '16s (x4 over 73s)', 'kubelet'],
      ['Normal', 'Created', '16s (x4 over 73s)', 'kubelet'],
      ['Warning', 'Failed', '16s (x4 over 72s)', 'kubelet'],
      ['Warning', 'BackOff', '13s (x10 over 71s)', 'kubelet'],
    ]);
    expect(events?.[3]?.Message).toBe(
      'Back-off restarting failed container kube-scheduler in pod kube-scheduler-controlplane_kube-system(23ace3c8b1dea5b6d6b30e6bcbb810a7)',
    );
  });

  it('reads the volume', () => {
    expect(values('Volumes', 'kubeconfig', 'Path')).toEqual(['/etc/kubernetes/scheduler.conf']);
    expect(values('Volumes', 'kubeconfig', 'HostPathType')).toEqual(['FileOrCreate']);
  });
});
