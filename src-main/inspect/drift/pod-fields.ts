/**
 * A static pod manifest as a list of comparable fields: each container's flags one by one
 * (`--audit-log-maxage` → `7`), its image, resources, probes, env and mounts, and the pod's
 * volumes and metadata, keyed by name rather than by list position so that a reordered list
 * is no drift. The text is decoded as the kubelet decodes it (sigs.k8s.io/yaml: YAML to JSON,
 * first document only; docs/kubelet.md §1.3), through the kubelet model's decoder.
 */
import type { DriftCategory } from '../../contract/domain/drift';
import { yamlToJson } from '../../kubelet/go-yaml/yaml-to-json';

export interface PodField {
  category: DriftCategory;
  container: string | null;
  field: string;
  value: string;
}

export type DecodedManifest =
  { ok: true; pod: string; fields: Map<string, PodField> } | { ok: false; error: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The key of a field in a pod's field map. */
export const fieldKey = (f: PodField): string => `${f.container ?? ''}\u0000${f.category}\u0000${f.field}`;

export function decodeManifest(content: string): DecodedManifest {
  const converted = yamlToJson(Buffer.from(content, 'utf8'), { capitalisedMapKeyError: false });
  if (!converted.ok) return { ok: false, error: converted.error };
  let root: Json;
  try {
    root = JSON.parse(converted.json) as Json;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (!isObject(root)) return { ok: false, error: 'the manifest is not a mapping' };
  const metadata = isObject(root.metadata) ? root.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!name) return { ok: false, error: 'metadata.name is missing' };
  // The kubelet puts a static pod without a namespace in "default" (pkg/kubelet/config/common.go).
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  const fields = new Map<string, PodField>();
  const add = (f: PodField) => fields.set(fieldKey(f), f);
  for (const key of ['annotations', 'labels'] as const) {
    const map = metadata[key];
    if (!isObject(map)) continue;
    for (const [k, v] of Object.entries(map))
      add({ category: 'metadata', container: null, field: `${key.slice(0, -1)} ${k}`, value: text(v) });
  }
  const spec = isObject(root.spec) ? root.spec : {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'containers' || key === 'initContainers') {
      for (const c of Array.isArray(value) ? value : []) {
        if (!isObject(c)) continue;
        const cname = `${key === 'initContainers' ? 'init:' : ''}${typeof c.name === 'string' ? c.name : '?'}`;
        containerFields(c, cname, add);
      }
    } else if (key === 'volumes' && Array.isArray(value)) {
      for (const v of value) {
        if (!isObject(v)) continue;
        const { name: vname, ...rest } = v;
        leaves(rest, '', (path, leaf) =>
          add({
            category: 'volumes',
            container: null,
            field: `volume ${text(vname ?? '?')}: ${path}`,
            value: leaf,
          }),
        );
      }
    } else {
      leaves(value, key, (path, leaf) =>
        add({ category: 'other', container: null, field: path, value: leaf }),
      );
    }
  }
  return { ok: true, pod: `${namespace}/${name}`, fields };
}

/** A command line as fields: each `--flag=value` by flag name, the other words as `command`. */
export function commandLineFields(argv: string[], container: string, add: (f: PodField) => void): void {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (const arg of argv) {
    // kubeadm writes every flag as --name=value (kubeadmutil.ArgumentsToCommand).
    const m = /^(--?[^=]+)(?:=(.*))?$/s.exec(arg);
    if (m?.[1]) flags.set(m[1], [...(flags.get(m[1]) ?? []), m[2] ?? '']);
    else positional.push(arg);
  }
  if (positional.length > 0)
    add({ category: 'flags', container, field: 'command', value: positional.join(' ') });
  for (const [flag, values] of flags)
    add({ category: 'flags', container, field: flag, value: values.join(' | ') });
}

function containerFields(c: { [key: string]: Json }, container: string, add: (f: PodField) => void): void {
  commandLineFields(
    [c.command, c.args].flatMap((list) => (Array.isArray(list) ? list.map(text) : [])),
    container,
    add,
  );
  for (const [key, value] of Object.entries(c)) {
    if (key === 'name' || key === 'command' || key === 'args') continue;
    if (key === 'volumeMounts' && Array.isArray(value)) {
      for (const m of value) {
        if (!isObject(m)) continue;
        const { name, ...rest } = m;
        add({
          category: 'volumes',
          container,
          field: `volumeMount ${text(name ?? '?')}`,
          value: JSON.stringify(sorted(rest)),
        });
      }
    } else if (key === 'env' && Array.isArray(value)) {
      for (const e of value) {
        if (!isObject(e)) continue;
        const { name, ...rest } = e;
        const v =
          typeof rest.value === 'string' && Object.keys(rest).length === 1
            ? rest.value
            : JSON.stringify(sorted(rest));
        add({ category: 'env', container, field: `env ${text(name ?? '?')}`, value: v });
      }
    } else {
      const category: DriftCategory =
        key === 'image' || key === 'imagePullPolicy'
          ? 'image'
          : key === 'resources'
            ? 'resources'
            : /Probe$/.test(key)
              ? 'probes'
              : 'other';
      leaves(value, key, (path, leaf) => add({ category, container, field: path, value: leaf }));
    }
  }
}

/** Calls `emit` for each scalar (or list of scalars) under `value`, with its dotted path. */
function leaves(value: Json, path: string, emit: (path: string, leaf: string) => void): void {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) emit(path, '{}');
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, emit);
  } else if (Array.isArray(value) && value.some((v) => isObject(v) || Array.isArray(v))) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, emit));
  } else {
    emit(path, text(value));
  }
}

function sorted(o: { [key: string]: Json }): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
