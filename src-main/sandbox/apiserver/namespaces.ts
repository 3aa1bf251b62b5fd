/**
 * Namespaces, read-only: the four a kubeadm cluster starts with (default, kube-node-lease,
 * kube-public, kube-system) and any other that pods live in (the simulated API accepts pods in
 * any namespace, so each is taken to exist). kubectl reads a namespace after a NotFound to tell
 * "no such object" from "no such namespace" (kubectl/pkg/cmd/util/helpers.go, checkErr's
 * namespace lookup), so `GET /api/v1/namespaces/NAME` must answer. Table columns: printers.go
 * printNamespace (`Name Status Age`).
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimNodeState } from '../model';
import { kubectlAge } from '../commands/human-duration';
import { authorizeResource, verbOf, type ApiUser } from './auth';
import { queryFlag, sendJson, tableRequested } from './http-io';
import { methodNotSupported, notFound } from './status';
import { toTable, type IncludeObject, type TableColumnDefinition } from './table';

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

/** GET of one namespace or the list (as JSON or a Table); nothing else is served. */
export function serveNamespaces(
  req: IncomingMessage,
  res: ServerResponse,
  user: ApiUser,
  r: { state: SimNodeState; name: string | undefined; query: URLSearchParams; resourceVersion: string },
): void {
  const method = req.method ?? 'GET';
  const verb = verbOf(method, r.name, queryFlag(r.query, 'watch'));
  if (verb !== 'get' && verb !== 'list') throw methodNotSupported('namespaces', verb ?? method.toLowerCase());
  authorizeResource(user, { verb, resource: 'namespaces', name: r.name });
  const items = r.name ? [findNamespace(r.state, r.name)] : namespaces(r.state);
  if (tableRequested(req.headers.accept)) {
    const include = (r.query.get('includeObject') ?? 'Metadata') as IncludeObject;
    const now = Date.now();
    const cells = (n: NamespaceObject) => [
      n.metadata.name,
      n.status.phase,
      kubectlAge(now, n.metadata.creationTimestamp),
    ];
    return sendJson(
      res,
      200,
      toTable(items, NAMESPACE_COLUMNS, cells, {
        include,
        ...(r.name ? {} : { resourceVersion: r.resourceVersion }),
      }),
    );
  }
  if (r.name) return sendJson(res, 200, items[0]);
  sendJson(res, 200, {
    kind: 'NamespaceList',
    apiVersion: 'v1',
    metadata: { resourceVersion: r.resourceVersion },
    items,
  });
}
