/**
 * Operations of the manifests pane: the static pod directory as the kubelet sees it, reading
 * a manifest, the crash-safe save (docs/security.md "Writing a manifest"), delete into the backup
 * area, history, restore and rollback, and the static-pod rules for the editor.
 */
import { z } from 'zod';
import type { ApplyWatchEvent } from '../domain/manifest-watch';
import type {
  ManifestBackupContent,
  ManifestDeleteResult,
  ManifestDirectory,
  ManifestFile,
  ManifestHistory,
  ManifestRollbackResult,
  ManifestSaveResult,
  ManifestValidation,
} from '../domain/manifests';
import { MAX_MANIFEST_BYTES, utf8String } from '../limits';
import { NodeId } from '../nodes';
import { OnNode, type OperationSpec, type StreamSpec } from '../operation-spec';

/** A file name inside the manifest directory: one path component, never `.` or `..`. */
export const ManifestName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..', {
    message: 'a manifest name is one file name inside the manifest directory (no "/", not "." or "..")',
  });

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 as 64 lowercase hex digits');
const Content = utf8String(MAX_MANIFEST_BYTES, 'The manifest');
const BackupPath = z.string().min(1).max(4096).startsWith('/');

export const manifestsOperations = {
  'manifests.list': {
    input: OnNode,
    output: z.custom<ManifestDirectory>(),
    summary:
      'The static pod directory as the kubelet sees it: every entry, the pod it yields or its error, and the dangerous cases.',
  },
  'manifests.read': {
    input: z.object({ id: NodeId, name: ManifestName }).strict(),
    output: z.custom<ManifestFile>(),
    summary: 'One manifest with its sha256, owner, group and mode.',
  },
  'manifests.validate': {
    input: z.object({ name: ManifestName.optional(), content: Content }).strict(),
    output: z.custom<ManifestValidation>(),
    summary: "The kubelet's static-pod rules on a manifest text, with line numbers.",
  },
  'manifests.save': {
    input: z
      .object({
        id: NodeId,
        name: ManifestName,
        content: Content,
        /** The sha256 the file had when opened; null for a new file. */
        expectedSha256: Sha256.nullable(),
        /** Save even though the content breaks the kubelet's rules. */
        confirmRisky: z.boolean().optional(),
      })
      .strict(),
    output: z.custom<ManifestSaveResult>(),
    summary:
      'Crash-safe save: staged outside the directory, old file backed up, sha256 re-checked, one rename.',
  },
  'manifests.delete': {
    input: z.object({ id: NodeId, name: ManifestName, expectedSha256: Sha256 }).strict(),
    output: z.custom<ManifestDeleteResult>(),
    summary: 'Move a manifest out of the directory into the backup area (the kubelet stops its pod).',
  },
  'manifests.history': {
    input: z.object({ id: NodeId, name: ManifestName }).strict(),
    output: z.custom<ManifestHistory>(),
    summary: 'The backups of one manifest, newest first, with time, size and sha256.',
  },
  'manifests.readBackup': {
    input: z.object({ id: NodeId, path: BackupPath }).strict(),
    output: z.custom<ManifestBackupContent>(),
    summary: 'The content of one backup (only paths inside the backup area).',
  },
  'manifests.restore': {
    input: z
      .object({ id: NodeId, name: ManifestName, backupPath: BackupPath, expectedSha256: Sha256.nullable() })
      .strict(),
    output: z.custom<ManifestSaveResult>(),
    summary: 'Put a backup back through the same crash-safe save (the current file is backed up in turn).',
  },
  'manifests.rollback': {
    input: z
      .object({ id: NodeId, name: ManifestName, expectedSha256: Sha256.nullable().optional() })
      .strict(),
    output: z.custom<ManifestRollbackResult>(),
    summary: 'Rename the newest backup back into place, as kubeadm rolls back (the replaced file is kept).',
  },
} as const satisfies Record<string, OperationSpec>;

export const manifestsStreams = {
  'manifests.watch': {
    args: z
      .object({
        id: NodeId,
        name: ManifestName,
        /** `metadata.name` and namespace of the saved pod (manifests.validate gives them). */
        podMetadataName: z.string().min(1).max(253),
        namespace: z.string().min(1).max(63).default('default'),
        /** The pod's static UID before the save (pods.snapshot), null for a new manifest. */
        previousUid: z
          .string()
          .regex(/^[0-9a-f-]{32,36}$/)
          .nullable(),
        /** When the save returned (ms since the epoch): the kubelet's journal is read from then. */
        savedAt: z.number().int().nonnegative(),
        timeoutSeconds: z.number().int().min(5).max(600).default(120),
        /** Rename the backup back into place when the verdict is not "running" (as kubeadm does). */
        rollbackOnFailure: z.boolean().default(false),
        /** The sha256 the save wrote: a rollback refuses to replace a file changed since. */
        savedSha256: Sha256.nullable().default(null),
      })
      .strict(),
    event: z.custom<ApplyWatchEvent>(),
    summary:
      'After a save: what the kubelet does with the pod, its log lines, a verdict; rollback on failure.',
  },
} as const satisfies Record<string, StreamSpec>;
