/**
 * Pods and nodes over REST, as kube-apiserver's generic registry serves them
 * (apiserver/pkg/endpoints/handlers: get.go, create.go, patch.go, update.go, delete.go):
 * get, list (field and label selectors), create, update (PUT, optimistic concurrency on
 * metadata.resourceVersion), patch (JSON patch, merge patch, strategic merge patch) and delete
 * (DeleteOptions: gracePeriodSeconds, preconditions). Reads come from the state the simulated
 * kubelet publishes; writes go to the simulated API (engine/api/api-view.ts), whose rules decide
 * (mirror pods, finalizers, graceful deletion). A list's resourceVersion is the newest the watch
 * hub has seen, so a watch from it misses nothing.
 */
import type { ApiNode, ApiPod, SimNodeState } from '../model';
import { applyPatch, PatchError, validatePodUpdate, type Json, type PatchType } from '../commands/pod-patch';
import type { ApiBackend } from './backend';
import { parseJsonBody } from './http-io';
import {
  fieldMatcher,
  NODE_FIELDS,
  parseFieldSelector,
  parseLabelSelector,
  POD_FIELDS,
  SelectorParseError,
  unsupportedField,
} from './selectors';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  internalError,
  invalid,
  notFound,
  OBJECT_MODIFIED,
  unsupportedMediaType,
} from './status';
import { NODE_COLUMNS, nodeCells, POD_COLUMNS, podCells, type TableColumnDefinition } from './table';
import type { ApiObject, WatchResource } from './watch-hub';

export interface ResourceKind<T extends ApiObject> {
  resource: WatchResource;
  kind: 'Pod' | 'Node';
  namespaced: boolean;
  fields: Record<string, (o: T) => string>;
  columns: TableColumnDefinition[];
  cells: (o: T, nowMs: number) => unknown[];
  all(state: SimNodeState): T[];
}

export const PODS: ResourceKind<ApiPod> = {
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  fields: POD_FIELDS,
  columns: POD_COLUMNS,
  cells: podCells,
  all: (s) => [...s.apiPods, ...(s.cluster?.pods ?? [])],
};

export const NODES: ResourceKind<ApiNode> = {
  resource: 'nodes',
  kind: 'Node',
  namespaced: false,
  fields: NODE_FIELDS,
  columns: NODE_COLUMNS,
  cells: nodeCells,
  all: (s) => [...(s.node ? [s.node] : []), ...(s.cluster?.nodes ?? [])],
};

export interface Selection<T> {
  matches(o: T): boolean;
}

/** fieldSelector + labelSelector + namespace of a list or watch; bad selectors are 400s. */
export function selection<T extends ApiObject>(
  kind: ResourceKind<T>,
  query: URLSearchParams,
  namespace: string | undefined,
): Selection<T> {
  try {
    const terms = parseFieldSelector(query.get('fieldSelector') ?? '');
    const unknown = unsupportedField(terms, kind.fields);
    if (unknown) throw badRequest(`field label not supported: ${unknown}`);
    const fieldOk = fieldMatcher(terms, kind.fields);
    const labelOk = parseLabelSelector(query.get('labelSelector') ?? '');
    return {
      matches: (o) =>
        (namespace === undefined || (o as ApiPod).metadata.namespace === namespace) &&
        fieldOk(o) &&
        labelOk(o.metadata.labels ?? {}),
    };
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(e.message);
    throw e;
  }
}

/** etcd key order: namespace, then name. */
const byKey = (a: ApiObject, b: ApiObject): number => {
  const ka = `${(a as ApiPod).metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${(b as ApiPod).metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function listObjects<T extends ApiObject>(
  kind: ResourceKind<T>,
  state: SimNodeState,
  sel: Selection<T>,
): T[] {
  return kind.all(state).filter(sel.matches).sort(byKey);
}

/** PodList / NodeList (the typed list kube-apiserver answers, not kubectl's `List`). */
export function listBody<T extends ApiObject>(
  kind: ResourceKind<T>,
  items: T[],
  resourceVersion: string,
): unknown {
  return { kind: `${kind.kind}List`, apiVersion: 'v1', metadata: { resourceVersion }, items };
}

export function findObject<T extends ApiObject>(
  kind: ResourceKind<T>,
  state: SimNodeState,
  namespace: string | undefined,
  name: string,
): T {
  const found = kind
    .all(state)
    .find(
      (o) => o.metadata.name === name && (!kind.namespaced || (o as ApiPod).metadata.namespace === namespace),
    );
  if (!found) throw notFound(kind.resource, name);
  return found;
}

/** The engine's errors carry the API's wording; turn them back into Status objects. */
export function engineError(e: unknown, resource: string, name: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof PatchError) return e.api;
  const message = (e as Error).message ?? String(e);
  if (/ not found$/.test(message)) return notFound(resource, name);
  if (/ already exists$/.test(message)) return alreadyExists(resource, name);
  const inv =
    /^The (\w+) "([^"]*)" is invalid: ([^:]+): (Forbidden|Invalid value|Required value): (.*)$/s.exec(
      message,
    );
  if (inv) {
    const [, k, n, field, type, detail] = inv as unknown as string[];
    const reason =
      type === 'Forbidden'
        ? 'FieldValueForbidden'
        : type === 'Required value'
          ? 'FieldValueRequired'
          : 'FieldValueInvalid';
    return invalid(k as string, n as string, [
      { field: field as string, type: type as string, reason, detail: detail as string },
    ]);
  }
  if (message.startsWith('error: ')) return badRequest(message.slice('error: '.length));
  return internalError(message);
}

/** The patch type from the request's Content-Type (handlers/patch.go). */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0]?.trim();
  if (media === 'application/json-patch+json') return 'json';
  if (media === 'application/merge-patch+json') return 'merge';
  if (media === 'application/strategic-merge-patch+json') return 'strategic';
  throw unsupportedMediaType([
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
  ]);
}

/** A resourceVersion sent with an update or patch must be the current one (optimistic concurrency). */
function checkResourceVersion(kind: ResourceKind<ApiObject>, current: ApiObject, sent: unknown): void {
  if (sent === undefined || sent === null || sent === '') return;
  if (String(sent) !== current.metadata.resourceVersion)
    throw conflict(kind.resource, current.metadata.name, OBJECT_MODIFIED);
}

const metaOf = (o: Json): Record<string, Json> =>
  typeof o === 'object' &&
  o !== null &&
  !Array.isArray(o) &&
  typeof o.metadata === 'object' &&
  o.metadata !== null &&
  !Array.isArray(o.metadata)
    ? (o.metadata as Record<string, Json>)
    : {};

/** PATCH or PUT of a pod: the new object, validated as ValidatePodUpdate would, written. */
export function writePod(backend: ApiBackend, current: ApiPod, next: Json): ApiPod {
  checkResourceVersion(PODS as ResourceKind<ApiObject>, current, metaOf(next).resourceVersion);
  const meta = metaOf(next);
  meta.resourceVersion = current.metadata.resourceVersion;
  let result;
  try {
    result = validatePodUpdate(current, next);
  } catch (e) {
    throw engineError(e, 'pods', current.metadata.name);
  }
  if (!result.changed) return current;
  const { labels, annotations, finalizers } = result.change;
  const { namespace, name } = current.metadata;
  try {
    return backend.patchMetadata(namespace, name, labels, annotations, finalizers).pod;
  } catch (e) {
    throw engineError(e, 'pods', name);
  }
}

const NODE_WRITABLE_METADATA = new Set(['labels', 'annotations', 'resourceVersion']);

/** PATCH or PUT of a node: labels, annotations and spec may change; status is not written here. */
export function writeNode(backend: ApiBackend, current: ApiNode, next: Json): ApiNode {
  checkResourceVersion(NODES as ResourceKind<ApiObject>, current, metaOf(next).resourceVersion);
  const meta = metaOf(next);
  const old = current.metadata as unknown as Record<string, Json>;
  for (const k of new Set([...Object.keys(old), ...Object.keys(meta)])) {
    if (NODE_WRITABLE_METADATA.has(k) || JSON.stringify(old[k]) === JSON.stringify(meta[k])) continue;
    throw invalid('Node', current.metadata.name, [
      {
        field: `metadata.${k}`,
        type: 'Invalid value',
        reason: 'FieldValueInvalid',
        detail: `${JSON.stringify(meta[k] ?? null)}: field is immutable`,
      },
    ]);
  }
  const stringMap = (v: Json | undefined, field: string): Record<string, string> => {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string'))
      throw badRequest(
        `json: cannot unmarshal into Go struct field ObjectMeta.metadata.${field} of type map[string]string`,
      );
    return v as Record<string, string>;
  };
  const spec = (next as Record<string, Json>).spec;
  try {
    return backend.updateNode(current.metadata.name, {
      labels: stringMap(meta.labels, 'labels'),
      annotations: stringMap(meta.annotations, 'annotations'),
      spec: (typeof spec === 'object' && spec !== null && !Array.isArray(spec)
        ? spec
        : {}) as ApiNode['spec'],
    });
  } catch (e) {
    throw engineError(e, 'nodes', current.metadata.name);
  }
}

/**
 * The body of a PUT, with what the registry keeps from the stored object when the client leaves
 * it out (rest.BeforeUpdate: uid, creationTimestamp, deletion fields; status is not written
 * through the main resource).
 */
export function replaced(current: ApiObject, body: string): Json {
  const next = parseJsonBody(body);
  if (typeof next !== 'object' || next === null || Array.isArray(next))
    throw badRequest('the body of the request was not an object');
  const object = structuredClone(next) as Record<string, Json>;
  const meta = metaOf(object as Json);
  object.metadata = meta;
  const old = current.metadata as unknown as Record<string, Json>;
  for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'])
    if (meta[k] === undefined && old[k] !== undefined) meta[k] = old[k] as Json;
  object.status = (current as unknown as Record<string, Json>).status as Json;
  return object as Json;
}

/** The body of a PATCH applied to the object as the API holds it. */
export function patched(current: ApiObject, body: string, type: PatchType): Json {
  const patch = parseJsonBody(body);
  if (patch === undefined) throw badRequest('the body of the request was empty');
  try {
    return applyPatch(JSON.parse(JSON.stringify(current)) as Json, patch as Json, type);
  } catch (e) {
    if (e instanceof PatchError) throw e.api;
    throw badRequest((e as Error).message);
  }
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  uid?: string;
  resourceVersion?: string;
}

/** metav1.DeleteOptions from the body (kubectl sends one) and the query. */
export function deleteOptions(body: string, query: URLSearchParams): DeleteOptions {
  const parsed = parseJsonBody(body) as
    | { gracePeriodSeconds?: unknown; preconditions?: { uid?: unknown; resourceVersion?: unknown } }
    | undefined;
  const fromQuery = query.get('gracePeriodSeconds');
  const grace = parsed?.gracePeriodSeconds ?? (fromQuery === null ? undefined : Number(fromQuery));
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0))
    throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  const pre = parsed?.preconditions ?? {};
  return {
    ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
    ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
    ...(typeof pre.resourceVersion === 'string' ? { resourceVersion: pre.resourceVersion } : {}),
  };
}

/** Preconditions of a delete (registry/generic/registry/store.go: Operation cannot be fulfilled …). */
export function checkPreconditions(
  kind: ResourceKind<ApiObject>,
  current: ApiObject,
  options: DeleteOptions,
): void {
  const { name, uid, resourceVersion } = current.metadata;
  if (options.uid !== undefined && options.uid !== uid)
    throw conflict(
      kind.resource,
      name,
      `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${uid}`,
    );
  if (options.resourceVersion !== undefined && options.resourceVersion !== resourceVersion)
    throw conflict(
      kind.resource,
      name,
      `Precondition failed: ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${resourceVersion}`,
    );
}

/** POST of a pod: the namespace of the URL wins; a different one in the body is a 400. */
export function createPod(backend: ApiBackend, namespace: string, body: string): ApiPod {
  const object = parseJsonBody(body) as { metadata?: { namespace?: unknown; name?: unknown } } | undefined;
  if (!object || typeof object !== 'object') throw badRequest('the body of the request was empty');
  const bodyNs = object.metadata?.namespace;
  if (typeof bodyNs === 'string' && bodyNs !== '' && bodyNs !== namespace)
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  try {
    return backend.createPod({ ...object, metadata: { ...object.metadata, namespace } }, namespace);
  } catch (e) {
    throw engineError(e, 'pods', name);
  }
}
