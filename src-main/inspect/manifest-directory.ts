/**
 * The static pod directory as the kubelet sees it (docs/kubelet.md §1.2–§1.6): which entries it
 * reads, the pod each file yields or the kubelet's own error text, and the dangerous cases:
 * backup or temp copies it loads as pods, two files declaring one pod (the last in byte order
 * wins, §1.6), non-Pod kinds, multi-document files (first document only, §1.3), files over
 * 10 MiB, directories it does not recurse into, and a missing directory or disabled source.
 */
import { createHash } from 'node:crypto';
import type { NodeDiscovery } from '../contract/domain/discovery';
import type {
  ManifestDirectory,
  ManifestEntry,
  ManifestFinding,
  ManifestVerdict,
} from '../contract/domain/manifests';
import type { ManifestListing, RawManifestEntry } from '../node/manifests/manifest-listing';
import { MAX_MANIFEST_BYTES } from '../kubelet/manifest-decode';
import { judgedAsPhrase, type KubeletVersion } from '../kubelet/kubelet-version';
import { judgeManifest } from '../kubelet/manifest-verdict';
import { checkManifest } from './manifest-rules';
import { assumedVersion, versionForVerdicts } from './verdict-kubelet-version';

/** Names editors and people leave behind (vim `~` and `4913`, `.bak`, `.orig`, `.swp` …, docs/kubelet.md §1.7). */
const COPY_NAME =
  /(~|\.bak|\.backup|\.orig|\.old|\.save|\.sav|\.tmp|\.temp|\.swp|\.dpkg-[a-z]+|\.rpm[a-z]+|\.\d+)$|^4913$|\.(ya?ml|json)\.[^.]+$/i;

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function entryType(raw: RawManifestEntry): ManifestEntry['type'] {
  if (raw.type === 'f') return 'file';
  if (raw.type === 'd') return 'directory';
  if (raw.type === 'l') return 'symlink';
  return 'other';
}

const TYPE_WORDS: Record<string, string> = {
  p: 'a named pipe',
  s: 'a socket',
  b: 'a block device',
  c: 'a character device',
  N: 'a dangling symbolic link',
  L: 'a symbolic link loop',
};

export function judgeManifestDirectory(
  discovery: NodeDiscovery,
  listing: ManifestListing | null,
  listedAt = Date.now(),
): ManifestDirectory {
  const version = versionForVerdicts(discovery.kubeletVersion);
  const base = {
    nodeName: discovery.nodeName,
    path: discovery.staticPodPath,
    source: discovery.staticPodPathSource,
    sourceExplanation: discovery.staticPodPathExplanation,
    staticPodsDisabled: discovery.staticPodsDisabled,
    listedAt,
    kubeletVersion: assumedVersion(version, discovery.kubeletVersion),
  };
  if (!discovery.staticPodPath || !listing) {
    const finding: ManifestFinding = discovery.staticPodsDisabled
      ? {
          kind: 'static-pods-off',
          severity: 'info',
          files: [],
          message:
            'The kubelet config sets an empty staticPodPath: the file source is off, no manifest here becomes a pod.',
        }
      : {
          kind: 'no-static-pod-path',
          severity: 'warning',
          files: [],
          message:
            'No static pod path was found for this kubelet (command line, config file or known defaults).',
        };
    return { ...base, exists: false, isSingleFile: false, entries: [], findings: [finding] };
  }
  const dir = discovery.staticPodPath.replace(/\/+$/, '');
  if (listing.kind === 'missing') {
    return {
      ...base,
      exists: false,
      isSingleFile: false,
      entries: [],
      findings: [
        {
          kind: 'missing-directory',
          severity: 'warning',
          files: [],
          message: `${dir} does not exist: the kubelet logs "Unable to read config path … path does not exist, ignoring" and runs no static pods.`,
        },
      ],
    };
  }
  const isSingleFile = listing.kind === 'file';
  const entries: ManifestEntry[] = [...listing.entries]
    .sort((a, b) => byteOrder(a.name, b.name))
    .map((raw) => {
      const path = isSingleFile ? dir : `${dir}/${raw.name}`;
      const content = listing.contents.get(raw.name) ?? null;
      return {
        name: raw.name,
        path,
        type: entryType(raw),
        symlinkTarget: raw.symlinkTarget,
        size: raw.size,
        owner: raw.owner,
        group: raw.group,
        mode: raw.mode,
        mtime: raw.mtime,
        sha256:
          content && content.length <= MAX_MANIFEST_BYTES
            ? createHash('sha256').update(content).digest('hex')
            : null,
        ...verdictOf(raw, content, path, discovery.nodeName, version),
      };
    });
  return { ...base, exists: true, isSingleFile, entries, findings: findingsOf(entries, listing) };
}

function verdictOf(
  raw: RawManifestEntry,
  content: Buffer | null,
  path: string,
  nodeName: string,
  version: KubeletVersion,
): { verdict: ManifestVerdict; explanation: string } {
  if (raw.name.startsWith('.'))
    return {
      verdict: { kind: 'ignored-dot' },
      explanation: 'Ignored: names starting with a dot are skipped by the kubelet.',
    };
  const target = raw.type === 'l' ? raw.targetType : raw.type;
  if (target === 'd')
    return {
      verdict: { kind: 'directory' },
      explanation:
        'Not read: the kubelet does not recurse into directories (it logs an error every re-list).',
    };
  if (target !== 'f' || content === null) {
    const detail = TYPE_WORDS[target] ?? 'not a regular file';
    return {
      verdict: { kind: 'not-regular', detail },
      explanation: `Not read: ${detail} ("Manifest path is not a directory or file").`,
    };
  }
  const judgedAs = judgedAsPhrase(version);
  if (content.length > MAX_MANIFEST_BYTES)
    return {
      verdict: { kind: 'error', error: 'the read limit is reached', judgedAs },
      explanation: `Rejected: over the 10 MiB the kubelet reads (${judgedAs}).`,
    };
  const result = judgeManifest({ bytes: content, path, nodeName, version });
  if (!result.accepted)
    return {
      verdict: { kind: 'error', error: result.error, judgedAs },
      explanation: `Rejected by the kubelet: ${result.error} (${judgedAs}).`,
    };
  const { pod } = result;
  const metadataName = pod.name.slice(0, pod.name.length - nodeName.length - 1);
  return {
    verdict: {
      kind: 'pod',
      podName: pod.name,
      namespace: pod.namespace,
      metadataName,
      winner: true,
      shadowedBy: null,
      judgedAs,
    },
    explanation: [`Yields pod ${pod.namespace}/${pod.name}, ${judgedAs}.`, ...result.notes].join(' '),
  };
}

function findingsOf(entries: ManifestEntry[], listing: ManifestListing): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  // The file source's store is keyed by namespace/name: the file sorting last wins (§1.6).
  const byPod = new Map<string, ManifestEntry[]>();
  for (const e of entries)
    if (e.verdict.kind === 'pod')
      byPod.set(`${e.verdict.namespace}/${e.verdict.podName}`, [
        ...(byPod.get(`${e.verdict.namespace}/${e.verdict.podName}`) ?? []),
        e,
      ]);
  for (const [pod, files] of byPod) {
    if (files.length < 2) continue;
    const winner = files[files.length - 1] as ManifestEntry;
    for (const f of files.slice(0, -1))
      if (f.verdict.kind === 'pod') {
        f.verdict = { ...f.verdict, winner: false, shadowedBy: winner.name };
        f.explanation = `Declares pod ${pod} too, but ${winner.name} sorts later and wins: this file is ignored (${f.verdict.judgedAs}).`;
      }
    if (winner.verdict.kind === 'pod')
      winner.explanation = `Yields pod ${pod}, winning over ${files
        .slice(0, -1)
        .map((f) => f.name)
        .join(', ')} (last in sort order), ${winner.verdict.judgedAs}.`;
    findings.push({
      kind: 'duplicate-pod',
      severity: 'danger',
      files: files.map((f) => f.name),
      message: `${files.length} files declare pod ${pod}: ${files.map((f) => f.name).join(', ')}. The kubelet runs only the last in sort order, ${winner.name}; the others are silently ignored. Move the extra copies out of the directory.`,
    });
  }
  for (const e of entries) {
    const content = listing.contents.get(e.name);
    if (e.verdict.kind === 'pod' && COPY_NAME.test(e.name)) {
      findings.push({
        kind: 'backup-copy',
        severity: 'danger',
        files: [e.name],
        message: `${e.name} looks like a backup or temporary copy, but the kubelet loads every file not starting with a dot: it runs it as pod ${e.verdict.namespace}/${e.verdict.podName}${e.verdict.winner ? '' : ` (shadowed by ${e.verdict.shadowedBy})`}. Keep backups outside ${e.path.slice(0, e.path.lastIndexOf('/'))}.`,
      });
    }
    if (e.verdict.kind === 'directory')
      findings.push({
        kind: 'directory-entry',
        severity: 'info',
        files: [e.name],
        message: `${e.name} is a directory: the kubelet does not read inside it and logs an error every re-list.`,
      });
    if (e.verdict.kind === 'not-regular')
      findings.push({
        kind: 'not-regular',
        severity: 'warning',
        files: [e.name],
        message: `${e.name} is ${e.verdict.detail}: the kubelet skips it with an error.`,
      });
    if (e.verdict.kind !== 'error' || !content) continue;
    if (content.length > MAX_MANIFEST_BYTES) {
      findings.push({
        kind: 'too-large',
        severity: 'danger',
        files: [e.name],
        message: `${e.name} is over 10 MiB: the kubelet refuses it ("the read limit is reached").`,
      });
    } else if (/couldn't parse as pod\((invalid pod: &|no kind )/.test(e.verdict.error)) {
      findings.push({
        kind: 'non-pod-kind',
        severity: 'danger',
        files: [e.name],
        message: `${e.name} is not a Pod: the kubelet accepts only kind Pod here and rejects it.`,
      });
    } else {
      findings.push({
        kind: 'parse-error',
        severity: 'danger',
        files: [e.name],
        message: `${e.name} is rejected by the kubelet: ${e.verdict.error}`,
      });
    }
  }
  for (const e of entries) {
    const content = listing.contents.get(e.name);
    if (!content || e.name.startsWith('.') || content.length > MAX_MANIFEST_BYTES) continue;
    if (checkManifest(content).problems.some((p) => p.code === 'multi-document')) {
      findings.push({
        kind: 'multi-document',
        severity: 'warning',
        files: [e.name],
        message: `${e.name} has several YAML documents: the kubelet reads only the first and ignores the rest.`,
      });
    }
  }
  return findings;
}
