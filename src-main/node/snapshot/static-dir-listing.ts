/**
 * The static pod directory as the kubelet reads it (kubelet-facts §1.2, §1.3, §1.4), from the
 * `manifests` section of the pods snapshot: one line `<f|d|o> <base64 name> <base64 content>`
 * per entry. Each file is decoded as the kubelet would, as far as the app needs: the FIRST YAML
 * document only (§1.3), must be a `kind: Pod` with `metadata.name`; the pod then runs as
 * `<name>-<node>` in its namespace (`default` when empty, §1.4).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { StaticManifestEntry } from '../../contract/domain/node-pods';

export interface ManifestIdentity {
  podName: string | null;
  namespace: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  problem: string | null;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== null && v !== undefined) out[k] = String(v);
    }
  }
  return out;
}

/** What the kubelet would take from one manifest's text, without its validation (§1.3). */
export function readManifestIdentity(text: string): ManifestIdentity {
  const empty = { podName: null, namespace: null, labels: {}, annotations: {} };
  let first: unknown;
  try {
    const docs = parseAllDocuments(text);
    const doc = Array.isArray(docs) ? docs[0] : docs;
    if (!doc) return { ...empty, problem: "The file is empty (the kubelet says: Object 'Kind' is missing in 'null')." };
    if (doc.errors.length > 0) return { ...empty, problem: `Not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? 'syntax error'}` };
    first = doc.toJS();
  } catch (error) {
    return { ...empty, problem: `Not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!first || typeof first !== 'object' || Array.isArray(first)) {
    return { ...empty, problem: "The first document is empty or not a mapping (the kubelet says: Object 'Kind' is missing)." };
  }
  const root = first as Record<string, unknown>;
  const metadata = (root.metadata && typeof root.metadata === 'object' ? root.metadata : {}) as Record<string, unknown>;
  const podName = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : null;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  const identity = { podName, namespace, labels: stringRecord(metadata.labels), annotations: stringRecord(metadata.annotations) };
  if (root.kind !== 'Pod') return { ...identity, problem: `The file declares kind ${JSON.stringify(root.kind ?? null)}, not a Pod: the kubelet ignores it.` };
  if (!podName) return { ...identity, problem: 'The Pod has no metadata.name: the kubelet rejects it.' };
  return { ...identity, problem: null };
}

const KIND: Record<string, StaticManifestEntry['kind']> = { f: 'file', d: 'directory', o: 'other' };

/** Parses the listing; a first line `S` says the static pod path names one file (§1.2 point 4). */
export function parseStaticDirListing(text: string, dir: string, nodeName: string): StaticManifestEntry[] {
  const entries: StaticManifestEntry[] = [];
  const lines = text.split('\n');
  const single = lines[0] === 'S';
  for (const line of lines) {
    const [code, nameB64, contentB64] = line.split(' ');
    const kind = code ? KIND[code] : undefined;
    if (!kind || nameB64 === undefined) continue;
    const name = Buffer.from(nameB64, 'base64').toString('utf8');
    const filePath = single ? dir : path.posix.join(dir, name);
    const ignoredByKubelet = name.startsWith('.');
    if (kind !== 'file') {
      entries.push({ name, path: filePath, kind, ignoredByKubelet, sha256: null, size: null, podName: null, namespace: null, staticPodName: null, labels: {}, annotations: {}, problem: null });
      continue;
    }
    const content = Buffer.from(contentB64 ?? '', 'base64');
    const identity = readManifestIdentity(content.toString('utf8'));
    entries.push({
      name,
      path: filePath,
      kind,
      ignoredByKubelet,
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      ...identity,
      staticPodName: identity.podName ? `${identity.podName}-${nodeName.toLowerCase()}` : null,
    });
  }
  // The kubelet reads the names in byte order (§1.2 point 2); later files win clashes (§1.6).
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}
