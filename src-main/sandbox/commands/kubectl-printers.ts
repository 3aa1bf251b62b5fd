/**
 * kubectl's printers for pods and nodes (docs/kubelet.md §4.1/§4.2): the human table
 * (`NAME READY STATUS RESTARTS AGE`, `-A` adds NAMESPACE first, `-o wide` adds
 * `IP NODE NOMINATED NODE READINESS GATES`; tabwriter padding 3), `-o name`, and `-o json|yaml`
 * of the object as the API server returns it (unstructured → keys sorted; JSON indented with
 * 4 spaces; a list is `{"apiVersion":"v1","items":[…],"kind":"List","metadata":{"resourceVersion":""}}`).
 */
import type { ApiNode, ApiPod } from '../model';
import { goYamlStringify } from './go-yaml';
import { KubectlError } from './kubectl-context';
import { kubectlAge } from './human-duration';
import { podIp, podRow, readinessGates } from './pod-status';
import { goJsonIndent, type PlainJson } from './protojson';
import { KUBECTL_TABWRITER, tabwriteRows } from './tabwriter';

export type KubectlOutput = 'table' | 'wide' | 'name' | 'json' | 'yaml';

/** `-o FORMAT`: the printers the simulated kubectl has, else kubectl's own error. */
export function parseOutput(raw: string | undefined): KubectlOutput {
  if (raw === undefined) return 'table';
  if (raw === 'wide' || raw === 'name' || raw === 'json' || raw === 'yaml') return raw;
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${raw}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

export interface TableOptions {
  withNamespace: boolean;
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  nowMs: number;
}

export function podTable(pods: ApiPod[], o: TableOptions): string {
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (o.wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (o.showLabels) header.push('LABELS');
  if (o.withNamespace) header.unshift('NAMESPACE');
  const rows = pods.map((pod) => {
    const r = podRow(pod, o.nowMs);
    const row = [
      pod.metadata.name,
      r.ready,
      r.status,
      r.restarts,
      kubectlAge(o.nowMs, pod.metadata.creationTimestamp),
    ];
    if (o.wide) {
      const nominated = (pod.status as { nominatedNodeName?: string }).nominatedNodeName;
      row.push(podIp(pod), pod.spec.nodeName || '<none>', nominated || '<none>', readinessGates(pod));
    }
    if (o.showLabels) {
      const labels = Object.entries(pod.metadata.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
      row.push(labels.length ? labels.map(([k, v]) => `${k}=${v}`).join(',') : '<none>');
    }
    if (o.withNamespace) row.unshift(pod.metadata.namespace);
    return row;
  });
  return tabwriteRows(o.noHeaders ? rows : [header, ...rows], KUBECTL_TABWRITER);
}

const asPlain = (pod: ApiPod): PlainJson => JSON.parse(JSON.stringify(pod)) as PlainJson;

export function listObject(pods: ApiPod[]): PlainJson {
  return { apiVersion: 'v1', items: pods.map(asPlain), kind: 'List', metadata: { resourceVersion: '' } };
}

/** `-o json` / `-o yaml` of one object or a list. */
export function printObject(value: PlainJson, output: 'json' | 'yaml'): string {
  return output === 'json' ? goJsonIndent(value, '    ') + '\n' : goYamlStringify(value);
}

export function podObject(pod: ApiPod): PlainJson {
  return asPlain(pod);
}

export const podName = (pod: ApiPod): string => `pod/${pod.metadata.name}\n`;

/** `Ready`, `NotReady` or `Unknown` (+ `,SchedulingDisabled`), kubectl's STATUS column of a node. */
export function nodeStatusText(node: ApiNode): string {
  const ready = node.status.conditions.find((c) => c.type === 'Ready')?.status;
  const text = ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown';
  return node.spec.unschedulable ? `${text},SchedulingDisabled` : text;
}

/** kubectl's ROLES column: every `node-role.kubernetes.io/<role>` label, sorted; `<none>` if none. */
export function nodeRoles(node: ApiNode): string {
  const roles = Object.keys(node.metadata.labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

/**
 * `kubectl get nodes` (printNode): `NAME STATUS ROLES AGE VERSION`; `-o wide` adds
 * `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`, `<none>` when unset.
 */
export function nodeTable(nodes: ApiNode[], o: Omit<TableOptions, 'withNamespace'>): string {
  const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (o.wide) header.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  if (o.showLabels) header.push('LABELS');
  const rows = nodes.map((node) => {
    const info = node.status.nodeInfo;
    const row = [
      node.metadata.name,
      nodeStatusText(node),
      nodeRoles(node),
      kubectlAge(o.nowMs, node.metadata.creationTimestamp),
      info.kubeletVersion ?? '',
    ];
    if (o.wide) {
      const address = (type: string) =>
        node.status.addresses.find((a) => a.type === type)?.address || '<none>';
      row.push(
        address('InternalIP'),
        address('ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      );
    }
    if (o.showLabels) {
      const labels = Object.entries(node.metadata.labels).sort(([a], [b]) => (a < b ? -1 : 1));
      row.push(labels.length ? labels.map(([k, v]) => `${k}=${v}`).join(',') : '<none>');
    }
    return row;
  });
  return tabwriteRows(o.noHeaders ? rows : [header, ...rows], KUBECTL_TABWRITER);
}

export function nodeObject(node: ApiNode): PlainJson {
  return JSON.parse(JSON.stringify(node)) as PlainJson;
}

export function nodeListObject(nodes: ApiNode[]): PlainJson {
  return { apiVersion: 'v1', items: nodes.map(nodeObject), kind: 'List', metadata: { resourceVersion: '' } };
}
