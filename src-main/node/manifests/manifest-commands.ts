/**
 * Named commands on the manifest directory and its backup area, each one fixed script (a .sh
 * file beside this one, after manifest-helpers.sh) run in one round trip
 * (node/batch/batch-script.ts; parameters arrive as "$1"…, never pasted in).
 * Listings are NUL-delimited (`find -printf … \0`) and paths follow `--` (docs/security.md
 * "Commands on a node"). Everything runs as root: kubeadm's manifests are 0600 root
 * (docs/kubelet.md §6). The save itself is in save-command.ts.
 */
import { MAX_MANIFEST_BYTES } from '../../kubelet/manifest-decode';
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';
import DELETE_SCRIPT from './delete-manifest.sh';
import LIST_SCRIPT from './list-manifests.sh';
import HISTORY_SCRIPT from './manifest-history.sh';
import READ_SCRIPT from './read-manifest.sh';
import ROLLBACK_SCRIPT from './rollback-manifest.sh';
import { SCRIPT_HELPERS } from './script-helpers';
import WRITE_PROLOGUE from './write-prologue.sh';

/** The kubelet reads at most 10 MiB (docs/kubelet.md §1.3): read one byte more to know a file is over. */
const READ_BYTES = String(MAX_MANIFEST_BYTES + 1);

/** find's fields per entry: name, type, type following symlinks, size, owner, group, mode, mtime, link target. */
export const FIND_FORMAT = '%f\\0%y\\0%Y\\0%s\\0%u\\0%g\\0%m\\0%T@\\0%l\\0';

export function listManifestsCommand(staticPodPath: string): NodeCommand {
  return {
    purpose: 'list the static pod manifest directory',
    argv: batchArgv([SCRIPT_HELPERS, LIST_SCRIPT], [staticPodPath, READ_BYTES, FIND_FORMAT]),
    privileged: true,
    timeoutMs: 30_000,
  };
}

export function readFileCommand(path: string, purpose: string): NodeCommand {
  return {
    purpose,
    argv: batchArgv([SCRIPT_HELPERS, READ_SCRIPT], [path, String(12 * 1024 * 1024 + 1)]),
    privileged: true,
  };
}

export function manifestHistoryCommand(backupRoot: string, name: string): NodeCommand {
  return {
    purpose: `list the backups of ${name}`,
    argv: batchArgv([SCRIPT_HELPERS, HISTORY_SCRIPT], [backupRoot, name]),
    privileged: true,
  };
}

/** Delete = one rename out of the directory into a backup directory (delete-manifest.sh). */
export function deleteManifestCommand(
  dir: string,
  name: string,
  expectedSha256: string,
  backupRoot: string,
): NodeCommand {
  return {
    purpose: `delete ${name}`,
    argv: batchArgv([SCRIPT_HELPERS, WRITE_PROLOGUE, DELETE_SCRIPT], [dir, name, expectedSha256, backupRoot]),
    privileged: true,
  };
}

/** Rollback = the backup renamed back into place, the replaced version kept (rollback-manifest.sh). */
export function rollbackManifestCommand(
  dir: string,
  name: string,
  expectedSha256: string | null,
  backupRoot: string,
  backupPath: string,
): NodeCommand {
  return {
    purpose: `roll back ${name}`,
    argv: batchArgv(
      [SCRIPT_HELPERS, WRITE_PROLOGUE, ROLLBACK_SCRIPT],
      [dir, name, expectedSha256 ?? '', backupRoot, backupPath],
    ),
    privileged: true,
  };
}
