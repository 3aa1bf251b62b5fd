/**
 * The pods kubeadm's add-on phase brings (docs/kubelet.md §2 context, issue 3): coredns as a
 * Deployment (2 replicas, owned by a ReplicaSet) and kube-proxy as a DaemonSet pod.
 */
import { randomBytes } from 'node:crypto';
import { withApiDefaults } from './pod-defaults';
import type { NewApiPod } from './mirror';
import { apiUid } from '../ids';

/** The alphabet of generated name suffixes (apimachinery rand.String). */
const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function nameSuffix(length: number): string {
  return Array.from(randomBytes(length), (b) => SUFFIX_CHARS[b % SUFFIX_CHARS.length]).join('');
}

export interface AddonOwners {
  replicaSetName: string;
  replicaSetUid: string;
  daemonSetUid: string;
}

export function newAddonOwners(): AddonOwners {
  return {
    replicaSetName: `coredns-${nameSuffix(10).replace(/[^a-z0-9]/g, '')}`,
    replicaSetUid: apiUid(),
    daemonSetUid: apiUid(),
  };
}

export function corednsPod(owners: AddonOwners): NewApiPod {
  const name = `${owners.replicaSetName}-${nameSuffix(5)}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${owners.replicaSetName}-`,
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': owners.replicaSetName.slice('coredns-'.length) },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: owners.replicaSetName,
          uid: owners.replicaSetUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: withApiDefaults({
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
        },
      ],
      dnsPolicy: 'Default',
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns',
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
      ],
      volumes: [
        {
          configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' },
          name: 'config-volume',
        },
      ],
    }),
    status: { phase: 'Pending' },
  };
}

export function kubeProxyPod(owners: AddonOwners, version: string, nodeName: string): NewApiPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `kube-proxy-${nameSuffix(5)}`,
      generateName: 'kube-proxy-',
      namespace: 'kube-system',
      labels: {
        'controller-revision-hash': '7bb84c4984',
        'k8s-app': 'kube-proxy',
        'pod-template-generation': '1',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'kube-proxy',
          uid: owners.daemonSetUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: withApiDefaults({
      nodeName,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      serviceAccountName: 'kube-proxy',
      containers: [
        {
          name: 'kube-proxy',
          image: `registry.k8s.io/kube-proxy:${version}`,
          command: [
            '/usr/local/bin/kube-proxy',
            '--config=/var/lib/kube-proxy/config.conf',
            '--hostname-override=$(NODE_NAME)',
          ],
          securityContext: { privileged: true },
        },
      ],
      tolerations: [{ operator: 'Exists' }],
    }),
    status: { phase: 'Pending' },
  };
}

/** The scheduler's answer while the node has no pod network (node NotReady → not-ready taint). */
export function unschedulableStatus(): Record<string, unknown> {
  return {
    conditions: [
      {
        lastProbeTime: null,
        message:
          '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
        reason: 'Unschedulable',
        status: 'False',
        type: 'PodScheduled',
      },
    ],
    phase: 'Pending',
    qosClass: 'Burstable',
  };
}
