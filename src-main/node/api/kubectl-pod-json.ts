/**
 * `kubectl get pods -o json` (a List), `kubectl get pod <name> -o json` (one Pod), or the
 * kubelet's own `/pods` PodList (docs/kubelet.md §4.1) → ApiPodView[].
 *
 * Only what the app correlates and shows is kept (§0: name, uid, the config.* annotations,
 * owner references, container ids); everything else in the object is ignored, so new API
 * fields never break the parse. Truncated JSON keeps its complete fields.
 */
import type { ApiPodView, OwnerReferenceView, PodConditionView } from '../../contract/domain/pods';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import { toContainerStatus } from './container-status';
import {
  ANNOTATION_CONFIG_HASH,
  ANNOTATION_CONFIG_MIRROR,
  ANNOTATION_CONFIG_SEEN,
  ANNOTATION_CONFIG_SOURCE,
} from '../../kubelet/config-annotations';
import { classifyPod } from './pod-kind';
import {
  arr,
  bool,
  isObject,
  obj,
  str,
  strOrNull,
  stringMap,
  type JsonObject,
} from './tool-output/json-narrow';
import { parseJsonTolerant } from './tool-output/json-salvage';

export function parseKubectlPodList(text: string): ParseResult<ApiPodView[]> {
  const issues: ParseIssue[] = [];
  if (text.trim() === '') return { ok: false, error: 'empty output', issues };
  const parsed = parseJsonTolerant(text);
  if (!parsed.ok) return { ok: false, error: `not JSON: ${parsed.error}`, issues };
  if (parsed.truncated) issues.push({ message: 'JSON was truncated; kept the complete fields' });
  const root = parsed.value;
  if (!isObject(root)) return { ok: false, error: 'JSON is not an object', issues };

  const kind = str(root.kind);
  const items = 'items' in root || kind.endsWith('List') ? arr(root.items) : [root];
  const value: ApiPodView[] = [];
  items.forEach((item, i) => {
    if (!isObject(item)) {
      issues.push({ message: `items[${i}] is not an object; skipped` });
      return;
    }
    // A List may mix kinds (`kubectl get all -o json`); only pods are read.
    const itemKind = str(item.kind, 'Pod');
    if (itemKind !== 'Pod') {
      issues.push({ message: `items[${i}] is a ${itemKind}; skipped` });
      return;
    }
    value.push(toApiPodView(item));
  });
  return { ok: true, value, issues, truncated: parsed.truncated };
}

export function toApiPodView(pod: JsonObject): ApiPodView {
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const labels = stringMap(meta.labels);
  const annotations = stringMap(meta.annotations);
  const ownerReferences = arr(meta.ownerReferences).map(toOwnerReference);
  const uid = str(meta.uid);
  return {
    name: str(meta.name),
    namespace: str(meta.namespace),
    uid,
    node: strOrNull(spec.nodeName),
    phase: strOrNull(status.phase),
    creationTimestamp: strOrNull(meta.creationTimestamp),
    deletionTimestamp: strOrNull(meta.deletionTimestamp),
    finalizers: arr(meta.finalizers).filter((f): f is string => typeof f === 'string'),
    labels,
    annotations,
    config: {
      hash: annotations[ANNOTATION_CONFIG_HASH] ?? null,
      mirror: annotations[ANNOTATION_CONFIG_MIRROR] ?? null,
      source: annotations[ANNOTATION_CONFIG_SOURCE] ?? null,
      seen: annotations[ANNOTATION_CONFIG_SEEN] ?? null,
    },
    ownerReferences,
    kind: classifyPod({ uid, labels, annotations, ownerReferences }),
    hostNetwork: bool(spec.hostNetwork),
    specContainerCount: arr(spec.containers).length,
    hostIP: strOrNull(status.hostIP),
    podIP: strOrNull(status.podIP),
    containerStatuses: [
      ...arr(status.initContainerStatuses).map((s) => toContainerStatus(s, true)),
      ...arr(status.containerStatuses).map((s) => toContainerStatus(s, false)),
    ],
    conditions: arr(status.conditions).map(toCondition),
  };
}

function toOwnerReference(raw: unknown): OwnerReferenceView {
  const o = obj(raw);
  return {
    apiVersion: str(o.apiVersion),
    kind: str(o.kind),
    name: str(o.name),
    uid: str(o.uid),
    controller: bool(o.controller),
  };
}

function toCondition(raw: unknown): PodConditionView {
  const c = obj(raw);
  const s = c.status;
  return {
    type: str(c.type),
    status: s === 'True' || s === 'False' ? s : 'Unknown',
    reason: strOrNull(c.reason),
    message: strOrNull(c.message),
    lastTransitionTime: strOrNull(c.lastTransitionTime),
  };
}
