/**
 * The crash-safe save of one manifest, in one round trip (docs/security.md "Writing a manifest",
 * docs/kubelet.md §7, the way kubeadm upgrades a static pod):
 *
 *   1 stage the new content (from stdin) in `<tmp>/kubelet-studio-XXXXXXXXXX/` (0700), outside
 *     the manifest directory, and check its sha256 (a cut connection leaves a short file);
 *   2 check the current file is the one the user opened (sha256), read its owner and mode;
 *   3 copy it (cp -p) to `<tmp>/kubelet-studio-backup-<UTC stamp>/<name>` (kept);
 *   4 give the staged file the old owner and mode (new files root:root 0600, as kubeadm);
 *   5 re-check the sha256 right before the rename: a foreign edit aborts the save and stays;
 *   6 ONE rename(2) into place (`mv` on the same filesystem; a new file never clobbers one
 *     created meanwhile: `mv -n`, renameat2 RENAME_NOREPLACE in coreutils 9);
 *   7 verify the sha256 in place;  8 remove the staging directory.
 *
 * Nothing is ever created or written inside the manifest directory except by that rename: the
 * kubelet re-reads a file on every write event and loads every non-dot name (§1.2, §1.7).
 * The content comes on stdin; sudo never shares stdin with its password (ssh/sudo.ts). The
 * script is save-manifest.sh.
 */
import { createHash } from 'node:crypto';
import type { NodeCommand } from '../session/node-command';
import SAVE_SCRIPT from './save-manifest.sh';
import { SCRIPT_HELPERS } from './script-helpers';

/** The steps a test can pause at (see script-helpers.ts `step`). */
export const SAVE_STEPS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface SaveCommandInput {
  manifestDir: string;
  name: string;
  content: Buffer;
  expectedSha256: string | null;
  backupRoot: string;
  /** Test only: pause at the start of this step, creating `<hookPrefix>.<step>`. */
  hook?: { prefix: string; step: number };
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function saveManifestCommand(input: SaveCommandInput): NodeCommand {
  return {
    purpose: `save ${input.name}`,
    // No batch prologue: the save runs no `sec` and needs no scratch directory (two forks fewer).
    argv: [
      '/bin/sh',
      '-c',
      `${SCRIPT_HELPERS}\n${SAVE_SCRIPT}`,
      'kubelet-studio',
      input.manifestDir,
      input.name,
      input.expectedSha256 ?? '',
      sha256Hex(input.content),
      input.backupRoot,
      input.hook?.prefix ?? '',
      String(input.hook?.step ?? ''),
    ],
    privileged: true,
    stdin: input.content,
    timeoutMs: 60_000,
  };
}
