/**
 * What the kubelet's universal decoder does before the typed decode (k8s.io/apimachinery
 * runtime/serializer/json/meta.go SimpleMetaFactory.Interpret, json.go Serializer.Decode):
 * apiVersion and kind are read with the standard encoding/json (case-INSENSITIVE field names, so
 * `Kind: Pod` counts), the group/version is parsed, then a missing kind or version is an error
 * quoting the whole JSON, and a kind the kubelet's scheme does not know is refused.
 */
import type { JsonNode } from '../go-json/json-node';
import { jsonKindWord } from '../go-json/json-node';

const FIND_KIND_TYPE =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** The internal kinds of the core group (pkg/apis/core/register.go addKnownTypes). */
const CORE_KINDS = new Set([
  'Pod',
  'PodList',
  'PodStatusResult',
  'PodTemplate',
  'PodTemplateList',
  'ReplicationController',
  'ReplicationControllerList',
  'Service',
  'ServiceList',
  'ServiceProxyOptions',
  'Node',
  'NodeList',
  'NodeProxyOptions',
  'Endpoints',
  'EndpointsList',
  'Binding',
  'Event',
  'EventList',
  'List',
  'LimitRange',
  'LimitRangeList',
  'ResourceQuota',
  'ResourceQuotaList',
  'Namespace',
  'NamespaceList',
  'ServiceAccount',
  'ServiceAccountList',
  'Secret',
  'SecretList',
  'PersistentVolume',
  'PersistentVolumeList',
  'PersistentVolumeClaim',
  'PersistentVolumeClaimList',
  'PodAttachOptions',
  'PodLogOptions',
  'PodExecOptions',
  'PodPortForwardOptions',
  'PodProxyOptions',
  'ComponentStatus',
  'ComponentStatusList',
  'SerializedReference',
  'RangeAllocation',
  'ConfigMap',
  'ConfigMapList',
  'EphemeralContainers',
]);

/** runtime.NewScheme() in pkg/api/legacyscheme/scheme.go names the scheme after its call site. */
const SCHEME_NAME = 'pkg/api/legacyscheme/scheme.go:30';

export type KindCheck = { ok: true } | { ok: false; error: string; dumpsObject?: boolean };

/** encoding/json (standard library) field matching: exact, else ASCII case-insensitive. */
function findField(members: Array<[string, JsonNode]>, name: string): JsonNode[] {
  return members
    .filter(([key]) => key === name || key.toLowerCase() === name.toLowerCase())
    .map(([, v]) => v);
}

export function checkKind(root: JsonNode, jsonText: string): KindCheck {
  const fail = (error: string): KindCheck => ({ ok: false, error });
  if (root.kind !== 'object' && root.kind !== 'null') {
    return fail(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKindWord(root)} into Go value of type ${FIND_KIND_TYPE}`,
    );
  }
  let apiVersion = '';
  let kind = '';
  if (root.kind === 'object') {
    for (const [name, set] of [
      ['apiVersion', (v: string) => (apiVersion = v)],
      ['kind', (v: string) => (kind = v)],
    ] as const) {
      for (const value of findField(root.members, name)) {
        if (value.kind === 'string') set(value.value);
        else if (value.kind !== 'null')
          return fail(
            `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKindWord(value)} into Go struct field .${name} of type string`,
          );
      }
    }
  }
  // schema.ParseGroupVersion
  let group = '';
  let version = '';
  if (apiVersion !== '' && apiVersion !== '/') {
    const parts = apiVersion.split('/');
    if (parts.length === 1) version = parts[0];
    else if (parts.length === 2) [group, version] = parts;
    else return fail(`unexpected GroupVersion string: ${apiVersion}`);
  }
  if (kind === '') return fail(`Object 'Kind' is missing in '${jsonText}'`);
  if (version === '') return fail(`Object 'apiVersion' is missing in '${jsonText}'`);
  const gv = group === '' ? version : `${group}/${version}`;
  if (group !== '' || version !== 'v1' || !CORE_KINDS.has(kind)) {
    return fail(`no kind "${kind}" is registered for version "${gv}" in scheme "${SCHEME_NAME}"`);
  }
  if (kind !== 'Pod') {
    // tryDecodeSinglePod: `fmt.Errorf("invalid pod: %#v", obj)` — Go dumps the whole decoded
    // object; only its start is reproduced here.
    const name = root.kind === 'object' ? nameOf(root) : '';
    return {
      ok: false,
      dumpsObject: true,
      error: `invalid pod: &core.${kind}{TypeMeta:v1.TypeMeta{Kind:"", APIVersion:""}, ObjectMeta:v1.ObjectMeta{Name:${JSON.stringify(name)}, …}`,
    };
  }
  return { ok: true };
}

function nameOf(root: Extract<JsonNode, { kind: 'object' }>): string {
  const meta = root.members
    .filter(([k]) => k === 'metadata')
    .map(([, v]) => v)
    .pop();
  if (meta?.kind !== 'object') return '';
  const name = meta.members
    .filter(([k]) => k === 'name')
    .map(([, v]) => v)
    .pop();
  return name?.kind === 'string' ? name.value : '';
}
