/**
 * REST writes of the objects other kubelets keep in this node's API (remote-objects.ts): their
 * Nodes and the pods bound to them. Created by POST (a kubelet registering its Node, creating a
 * mirror pod), replaced by PUT (its status updates), patched by an admin (a label), deleted by
 * either (the kubelet replacing an outdated mirror, an admin's `kubectl delete`). Who may: an
 * admin anything; a kubelet only its own Node and the pods bound to it (auth.ts); everyone else
 * is refused as RBAC refuses.
 */
import type { ApiNode, ApiPod } from '../model';
import type { PatchType } from '../commands/pod-patch';
import { isAdmin, nodeOfUser, type ApiUser, type Verb } from './auth';
import { parseJsonBody } from './http-io';
import type { RemoteObjects } from './remote-objects';
import { checkPreconditions, deleteOptions, patched, type ResourceKind } from './resources';
import { alreadyExists, badRequest, conflict, forbidden, OBJECT_MODIFIED } from './status';
import type { ApiObject } from './watch-hub';

/** The node an object belongs to: a Node's own name, a pod's spec.nodeName. */
function boundTo(
  resource: 'pods' | 'nodes',
  o: { metadata: { name: string }; spec?: unknown },
): string | null {
  if (resource === 'nodes') return o.metadata.name;
  const nodeName = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? nodeName : null;
}

function authorize(
  user: ApiUser,
  verb: Verb,
  resource: 'pods' | 'nodes',
  object: { metadata: { name: string; namespace?: string }; spec?: unknown },
): void {
  if (isAdmin(user)) return;
  const node = nodeOfUser(user);
  if (node !== null && boundTo(resource, object) === node) return;
  throw forbidden(user.name, verb, resource, object.metadata.name, object.metadata.namespace);
}

/** Whether a kubelet (not the holder's own) writes, so the request belongs here. */
export function isForeignKubelet(user: ApiUser, localNode: string): boolean {
  const node = nodeOfUser(user);
  return node !== null && node !== localNode;
}

/** Whether this object is one kept for another node (not the holding node's own). */
export function isRemote(remote: RemoteObjects, kind: ResourceKind<ApiObject>, o: ApiObject): boolean {
  const stored =
    kind.resource === 'nodes'
      ? remote.node(o.metadata.name)
      : remote.pod((o as ApiPod).metadata.namespace, o.metadata.name);
  return stored?.metadata.uid === o.metadata.uid;
}

function objectBody(body: string): Record<string, unknown> & { metadata: Record<string, unknown> } {
  const parsed = parseJsonBody(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest('the body of the request was not an object');
  const o = parsed as Record<string, unknown>;
  const meta = o.metadata;
  if (
    typeof meta !== 'object' ||
    meta === null ||
    Array.isArray(meta) ||
    typeof (meta as { name?: unknown }).name !== 'string'
  )
    throw badRequest('name or generateName is required');
  return o as Record<string, unknown> & { metadata: Record<string, unknown> };
}

/** POST of a Node or of a pod bound to another node. `exists` tells whether the name is taken. */
export function createRemote(
  remote: RemoteObjects,
  kind: ResourceKind<ApiObject>,
  namespace: string | undefined,
  body: string,
  user: ApiUser,
  exists: (name: string) => boolean,
): ApiObject {
  const o = objectBody(body);
  const name = o.metadata.name as string;
  if (kind.namespaced) o.metadata.namespace = namespace;
  const object = { ...o, apiVersion: 'v1', kind: kind.kind } as unknown as ApiObject;
  authorize(user, 'create', kind.resource, object);
  if (exists(name)) throw alreadyExists(kind.resource, name);
  if (kind.resource === 'nodes') return remote.putNode(object as ApiNode);
  if (boundTo('pods', object) === null)
    throw badRequest('a pod kept for another node names it in spec.nodeName');
  return remote.putPod(object as ApiPod);
}

/** PUT (the whole object, status included), PATCH or DELETE of a remote object. */
export function writeRemote(
  remote: RemoteObjects,
  kind: ResourceKind<ApiObject>,
  current: ApiObject,
  request: { method: string; body: string; query: URLSearchParams; patchType: () => PatchType },
  user: ApiUser,
): ApiObject {
  const verb: Verb = request.method === 'PUT' ? 'update' : request.method === 'PATCH' ? 'patch' : 'delete';
  authorize(user, verb, kind.resource, current);
  if (request.method === 'DELETE') {
    checkPreconditions(kind, current, deleteOptions(request.body, request.query));
    if (kind.resource === 'nodes') remote.deleteNode(current.metadata.name);
    else remote.deletePod((current as ApiPod).metadata.namespace, current.metadata.name);
    return current;
  }
  const next =
    request.method === 'PUT'
      ? (objectBody(request.body) as unknown as ApiObject)
      : (patched(current, request.body, request.patchType()) as unknown as ApiObject);
  const sentRv = next.metadata.resourceVersion;
  if (sentRv && sentRv !== current.metadata.resourceVersion)
    throw conflict(kind.resource, current.metadata.name, OBJECT_MODIFIED);
  if (next.metadata.uid && next.metadata.uid !== current.metadata.uid)
    throw conflict(
      kind.resource,
      current.metadata.name,
      `Precondition failed: UID in precondition: ${next.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  if (next.metadata.name !== current.metadata.name)
    throw badRequest('the name of the object does not match the name on the URL');
  // A kubelet may not move its object to another node (NodeRestriction).
  authorize(user, verb, kind.resource, next);
  const merged = {
    ...next,
    apiVersion: 'v1',
    kind: kind.kind,
    metadata: { ...next.metadata, uid: current.metadata.uid },
  };
  if (kind.resource === 'nodes') return remote.putNode(merged as ApiNode);
  return remote.putPod({
    ...(merged as ApiPod),
    metadata: { ...(merged as ApiPod).metadata, namespace: (current as ApiPod).metadata.namespace },
  });
}
