/**
 * What `kubectl patch pod` does to a pod, as the API server would do it, pure: apply the patch
 * (`merge`: RFC 7386, null deletes; `strategic`: the same except that `metadata.finalizers`,
 * declared `patchStrategy:"merge"` in ObjectMeta, merges as a set and honours
 * `$deleteFromPrimitiveList/finalizers`; `json`: RFC 6902 add/remove/replace/test), then check it
 * the way a pod update is validated: labels, annotations and finalizers may change; a spec
 * change is Forbidden (docs/kubelet.md §2.4; the real API also takes image and toleration changes,
 * which the simulation does not carry, so it refuses those too [inf]); status is not written
 * through the main resource, so changes to it are dropped.
 */
import type { ApiPod } from '../model';
import { ApiError, badRequest, invalid, patchNotApplicable } from '../apiserver/status';

export type PatchType = 'strategic' | 'merge' | 'json';
export const PATCH_TYPES: PatchType[] = ['json', 'merge', 'strategic'];

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/**
 * The API server refused the patch: `api` is the Status it answers (apiserver/status.ts),
 * `message` is what kubectl prints for it (kubectl/pkg/cmd/util/helpers.go, checkErr).
 */
export class PatchError extends Error {
  constructor(
    readonly api: ApiError,
    kubectlText: string,
  ) {
    super(kubectlText);
  }
}

/**
 * A JSON patch operation that does not apply: the API server answers 422 with empty details
 * (status.ts, patchNotApplicable), which kubectl prints as "The request is invalid"; the
 * simulated kubectl adds the reason [inf].
 */
const opFailed = (detail: string) =>
  new PatchError(patchNotApplicable(), `The request is invalid: ${detail}`);

/** A patched object that no longer decodes as a Pod: 400 with the JSON decoder's message. */
const decodeFailed = (detail: string) =>
  new PatchError(badRequest(detail), `Error from server (BadRequest): ${detail}`);

export interface MetadataChange {
  /** Keys to set, or null to remove. */
  labels: Record<string, string | null>;
  annotations: Record<string, string | null>;
  /** The new list when it changed, else undefined. */
  finalizers?: string[];
}

export interface PatchResult {
  /** The object as the API would store it (status as before). */
  pod: ApiPod;
  changed: boolean;
  change: MetadataChange;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical(v[k])]),
  );
}

/** RFC 7386; `finalizersAsSet` adds the strategic-merge rule of metadata.finalizers. */
function mergePatch(target: Json | undefined, patch: Json, path: string, strategic: boolean): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    const at = `${path}/${k}`;
    if (strategic && k.startsWith('$deleteFromPrimitiveList/')) continue;
    if (v === null) delete out[k];
    else if (strategic && at === '/metadata/finalizers' && Array.isArray(v)) {
      const old = Array.isArray(out[k]) ? (out[k] as Json[]) : [];
      out[k] = [...old, ...v.filter((x) => !old.some((o) => same(o, x)))];
    } else out[k] = mergePatch(out[k], v, at, strategic);
  }
  if (strategic && path === '/metadata') {
    const drop = patch['$deleteFromPrimitiveList/finalizers'];
    if (Array.isArray(drop) && Array.isArray(out.finalizers))
      out.finalizers = out.finalizers.filter((f) => !drop.some((d) => same(d, f)));
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw opFailed(`JSON pointer "${path}" does not start with "/"`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 on a copy. Error wording [inf]: evanphx/json-patch's, from memory. */
function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw new PatchError(
      badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch'),
      'error: unable to parse the patch as a JSON patch: it is not a list of operations',
    );
  let root = structuredClone(doc);
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string')
      throw opFailed('an operation needs "op" and "path"');
    const { op, path } = raw;
    const tokens = pointer(path);
    if (tokens.length === 0) {
      if (op === 'test' && !same(root, raw.value)) throw opFailed(`testing value ${path} failed`);
      if (op === 'add' || op === 'replace') root = structuredClone(raw.value ?? null);
      continue;
    }
    let parent: Json = root;
    for (const t of tokens.slice(0, -1)) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[Number(t)]
        : isObject(parent)
          ? parent[t]
          : undefined;
      if (next === undefined)
        throw opFailed(`${op} operation does not apply: doc is missing path: "${path}"`);
      parent = next;
    }
    const last = tokens[tokens.length - 1] as string;
    const has = Array.isArray(parent)
      ? last === '-'
        ? false
        : Number(last) < parent.length
      : isObject(parent) && last in parent;
    const current = Array.isArray(parent)
      ? parent[Number(last)]
      : isObject(parent)
        ? parent[last]
        : undefined;
    if (op === 'test') {
      if (!has || !same(current, raw.value)) throw opFailed(`testing value ${path} failed`);
    } else if (op === 'remove' || op === 'replace') {
      if (!has) throw opFailed(`${op} operation does not apply: doc is missing path: "${path}"`);
      if (Array.isArray(parent))
        parent.splice(Number(last), 1, ...(op === 'replace' ? [structuredClone(raw.value ?? null)] : []));
      else if (isObject(parent)) {
        if (op === 'remove') delete parent[last];
        else parent[last] = structuredClone(raw.value ?? null);
      }
    } else if (op === 'add') {
      if (Array.isArray(parent))
        parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(raw.value ?? null));
      else if (isObject(parent)) parent[last] = structuredClone(raw.value ?? null);
      else throw opFailed(`add operation does not apply: doc is missing path: "${path}"`);
    } else throw opFailed(`Unexpected kind: ${op}`);
  }
  return root;
}

function stringMap(v: Json | undefined, field: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v))
    throw decodeFailed(
      `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go struct field ObjectMeta.metadata.${field} of type map[string]string`,
    );
  for (const x of Object.values(v)) {
    if (typeof x !== 'string')
      throw decodeFailed(
        `json: cannot unmarshal ${x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x} into Go struct field ObjectMeta.metadata.${field} of type string`,
      );
  }
  return v as Record<string, string>;
}

function stringList(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw decodeFailed(
      'json: cannot unmarshal into Go struct field ObjectMeta.metadata.finalizers of type []string',
    );
  return v as string[];
}

function mapChange(
  before: Record<string, string>,
  after: Record<string, string>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = v;
  return out;
}

/**
 * ValidatePodUpdate's refusal (pkg/apis/core/validation/validation.go). The real message goes
 * on with a diff of the two specs (`\n  core.PodSpec{…}`), which the simulation leaves out.
 */
export const FORBIDDEN_SPEC_DETAIL =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
const WRITABLE_METADATA = new Set(['labels', 'annotations', 'finalizers']);

/** A field error of the update, as the API's Status and as kubectl prints it. */
function invalidPod(
  name: string,
  field: string,
  type: 'Forbidden' | 'Invalid value',
  detail: string,
): PatchError {
  const reason = type === 'Forbidden' ? 'FieldValueForbidden' : 'FieldValueInvalid';
  return new PatchError(
    invalid('Pod', name, [{ field, type, reason, detail }]),
    `The Pod "${name}" is invalid: ${field}: ${type}: ${detail}`,
  );
}

/** The patch applied to a copy of the object (no validation). */
export function applyPatch(original: Json, patch: Json, type: PatchType): Json {
  return type === 'json' ? jsonPatch(original, patch) : mergePatch(original, patch, '', type === 'strategic');
}

/** Applies `patch` (already decoded) to `pod` and validates the update. */
export function patchPod(pod: ApiPod, patch: Json, type: PatchType): PatchResult {
  const original = JSON.parse(JSON.stringify(pod)) as JsonObject;
  return validatePodUpdate(pod, applyPatch(original, patch, type));
}

/**
 * An update of `pod` to `patched` as the API validates it: labels, annotations and finalizers
 * may change; any spec change is Forbidden; other metadata is immutable; status is ignored.
 */
export function validatePodUpdate(pod: ApiPod, patched: Json): PatchResult {
  const original = JSON.parse(JSON.stringify(pod)) as JsonObject;
  if (!isObject(patched)) throw decodeFailed('the patched object is not a Pod');
  const name = pod.metadata.name;
  if (!same(patched.spec, original.spec)) throw invalidPod(name, 'spec', 'Forbidden', FORBIDDEN_SPEC_DETAIL);
  const oldMeta = original.metadata as JsonObject;
  const newMeta = isObject(patched.metadata) ? patched.metadata : {};
  for (const k of new Set([...Object.keys(oldMeta), ...Object.keys(newMeta)])) {
    if (WRITABLE_METADATA.has(k) || same(oldMeta[k], newMeta[k])) continue;
    // [inf] the simulation keeps the other metadata as the API server assigned it.
    throw invalidPod(
      name,
      `metadata.${k}`,
      'Invalid value',
      `${JSON.stringify(newMeta[k] ?? null)}: field is immutable`,
    );
  }
  const labels = stringMap(newMeta.labels, 'labels');
  const annotations = stringMap(newMeta.annotations, 'annotations');
  const finalizers = stringList(newMeta.finalizers);
  const change: MetadataChange = {
    labels: mapChange(pod.metadata.labels ?? {}, labels),
    annotations: mapChange(pod.metadata.annotations ?? {}, annotations),
    ...(same(finalizers, pod.metadata.finalizers ?? []) ? {} : { finalizers }),
  };
  const changed =
    Object.keys(change.labels).length > 0 ||
    Object.keys(change.annotations).length > 0 ||
    change.finalizers !== undefined;
  const result = structuredClone(pod);
  result.metadata.labels = labels;
  result.metadata.annotations = annotations;
  if (finalizers.length) result.metadata.finalizers = finalizers;
  else delete result.metadata.finalizers;
  return { pod: changed ? result : pod, changed, change };
}
