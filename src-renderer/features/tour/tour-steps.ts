/**
 * The classic static-pod experiments on the Sandbox node (issue 3 point 6), each with what to
 * do, what to look at, an action that does it through the contract, and a check on the pods
 * snapshot that says when the kubelet has done its part (docs/kubelet.md §1.7, §2).
 */
import type { ContractClient, NodePodsSnapshot } from '../../../src-main/contract';

export interface TourStep {
  id: string;
  title: string;
  /** What happens and why, in two or three sentences. */
  explain: string;
  /** Where to look in the app. */
  look: string;
  act(client: ContractClient, nodeId: string): Promise<void>;
  /** True once the snapshot shows the expected outcome. */
  done(snapshot: NodePodsSnapshot, memory: TourMemory): boolean;
}

/** What a step remembers to judge the next one (the UID before an edit). */
export type TourMemory = Record<string, string>;

export const NGINX_MANIFEST = 'nginx-static.yaml';
const NGINX_POD = 'nginx-static-controlplane';
const BROKEN_FLAG = '--this-flag-does-not-exist';

const nginx = (image: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: nginx-static',
    '  labels:',
    '    role: tour',
    'spec:',
    '  containers:',
    '  - name: web',
    `    image: ${image}`,
    '    ports:',
    '    - containerPort: 80',
    '',
  ].join('\n');

const running = (snapshot: NodePodsSnapshot, name: string) =>
  snapshot.pods.find((p) => p.name === name && p.containers.some((c) => c.state === 'running'));

async function replaceText(
  client: ContractClient,
  nodeId: string,
  name: string,
  edit: (text: string) => string,
) {
  const file = await client.call('manifests.read', { id: nodeId, name });
  const result = await client.call('manifests.save', {
    id: nodeId,
    name,
    content: edit(file.content),
    expectedSha256: file.sha256,
    confirmRisky: true,
  });
  if (result.status !== 'saved') throw new Error(`The save was not done (${result.status}).`);
}

export const TOUR_STEPS: TourStep[] = [
  {
    id: 'add',
    title: 'Add a static pod',
    explain:
      'Write nginx-static.yaml into the manifest directory. The kubelet sees the new file at once (inotify), starts a sandbox and a container, and — because the API server is up — publishes a read-only mirror pod.',
    look: 'Pods: nginx-static-controlplane appears in both columns; its mirror carries kubernetes.io/config.mirror = the static UID.',
    act: async (client, id) => {
      const result = await client.call('manifests.save', {
        id,
        name: NGINX_MANIFEST,
        content: nginx('nginx:1.27'),
        expectedSha256: null,
      });
      if (result.status !== 'saved') throw new Error(`The save was not done (${result.status}).`);
    },
    done: (snapshot, memory) => {
      const pod = running(snapshot, NGINX_POD);
      if (pod?.apiPod) memory.nginxUid = pod.uid;
      return Boolean(pod?.apiPod);
    },
  },
  {
    id: 'edit',
    title: 'Change its image',
    explain:
      'Any change to the decoded pod gives it a new UID: the kubelet stops the old pod, starts a new sandbox, deletes the outdated mirror and creates a new one.',
    look: 'Pods: a new UID and sandbox for nginx-static-controlplane; Kubelet logs: "Deleted mirror pod because it is outdated".',
    act: (client, id) =>
      replaceText(client, id, NGINX_MANIFEST, (text) => text.replace('nginx:1.27', 'nginx:1.26')),
    done: (snapshot, memory) => {
      const pod = running(snapshot, NGINX_POD);
      return Boolean(pod?.apiPod && pod.uid !== memory.nginxUid);
    },
  },
  {
    id: 'delete',
    title: 'Delete it',
    explain:
      'Removing the file removes the pod: the kubelet kills it and deletes its now orphaned mirror pod. (Kubelet Studio moves the file to its backup area, outside the directory.)',
    look: 'Pods: nginx-static-controlplane goes away from both columns.',
    act: async (client, id) => {
      const file = await client.call('manifests.read', { id, name: NGINX_MANIFEST });
      await client.call('manifests.delete', { id, name: NGINX_MANIFEST, expectedSha256: file.sha256 });
    },
    done: (snapshot) =>
      !snapshot.pods.some(
        (p) => p.name === NGINX_POD && (p.apiPod || p.containers.some((c) => c.state === 'running')),
      ),
  },
  {
    id: 'break',
    title: 'Break kube-apiserver.yaml',
    explain: `Add an unknown flag (${BROKEN_FLAG}). The new kube-apiserver container exits with "Error: unknown flag" and crash-loops; with no API server, kubectl gets no answer and no mirror pod can be seen — while crictl still shows everything.`,
    look: 'Pods: the kubectl column says why it is empty; kube-apiserver restarts in the crictl column. Logs: the back-off errors.',
    act: (client, id) =>
      replaceText(client, id, 'kube-apiserver.yaml', (text) =>
        text.replace('- kube-apiserver\n', `- kube-apiserver\n    - ${BROKEN_FLAG}\n`),
      ),
    done: (snapshot) => !snapshot.api.available,
  },
  {
    id: 'fix',
    title: 'Roll it back',
    explain:
      'Rename the backup Kubelet Studio made before the save back into place, as kubeadm does after a failed upgrade. The API server starts again and the kubelet publishes the mirror pods anew.',
    look: 'Pods: the mirror pods are back (with new API UIDs, the same static UIDs).',
    act: async (client, id) => {
      await client.call('manifests.rollback', { id, name: 'kube-apiserver.yaml' });
    },
    done: (snapshot) =>
      snapshot.api.available && Boolean(running(snapshot, 'kube-apiserver-controlplane')?.apiPod),
  },
];
