/**
 * The kubelet's rules for a static pod manifest, as problems with line numbers for the editor
 * and the save's input check (docs/kubelet.md §1.3, §1.4): at most 10 MiB, text, YAML whose
 * FIRST document is the only one read, `kind: Pod` / `apiVersion: v1`, `metadata.name`
 * required, containers required, volumeMounts naming existing volumes, and no references to
 * API objects (ServiceAccount, ConfigMap, Secret, PVC …: PreventStaticPodAPIReferences).
 * Whatever else the kubelet's own decode rejects is reported with its own error text.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../node/manifests/yaml-bounds';
import type { ManifestProblem, ManifestValidation } from '../contract/domain/manifests';
import { MAX_MANIFEST_BYTES } from '../kubelet/manifest-decode';
import { isDns1123Subdomain } from '../kubelet/pod-validation';
import { staticPodFromManifest } from '../kubelet/static-pod';

type Path = ReadonlyArray<string | number>;

class Collector {
  readonly problems: ManifestProblem[] = [];
  constructor(
    private readonly doc: Document | null,
    private readonly lines: LineCounter,
  ) {}

  add(
    code: ManifestProblem['code'],
    message: string,
    at: Path | null,
    severity: ManifestProblem['severity'] = 'error',
  ): void {
    let line: number | null = null;
    let column: number | null = null;
    const node =
      at && this.doc ? (this.keyNode(at) ?? (this.doc.getIn(at, true) as Node | undefined)) : undefined;
    if (node?.range) ({ line, col: column } = this.lines.linePos(node.range[0]));
    this.problems.push({ severity, code, message, line, column });
  }

  /** For a mapping entry, its key: "metadata:" is where people look, not the line after it. */
  private keyNode(at: Path): Node | undefined {
    const parent =
      this.doc?.getIn(at.slice(0, -1), true) ?? (at.length === 1 ? this.doc?.contents : undefined);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === at[at.length - 1]);
    return isScalar(pair?.key) ? pair.key : undefined;
  }
}

function isBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function checkManifest(
  content: string | Buffer,
  nodeName = 'node',
  filePath = '/etc/kubernetes/manifests/manifest.yaml',
): ManifestValidation {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const lines = new LineCounter();
  if (bytes.length > MAX_MANIFEST_BYTES) {
    const c = new Collector(null, lines);
    c.add(
      'too-large',
      `The file is ${bytes.length} bytes; the kubelet reads at most 10 MiB and rejects it ("the read limit is reached").`,
      null,
    );
    return { problems: c.problems, pod: null };
  }
  if (isBinary(bytes)) {
    const c = new Collector(null, lines);
    c.add(
      'binary',
      'The content is not UTF-8 text (it has NUL bytes or invalid UTF-8); the kubelet cannot parse it as a pod.',
      null,
    );
    return { problems: c.problems, pod: null };
  }
  const text = bytes.toString('utf8');
  const unreadable = yamlUnreadable(text);
  if (unreadable) {
    const c = new Collector(null, lines);
    c.add('yaml-syntax', `Not checked: ${unreadable}; no static pod manifest is that large or deep.`, null);
    return { problems: c.problems, pod: null };
  }
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  const all = Array.isArray(docs) ? docs : [];
  const first = all[0] ?? null;
  const c = new Collector(first, lines);
  if (first && first.errors.length > 0) {
    for (const err of first.errors) {
      const pos = err.linePos?.[0];
      c.problems.push({
        severity: 'error',
        code: 'yaml-syntax',
        message: `YAML syntax: ${err.message.split('\n')[0]}`,
        line: pos?.line ?? null,
        column: pos?.col ?? null,
      });
    }
    return { problems: c.problems, pod: null };
  }
  const later = all.slice(1).filter((d) => d.contents !== null);
  if (later.length > 0) {
    const start = later[0]?.contents?.range?.[0];
    const pos = start !== undefined ? lines.linePos(start) : null;
    c.problems.push({
      severity: 'error',
      code: 'multi-document',
      message: `This file has ${later.length + 1} YAML documents; the kubelet reads only the first and silently ignores the rest (one Pod per file).`,
      line: pos?.line ?? null,
      column: pos?.col ?? null,
    });
  }
  let value: unknown;
  try {
    value = first ? first.toJS({ maxAliasCount: YAML_MAX_ALIASES }) : null;
  } catch (error) {
    // An alias bomb: the `yaml` package refuses to expand more aliases; go-yaml, which the
    // kubelet decodes with, refuses it too ("document contains excessive aliasing").
    c.add('yaml-syntax', `YAML: ${(error as Error).message.split('\n')[0]}`, null);
    return { problems: c.problems, pod: null };
  }
  if (value === null || value === undefined) {
    c.add(
      'empty',
      "The file is empty; the kubelet rejects it (\"Object 'Kind' is missing in 'null'\").",
      null,
    );
    return { problems: c.problems, pod: null };
  }
  const pod = obj(value);
  if (pod.kind !== 'Pod' || pod.apiVersion !== 'v1') {
    c.add(
      'not-pod',
      `The kubelet accepts only "apiVersion: v1" and "kind: Pod" here (found ${String(pod.apiVersion ?? 'no apiVersion')} ${String(pod.kind ?? 'no kind')}); it refuses anything else, lists included.`,
      pod.kind !== undefined ? ['kind'] : null,
    );
    return { problems: c.problems, pod: null };
  }
  checkPodRules(pod, c);
  // The kubelet's own decode and validation catch what the rules above do not (field types …).
  const kubelet = staticPodFromManifest(bytes, nodeName, filePath);
  if (!kubelet.ok && c.problems.every((p) => p.severity !== 'error'))
    c.add('field-type', `The kubelet rejects it: ${kubelet.error}`, null);
  const meta = obj(pod.metadata);
  const name = typeof meta.name === 'string' ? meta.name : '';
  return {
    problems: c.problems,
    pod: name
      ? {
          metadataName: name,
          namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default',
        }
      : null,
  };
}

function checkPodRules(pod: Json, c: Collector): void {
  const meta = obj(pod.metadata);
  if (typeof meta.name !== 'string' || meta.name === '')
    c.add(
      'missing-name',
      'metadata.name is required; the kubelet names the pod <name>-<node>.',
      pod.metadata ? ['metadata'] : null,
    );
  else if (!isDns1123Subdomain(meta.name))
    c.add(
      'invalid-name',
      `metadata.name "${meta.name}" must be lowercase letters, digits, '-' or '.' (an RFC 1123 subdomain).`,
      ['metadata', 'name'],
    );
  const spec = obj(pod.spec);
  const containers = list(spec.containers);
  if (containers.length === 0)
    c.add(
      'missing-containers',
      'spec.containers is required: a pod needs at least one container.',
      pod.spec ? ['spec'] : null,
    );
  const volumes = new Set(
    list(spec.volumes)
      .map((v) => obj(v).name)
      .filter((n): n is string => typeof n === 'string'),
  );
  for (const field of ['initContainers', 'containers'] as const) {
    list(spec[field]).forEach((raw, i) => {
      const container = obj(raw);
      const at = ['spec', field, i];
      if (typeof container.name !== 'string' || !container.name)
        c.add('container', `spec.${field}[${i}].name is required.`, at);
      if (typeof container.image !== 'string' || !container.image)
        c.add('container', `spec.${field}[${i}].image is required.`, at);
      list(container.volumeMounts).forEach((m, j) => {
        const mount = obj(m);
        if (typeof mount.name === 'string' && !volumes.has(mount.name)) {
          c.add(
            'volume-mount',
            `volumeMount "${mount.name}" names no volume in spec.volumes (the kubelet: Not found: "${mount.name}").`,
            [...at, 'volumeMounts', j, 'name'],
          );
        }
      });
      list(container.envFrom).forEach((e, j) => {
        if (obj(e).secretRef)
          c.add('api-reference', 'Static pods may not reference Secrets (envFrom.secretRef).', [
            ...at,
            'envFrom',
            j,
          ]);
        if (obj(e).configMapRef)
          c.add('api-reference', 'Static pods may not reference ConfigMaps (envFrom.configMapRef).', [
            ...at,
            'envFrom',
            j,
          ]);
      });
      list(container.env).forEach((e, j) => {
        const from = obj(obj(e).valueFrom);
        if (from.secretKeyRef)
          c.add('api-reference', 'Static pods may not reference Secrets (env valueFrom.secretKeyRef).', [
            ...at,
            'env',
            j,
          ]);
        if (from.configMapKeyRef)
          c.add(
            'api-reference',
            'Static pods may not reference ConfigMaps (env valueFrom.configMapKeyRef).',
            [...at, 'env', j],
          );
      });
    });
  }
  for (const key of ['serviceAccountName', 'serviceAccount'] as const) {
    if (typeof spec[key] === 'string' && spec[key])
      c.add('api-reference', `Static pods may not reference a ServiceAccount (spec.${key}).`, ['spec', key]);
  }
  if (list(spec.imagePullSecrets).length > 0)
    c.add('api-reference', 'Static pods may not reference Secrets (spec.imagePullSecrets).', [
      'spec',
      'imagePullSecrets',
    ]);
  list(spec.volumes).forEach((raw, i) => {
    const v = obj(raw);
    const at = ['spec', 'volumes', i];
    if (v.secret) c.add('api-reference', 'Static pods may not reference Secrets (a secret volume).', at);
    if (v.configMap)
      c.add('api-reference', 'Static pods may not reference ConfigMaps (a configMap volume).', at);
    if (v.persistentVolumeClaim || v.ephemeral)
      c.add('api-reference', 'Static pods may not reference PersistentVolumeClaims.', at);
    list(obj(v.projected).sources).forEach((s) => {
      const src = obj(s);
      if (src.secret || src.configMap || src.serviceAccountToken || src.clusterTrustBundle) {
        c.add(
          'api-reference',
          'Static pods may not reference API objects through a projected volume (secret, configMap, serviceAccountToken, clusterTrustBundle).',
          at,
        );
      }
    });
  });
  if (list(spec.resourceClaims).length > 0)
    c.add('api-reference', 'Static pods may not reference ResourceClaims.', ['spec', 'resourceClaims']);
}
