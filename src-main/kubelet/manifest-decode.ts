/**
 * Bytes of one manifest file → a Pod object or the kubelet's error text (docs/kubelet.md §1.3).
 * Only the first YAML document counts; decode errors are wrapped as
 * `<path>: couldn't parse as pod(<err>), please check config file`.
 */
import { parseAllDocuments } from 'yaml';
import { isObject, type PodObject } from './pod-object';

/** The file source reads at most 10 MiB of a file (§1.3, utilio.ReadAtMost). */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** ReadAtMost's error, returned unwrapped by extractFromFile. */
export const READ_LIMIT_ERROR = 'the read limit is reached';

export type DecodeResult = { ok: true; pod: PodObject } | { ok: false; error: string };

export function wrapParseError(filePath: string, inner: string): string {
  return `${filePath}: couldn't parse as pod(${inner}), please check config file`;
}

/** go-yaml's wording for the syntax errors the `yaml` package reports under its own codes. */
const GO_YAML_MESSAGES: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
  TAB_AS_INDENT: 'found character that cannot start any token',
  BAD_SCALAR_START: 'found character that cannot start any token',
  BAD_INDENT: "did not find expected ',' or ']'",
  MISSING_CHAR: 'found unexpected end of stream',
  DUPLICATE_KEY: 'mapping key already defined',
};

export function decodeManifest(bytes: Buffer | string, filePath: string): DecodeResult {
  if (bytes.length > MAX_MANIFEST_BYTES) return { ok: false, error: READ_LIMIT_ERROR };
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (first && first.errors.length > 0) {
    const err = first.errors[0];
    const line = goYamlLine(text, err.code, err.linePos?.[0]?.line ?? 1);
    const msg = GO_YAML_MESSAGES[err.code] ?? 'did not find expected key';
    return { ok: false, error: wrapParseError(filePath, `yaml: line ${line}: ${msg}`) };
  }
  let value: unknown;
  try {
    value = first ? first.toJS({ maxAliasCount: 100 }) : null;
  } catch {
    // An alias bomb: go-yaml (v2.2.8+, v3) stops it with this error, for this file only.
    return { ok: false, error: wrapParseError(filePath, 'yaml: document contains excessive aliasing') };
  }
  return decodeObject(value, filePath);
}

/**
 * go-yaml reports a nested mapping at the line of the offending `:`; the `yaml` package at the
 * start of the plain scalar that runs into it. When the scalar continues on a more indented
 * next line, that next line is go-yaml's.
 */
function goYamlLine(text: string, code: string, line: number): number {
  if (code !== 'BLOCK_AS_IMPLICIT_KEY') return line;
  const lines = text.split('\n');
  const indent = (l: string | undefined) => (l === undefined ? -1 : l.length - l.trimStart().length);
  const next = lines[line];
  return next !== undefined && next.trim() !== '' && indent(next) > indent(lines[line - 1]) ? line + 1 : line;
}

/** The universal decoder's checks on the JSON form: kind, then apiVersion, then the type. */
export function decodeObject(value: unknown, filePath: string): DecodeResult {
  const wrap = (inner: string): DecodeResult => ({ ok: false, error: wrapParseError(filePath, inner) });
  if (value === null || value === undefined) return wrap("Object 'Kind' is missing in 'null'");
  if (!isObject(value)) {
    return wrap(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonType(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const json = JSON.stringify(value);
  if (typeof value.kind !== 'string' || value.kind === '')
    return wrap(`Object 'Kind' is missing in '${json}'`);
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
    return wrap(`Object 'apiVersion' is missing in '${json}'`);
  if (value.apiVersion === 'v1' && !KNOWN_CORE_KINDS.has(value.kind)) {
    return wrap(
      `no kind "${value.kind}" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"`,
    );
  }
  if (value.kind !== 'Pod' || value.apiVersion !== 'v1') {
    // tryDecodeSinglePod dumps the decoded non-Pod object with %#v (§1.3); we print its start.
    const group = value.apiVersion.includes('/') ? value.apiVersion.split('/')[0].split('.')[0] : 'core';
    const name =
      isObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';
    return wrap(
      `invalid pod: &${group}.${value.kind}{TypeMeta:v1.TypeMeta{Kind:"", APIVersion:""}, ObjectMeta:v1.ObjectMeta{Name:"${name}", GenerateName:"", Namespace:"", ...}}`,
    );
  }
  const typeError = checkFieldTypes(value);
  if (typeError) return wrap(typeError);
  return { ok: true, pod: normalise(value) };
}

const KNOWN_CORE_KINDS = new Set([
  'Pod',
  'PodList',
  'Namespace',
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Endpoints',
  'Event',
  'LimitRange',
  'ResourceQuota',
  'ReplicationController',
  'PodTemplate',
  'List',
]);

function goJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

/** The Go struct unmarshalling errors for the fields users most often get wrong (§1.3). */
function checkFieldTypes(value: Record<string, unknown>): string | undefined {
  const err = (field: string, got: unknown, want: string) =>
    `json: cannot unmarshal ${goJsonType(got)} into Go struct field ${field} of type ${want}`;
  if (value.metadata !== undefined && !isObject(value.metadata))
    return err('Pod.metadata', value.metadata, 'v1.ObjectMeta');
  const meta = isObject(value.metadata) ? value.metadata : {};
  for (const key of ['labels', 'annotations'] as const) {
    const m = meta[key];
    if (m === undefined || m === null) continue;
    if (!isObject(m)) return err(`ObjectMeta.metadata.${key}`, m, 'map[string]string');
    for (const v of Object.values(m))
      if (typeof v !== 'string') return err(`ObjectMeta.metadata.${key}`, v, 'string');
  }
  if (value.spec !== undefined && !isObject(value.spec)) return err('Pod.spec', value.spec, 'v1.PodSpec');
  const spec = isObject(value.spec) ? value.spec : {};
  for (const listKey of ['containers', 'initContainers', 'volumes'] as const) {
    const list = spec[listKey];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list))
      return err(`PodSpec.spec.${listKey}`, list, listKey === 'volumes' ? '[]v1.Volume' : '[]v1.Container');
    for (const item of list) {
      if (!isObject(item))
        return err(`PodSpec.spec.${listKey}`, item, listKey === 'volumes' ? 'v1.Volume' : 'v1.Container');
      if (listKey === 'volumes') continue;
      for (const strList of ['command', 'args'] as const) {
        const l = item[strList];
        if (l === undefined || l === null) continue;
        if (!Array.isArray(l)) return err(`Container.spec.${listKey}.${strList}`, l, '[]string');
        for (const s of l)
          if (typeof s !== 'string') return err(`Container.spec.${listKey}.${strList}`, s, 'string');
      }
      for (const strField of ['name', 'image'] as const) {
        const s = item[strField];
        if (s !== undefined && s !== null && typeof s !== 'string')
          return err(`Container.spec.${listKey}.${strField}`, s, 'string');
      }
    }
  }
  return undefined;
}

function normalise(value: Record<string, unknown>): PodObject {
  const metadata = isObject(value.metadata) ? { ...value.metadata } : {};
  const spec = isObject(value.spec) ? { ...value.spec } : {};
  if (!Array.isArray(spec.containers)) spec.containers = [];
  return { ...value, apiVersion: 'v1', kind: 'Pod', metadata, spec } as PodObject;
}
