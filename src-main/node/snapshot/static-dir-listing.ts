/**
 * The static pod directory as the kubelet reads it (docs/kubelet.md §1.2, §1.3, §1.4), from the
 * `manifests` section of the pods snapshot (one-pass tar format, or the per-file fallback). Each file is decoded as the kubelet would, as far as the app needs: the FIRST YAML
 * document only (§1.3), must be a `kind: Pod` with `metadata.name`; the pod then runs as
 * `<name>-<node>` in its namespace (`default` when empty, §1.4).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../manifests/yaml-bounds';
import type { StaticManifestEntry } from '../../contract/domain/node-pods';
import { staticPodName } from '../../kubelet/static-pod';
import { MANIFEST_READ_LIMIT } from './pods-snapshot-command';
import { readTarFiles } from './tar-entries';

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
  const unreadable = yamlUnreadable(text);
  if (unreadable) return { ...empty, problem: `Not read: ${unreadable}.` };
  try {
    const docs = parseAllDocuments(text);
    const doc = Array.isArray(docs) ? docs[0] : docs;
    if (!doc)
      return {
        ...empty,
        problem: "The file is empty (the kubelet says: Object 'Kind' is missing in 'null').",
      };
    if (doc.errors.length > 0)
      return {
        ...empty,
        problem: `Not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? 'syntax error'}`,
      };
    first = doc.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (error) {
    return { ...empty, problem: `Not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!first || typeof first !== 'object' || Array.isArray(first)) {
    return {
      ...empty,
      problem: "The first document is empty or not a mapping (the kubelet says: Object 'Kind' is missing).",
    };
  }
  const root = first as Record<string, unknown>;
  const metadata = (root.metadata && typeof root.metadata === 'object' ? root.metadata : {}) as Record<
    string,
    unknown
  >;
  const podName = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : null;
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  const identity = {
    podName,
    namespace,
    labels: stringRecord(metadata.labels),
    annotations: stringRecord(metadata.annotations),
  };
  if (root.kind !== 'Pod')
    return {
      ...identity,
      problem: `The file declares kind ${JSON.stringify(root.kind ?? null)}, not a Pod: the kubelet ignores it.`,
    };
  if (!podName) return { ...identity, problem: 'The Pod has no metadata.name: the kubelet rejects it.' };
  return { ...identity, problem: null };
}

const KIND: Record<string, StaticManifestEntry['kind']> = {
  f: 'file',
  d: 'directory',
  o: 'other',
  u: 'file',
};

/** Why a file could not be read by the user the app reads as (the listing's `u` mark). */
function unreadableReason(filePath: string, user: string | undefined): string {
  return `no permission${user ? ` as ${user}` : ''} to read ${filePath}`;
}

function emptyEntry(name: string, filePath: string, kind: StaticManifestEntry['kind']): StaticManifestEntry {
  return {
    name,
    path: filePath,
    kind,
    ignoredByKubelet: name.startsWith('.'),
    sha256: null,
    size: null,
    podName: null,
    namespace: null,
    staticPodName: null,
    labels: {},
    annotations: {},
    problem: null,
  };
}

/** Each file's text by path, for callers that point at its lines (the snapshot's causes). */
export type ManifestTexts = Map<string, string>;

function fileEntry(
  name: string,
  filePath: string,
  content: Buffer,
  nodeName: string,
  texts?: ManifestTexts,
): StaticManifestEntry {
  const text = content.toString('utf8');
  texts?.set(filePath, text);
  const identity = readManifestIdentity(text);
  return {
    ...emptyEntry(name, filePath, 'file'),
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    ...identity,
    staticPodName: identity.podName ? staticPodName(identity.podName, nodeName) : null,
  };
}

/** The per-file fallback format (nodes without GNU find/tar): `<f|d|o|u> <b64 name> <b64 content>` lines. */
function parseLineListing(
  text: string,
  dir: string,
  nodeName: string,
  { user, texts }: ListingOptions,
): StaticManifestEntry[] {
  const entries: StaticManifestEntry[] = [];
  const lines = text.split('\n');
  const single = lines[0] === 'S';
  for (const line of lines) {
    const [code, nameB64, contentB64] = line.split(' ');
    const kind = code ? KIND[code] : undefined;
    if (!kind || nameB64 === undefined) continue;
    const name = Buffer.from(nameB64, 'base64').toString('utf8');
    const filePath = single ? dir : path.posix.join(dir, name);
    entries.push(
      code === 'u'
        ? { ...emptyEntry(name, filePath, 'file'), unreadable: unreadableReason(filePath, user) }
        : kind === 'file'
          ? fileEntry(name, filePath, Buffer.from(contentB64 ?? '', 'base64'), nodeName, texts)
          : emptyEntry(name, filePath, kind),
    );
  }
  return entries;
}

/**
 * The one-pass format: `T D|S\n`, NUL-ended `<find %Y> <size> <r|u> <name>` records (`u`: the
 * user may not read it), an empty record, then a tar stream of the readable files up to
 * MANIFEST_READ_LIMIT. `%Y` follows symlinks like the kubelet's stat: `f` file, `d` directory,
 * `N`/`L` a dangling or looping link, others (pipes, sockets, devices) are `other`.
 */
function parseTarListing(
  listing: Buffer,
  dir: string,
  nodeName: string,
  { user, texts }: ListingOptions,
): StaticManifestEntry[] {
  const headerEnd = listing.indexOf(0x0a);
  const single = listing.subarray(0, headerEnd).toString('latin1') === 'T S';
  const records: Array<{ type: string; size: number; readable: boolean; name: string }> = [];
  let offset = headerEnd + 1;
  for (;;) {
    const end = listing.indexOf(0, offset);
    if (end === -1 || end === offset) break;
    const record = listing.subarray(offset, end).toString('latin1');
    offset = end + 1;
    const match = /^(\S) (\d+) ([ru]) ([\s\S]+)$/.exec(record);
    if (match)
      records.push({
        type: match[1] as string,
        size: Number(match[2]),
        readable: match[3] === 'r',
        name: match[4] as string,
      });
  }
  const files = readTarFiles(listing.subarray(offset + 1));
  return records.map(({ type, size, readable, name: rawName }) => {
    const name = Buffer.from(rawName, 'latin1').toString('utf8');
    const filePath = single ? dir : path.posix.join(dir, name);
    if (type === 'd') return emptyEntry(name, filePath, 'directory');
    if (type !== 'f') return emptyEntry(name, filePath, 'other');
    if (!readable)
      return { ...emptyEntry(name, filePath, 'file'), size, unreadable: unreadableReason(filePath, user) };
    const content = files.get(rawName);
    if (content) return fileEntry(name, filePath, content, nodeName, texts);
    // The kubelet's 10 MiB limit: docs/kubelet.md §1.3 (users see plain words, not the reference).
    const problem =
      size > MANIFEST_READ_LIMIT
        ? `The file is ${size} bytes, more than the ${MANIFEST_READ_LIMIT} Kubelet Studio reads (the kubelet reads up to 10 MiB); it was not read.`
        : 'The file changed or vanished while it was read; the next refresh reads it again.';
    return { ...emptyEntry(name, filePath, 'file'), size, problem };
  });
}

/** Who the listing ran as (for the reason given on files it may not read) and where to keep texts. */
export interface ListingOptions {
  user?: string;
  texts?: ManifestTexts;
}

/**
 * Parses the `manifests` section in either format (see pods-snapshot-command.ts). `user` is the
 * user the listing ran as, for the reason given on files it may not read.
 */
export function parseStaticDirListing(
  listing: Buffer,
  dir: string,
  nodeName: string,
  options: ListingOptions = {},
): StaticManifestEntry[] {
  const tarFormat = listing.subarray(0, 2).toString('latin1') === 'T ';
  const entries = tarFormat
    ? parseTarListing(listing, dir, nodeName, options)
    : parseLineListing(listing.toString('utf8'), dir, nodeName, options);
  // The kubelet reads the names in byte order (§1.2 point 2); later files win clashes (§1.6).
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}
