/**
 * `crictl pods -o json` and `crictl ps [-a] -o json` (docs/kubelet.md §3.3).
 *
 * Both serializers are accepted because the app meets both in the field:
 * - crictl ≤1.30 (jsonpb): `"key": value`, unset sub-messages `null`, empty maps `{\n}`;
 * - crictl ≥1.31 (protojson): unset sub-messages omitted, and a given binary may write
 *   `"key":  value` with two spaces.
 * JSON.parse is whitespace-agnostic, `null` and omitted read the same through `obj()`,
 * and int64 times are accepted as strings or numbers (`int64String`).
 */
import { ANNOTATION_CONFIG_HASH } from '../../kubelet/config-annotations';
import type { CriContainer, CriSandbox } from '../../contract/domain/cri';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import {
  arr,
  int64String,
  isObject,
  nsToMs,
  num,
  obj,
  str,
  stringMap,
  type JsonObject,
} from '../api/tool-output/json-narrow';
import { parseJsonTolerant } from '../api/tool-output/json-salvage';
import {
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_UID_LABEL,
  containerState,
  sandboxState,
} from './cri-states';

export function parseCrictlPodsJson(text: string): ParseResult<CriSandbox[]> {
  return parseList(text, 'items', toSandbox);
}

export function parseCrictlContainersJson(text: string): ParseResult<CriContainer[]> {
  return parseList(text, 'containers', toContainer);
}

function parseList<T>(
  text: string,
  key: 'items' | 'containers',
  convert: (o: JsonObject) => T,
): ParseResult<T[]> {
  const issues: ParseIssue[] = [];
  if (text.trim() === '') return { ok: false, error: 'empty output', issues };
  const parsed = parseJsonTolerant(text);
  if (!parsed.ok) return { ok: false, error: `not JSON: ${parsed.error}`, issues };
  if (parsed.truncated) issues.push({ message: 'JSON was truncated; kept the complete entries' });
  const root = parsed.value;
  // A bare array is tolerated (e.g. output post-processed with jq '.items').
  let list: readonly unknown[];
  if (Array.isArray(root)) list = root;
  else if (isObject(root)) {
    if (!(key in root)) issues.push({ message: `no "${key}" key; treating as empty list` });
    list = arr(root[key]); // `null` = empty list (jsonpb)
  } else return { ok: false, error: 'JSON is neither an object nor an array', issues };

  const value: T[] = [];
  list.forEach((item, i) => {
    if (isObject(item)) value.push(convert(item));
    else issues.push({ message: `${key}[${i}] is not an object; skipped` });
  });
  return { ok: true, value, issues, truncated: parsed.truncated };
}

function toSandbox(o: JsonObject): CriSandbox {
  const meta = obj(o.metadata);
  const createdAtNs = int64String(o.createdAt);
  const annotations = stringMap(o.annotations);
  return {
    id: str(o.id),
    name: str(meta.name),
    namespace: str(meta.namespace),
    uid: str(meta.uid),
    attempt: num(meta.attempt),
    state: sandboxState(o.state),
    createdAtNs,
    createdAtMs: nsToMs(createdAtNs),
    labels: stringMap(o.labels),
    annotations,
    runtimeHandler: str(o.runtimeHandler),
    configHash: annotations[ANNOTATION_CONFIG_HASH] ?? null,
  };
}

function toContainer(o: JsonObject): CriContainer {
  const meta = obj(o.metadata);
  const labels = stringMap(o.labels);
  const createdAtNs = int64String(o.createdAt);
  return {
    id: str(o.id),
    podSandboxId: str(o.podSandboxId),
    name: str(meta.name),
    attempt: num(meta.attempt),
    image: str(obj(o.image).image),
    imageRef: str(o.imageRef),
    imageId: str(o.imageId),
    state: containerState(o.state),
    createdAtNs,
    createdAtMs: nsToMs(createdAtNs),
    labels,
    annotations: stringMap(o.annotations),
    podName: labels[POD_NAME_LABEL] ?? null,
    podNamespace: labels[POD_NAMESPACE_LABEL] ?? null,
    podUid: labels[POD_UID_LABEL] ?? null,
  };
}
