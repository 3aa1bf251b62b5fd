/**
 * The static pod directory as the kubelet's file source reads it (pkg/kubelet/config/file.go
 * extractFromDir, newSourceFile):
 *
 * - `filepath.Glob(dir/[^.]*)`: every name not starting with "." is read, whatever its extension
 *   (backups, editor copies, README…); names starting with "." never are;
 * - `sort.Strings`: byte order;
 * - `os.Stat` follows symbolic links: a dangling link logs "Could not get metadata", a directory
 *   "Provided manifest path is a directory, not recursing into manifest path" (no recursion), a
 *   pipe or socket "Manifest path is not a directory or file", a file that fails "Could not process
 *   manifest file";
 * - the pods go into a store keyed by namespace/name, so when two files declare the same pod the
 *   one read LAST wins and the other is silently dropped (kubernetes/kubeadm#2823).
 */
import type { KubeletVersion } from './kubelet-version';
import { isReadByFileSource, judgeManifest, type ManifestVerdict } from './manifest-verdict';

export interface DirectoryEntryInput {
  name: string;
  /** What os.Stat (following links) sees; `missing` for a dangling link. */
  type: 'file' | 'directory' | 'missing' | 'other';
  /** True for a symbolic link (the type is its target's). */
  symlink?: boolean;
  /** For a file: its bytes (at most what the kubelet reads), or null when they could not be read. */
  bytes?: Uint8Array | null;
}

export type DirectoryEntryOutcome =
  | {
      name: string;
      outcome: 'ignored';
      reason: 'dot-file';
      /** The pod it would declare if the kubelet read it (a hidden copy of a manifest). */
      wouldDeclare: string | null;
    }
  | {
      name: string;
      outcome: 'pod';
      verdict: Extract<ManifestVerdict, { accepted: true }>;
      won: boolean;
      lostTo: string | null;
    }
  | {
      name: string;
      outcome: 'error';
      message: string;
      verdict?: Extract<ManifestVerdict, { accepted: false }>;
    }
  | { name: string; outcome: 'unread'; reason: string };

export interface DirectoryJudgement {
  /** Entries in the order the kubelet reads them (byte order), ignored ones last. */
  entries: DirectoryEntryOutcome[];
  /** The pods the kubelet runs from this directory: key → the file it comes from. */
  pods: Array<{ key: string; file: string }>;
}

export const DIRECTORY_MESSAGE = 'Provided manifest path is a directory, not recursing into manifest path';
export const NOT_FILE_MESSAGE = 'Manifest path is not a directory or file';
export const STAT_FAILED_MESSAGE = 'Could not get metadata';
export const PROCESS_FAILED_MESSAGE = 'Could not process manifest file';

/** Go's sort.Strings: byte-wise. */
export function kubeletFileOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function judgeDirectory(
  directory: string,
  entries: DirectoryEntryInput[],
  nodeName: string,
  version: KubeletVersion,
): DirectoryJudgement {
  const dir = directory.replace(/\/+$/, '');
  const read = entries
    .filter((e) => isReadByFileSource(e.name))
    .sort((a, b) => kubeletFileOrder(a.name, b.name));
  const ignored = entries.filter((e) => !isReadByFileSource(e.name));
  const outcomes: DirectoryEntryOutcome[] = [];
  const winners = new Map<string, number>();
  for (const entry of read) {
    if (entry.type === 'missing') {
      outcomes.push({ name: entry.name, outcome: 'error', message: STAT_FAILED_MESSAGE });
      continue;
    }
    if (entry.type === 'directory') {
      outcomes.push({ name: entry.name, outcome: 'error', message: DIRECTORY_MESSAGE });
      continue;
    }
    if (entry.type === 'other') {
      outcomes.push({ name: entry.name, outcome: 'error', message: NOT_FILE_MESSAGE });
      continue;
    }
    if (!entry.bytes) {
      outcomes.push({ name: entry.name, outcome: 'unread', reason: 'its content could not be read' });
      continue;
    }
    const verdict = judgeManifest({ bytes: entry.bytes, path: `${dir}/${entry.name}`, nodeName, version });
    if (!verdict.accepted) {
      outcomes.push({ name: entry.name, outcome: 'error', message: PROCESS_FAILED_MESSAGE, verdict });
      continue;
    }
    const previous = winners.get(verdict.pod.key);
    if (previous !== undefined) {
      const loser = outcomes[previous] as Extract<DirectoryEntryOutcome, { outcome: 'pod' }>;
      outcomes[previous] = { ...loser, won: false, lostTo: entry.name };
    }
    winners.set(verdict.pod.key, outcomes.length);
    outcomes.push({ name: entry.name, outcome: 'pod', verdict, won: true, lostTo: null });
  }
  for (const entry of ignored) {
    let wouldDeclare: string | null = null;
    if (entry.type === 'file' && entry.bytes) {
      const verdict = judgeManifest({ bytes: entry.bytes, path: `${dir}/${entry.name}`, nodeName, version });
      if (verdict.accepted) wouldDeclare = verdict.pod.key;
    }
    outcomes.push({ name: entry.name, outcome: 'ignored', reason: 'dot-file', wouldDeclare });
  }
  const pods = [...winners.entries()]
    .map(([key, i]) => ({ key, file: outcomes[i].name }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries: outcomes, pods };
}
