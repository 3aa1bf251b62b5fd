/**
 * Namespaces, read-only: the four a kubeadm cluster starts with (default, kube-node-lease,
 * kube-public, kube-system) and any other that pods live in (the simulated API accepts pods in
 * any namespace, so each is taken to exist). kubectl reads a namespace after a NotFound to tell
 * "no such object" from "no such namespace" (kubectl/pkg/cmd/util/helpers.go, checkErr's
 * namespace lookup), so `GET /api/v1/namespaces/NAME` must answer. Table columns: printers.go
 * printNamespace (`Name Status Age`).
 */
import crypto from 'node:crypto';
import type { SimNodeState } from '../model';
import { notFound } from './status';
import type { TableColumnDefinition } from './table';

export const KUBEADM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export interface NamespaceObject {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: {
    name: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    labels: Record<string, string>;
  };
  spec: { finalizers: string[] };
  status: { phase: 'Active' };
}

/** A UUID that stays the same for the same cluster and name. */
function stableUid(seed: string): string {
  const h = crypto.createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function namespaces(state: SimNodeState): NamespaceObject[] {
  const names = new Set([...KUBEADM_NAMESPACES, ...state.apiPods.map((p) => p.metadata.namespace)]);
  const created = state.node?.metadata.creationTimestamp ?? new Date(0).toISOString().replace('.000Z', 'Z');
  return [...names].sort().map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: stableUid(`${state.nodeUid}/${name}`),
      resourceVersion: '1',
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

export function findNamespace(state: SimNodeState, name: string): NamespaceObject {
  const found = namespaces(state).find((n) => n.metadata.name === name);
  if (!found) throw notFound('namespaces', name);
  return found;
}

export const NAMESPACE_COLUMNS: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
  { name: 'Status', type: 'string', format: '', description: 'The status of the namespace', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: '', priority: 0 },
];
