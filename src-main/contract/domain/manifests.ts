/**
 * The static pod manifest directory as the kubelet sees it (docs/kubelet.md §1.2–§1.6), one
 * manifest file with its identity (sha256, owner, mode), and the results of the crash-safe
 * save (docs/security.md "Writing a manifest", docs/kubelet.md §7).
 */
import type { AssumedKubeletVersion } from './boot-check';
import type { StaticPodPathSource } from './discovery';

/** What the kubelet's file source makes of one directory entry (docs/kubelet.md §1.2, §1.3). */
export type ManifestVerdict =
  /** Parsed into a pod. `winner` is false when a file sorting later declares the same pod (§1.6). */
  | {
      kind: 'pod';
      podName: string;
      namespace: string;
      metadataName: string;
      winner: boolean;
      shadowedBy: string | null;
      /** Which kubelet the verdict speaks for: "as kubelet v1.32.2 judges it", or that it is unknown. */
      judgedAs: string;
    }
  /** "Could not process manifest file": the kubelet's own error text (§1.3 table). */
  | { kind: 'error'; error: string; judgedAs: string }
  /** Names starting with `.` are skipped (§1.2). */
  | { kind: 'ignored-dot' }
  /** "Provided manifest path is a directory, not recursing into manifest path" (§1.2). */
  | { kind: 'directory' }
  /** "Manifest path is not a directory or file" (socket, fifo, device, dangling symlink). */
  | { kind: 'not-regular'; detail: string };

export interface ManifestEntry {
  name: string;
  /** Absolute path on the node. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  /** Where a symlink points (the kubelet follows it, §1.2 os.Stat). */
  symlinkTarget: string | null;
  size: number;
  owner: string;
  group: string;
  /** Permission bits as octal text, e.g. "0600". */
  mode: string;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** sha256 of the file content (regular files read in full), else null. */
  sha256: string | null;
  verdict: ManifestVerdict;
  /** One sentence for people: "yields pod kube-system/etcd-controlplane". */
  explanation: string;
}

export type ManifestFindingKind =
  | 'static-pods-off'
  | 'no-static-pod-path'
  | 'missing-directory'
  | 'backup-copy'
  | 'duplicate-pod'
  | 'non-pod-kind'
  | 'multi-document'
  | 'too-large'
  | 'parse-error'
  | 'directory-entry'
  | 'not-regular';

/** A dangerous or surprising case in the directory, in plain words with its evidence. */
export interface ManifestFinding {
  kind: ManifestFindingKind;
  severity: 'danger' | 'warning' | 'info';
  /** The entries concerned, by name. */
  files: string[];
  message: string;
}

export interface ManifestDirectory {
  nodeName: string;
  /** The static pod path, or null when discovery found none / static pods are off. */
  path: string | null;
  source: StaticPodPathSource;
  sourceExplanation: string;
  staticPodsDisabled: boolean;
  /** False when the path does not exist ("no static pods", not fatal, §1.1). */
  exists: boolean;
  /** staticPodPath may name a single file (§1.2 point 4). */
  isSingleFile: boolean;
  /** Every entry, dot-files included, in the kubelet's byte sort order. */
  entries: ManifestEntry[];
  findings: ManifestFinding[];
  listedAt: number;
  /** The kubelet version the verdicts assume, where it came from, and what was read to know it. */
  kubeletVersion: AssumedKubeletVersion & { evidence: string };
}

export interface ManifestFile {
  name: string;
  path: string;
  /** UTF-8 text (lossy when `binary` is true: do not edit and save such a file as text). */
  content: string;
  binary: boolean;
  sha256: string;
  size: number;
  owner: string;
  group: string;
  mode: string;
  mtime: number;
}

/** A problem found by the static-pod rules (manifest-rules) or by the save's input checks. */
export interface ManifestProblem {
  /** 'error' refuses a save unless confirmed; 'warning' is shown only. */
  severity: 'error' | 'warning';
  code:
    | 'yaml-syntax'
    | 'empty'
    | 'not-pod'
    | 'multi-document'
    | 'missing-name'
    | 'invalid-name'
    | 'missing-containers'
    | 'container'
    | 'volume-mount'
    | 'api-reference'
    | 'too-large'
    | 'binary'
    | 'field-type';
  message: string;
  /** 1-based line and column in the content, when the problem belongs to a place. */
  line: number | null;
  column: number | null;
}

export type ManifestSaveResult =
  | {
      status: 'saved';
      name: string;
      path: string;
      sha256: string;
      /** The sha256 the file had before, null for a new file. */
      previousSha256: string | null;
      /** The copy of the old file outside the directory, null for a new file. */
      backupPath: string | null;
      owner: string;
      group: string;
      mode: string;
      /**
       * The node's clock (ms since the epoch) right before the rename; null when the node's
       * `date` cannot say. Kubelet lines stamped earlier are about an older content of the file.
       */
      renamedAfterNodeMs?: number | null;
      created: boolean;
      /** Problems the save went through with (confirmed, or warnings). */
      problems: ManifestProblem[];
    }
  | {
      status: 'conflict';
      name: string;
      /** The content the save wanted to write. */
      mine: string;
      /** What is on the node now (null: the file was deleted meanwhile). */
      theirs: string | null;
      theirsSha256: string | null;
      /** What the user opened (null when the app no longer knows it). */
      original: string | null;
      message: string;
    }
  | { status: 'refused'; name: string; problems: ManifestProblem[]; message: string };

export type ManifestDeleteResult =
  | { status: 'deleted'; name: string; backupPath: string }
  | { status: 'conflict'; name: string; theirsSha256: string | null; message: string };

export interface ManifestBackup {
  /** Absolute path on the node: `<tmp>/kubelet-studio-backup-<stamp>/<name>`. */
  path: string;
  /** 'backup': the version a save or delete replaced; 'rolled-back': the version a rollback removed. */
  kind: 'backup' | 'rolled-back';
  /** When the backup was taken (from its directory's UTC timestamp), ms since the epoch. */
  takenAt: number;
  size: number;
  sha256: string;
}

export interface ManifestHistory {
  name: string;
  /** Where backups live: `<dirname(staticPodPath)>/tmp`. */
  backupRoot: string;
  /** Newest first. */
  backups: ManifestBackup[];
}

export interface ManifestBackupContent {
  path: string;
  content: string;
  binary: boolean;
  sha256: string;
  size: number;
}

export type ManifestRollbackResult =
  | {
      status: 'rolled-back';
      name: string;
      /** The backup that was renamed into place (it no longer exists at this path). */
      restoredFrom: string;
      sha256: string;
      /** Where the version that was replaced was kept, null if there was none. */
      replacedKeptAt: string | null;
    }
  | { status: 'no-backup'; name: string; message: string }
  | { status: 'conflict'; name: string; theirsSha256: string | null; message: string };

export interface ManifestValidation {
  problems: ManifestProblem[];
  /** The pod the kubelet would make of it (name before the node suffix), if it parses. */
  pod: { metadataName: string; namespace: string } | null;
}
