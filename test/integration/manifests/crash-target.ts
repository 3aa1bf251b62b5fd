/**
 * Where the crash-consistency suite runs its saves (docs/security.md test 7): a local directory
 * (a smoke run through the local transport) or an SSH test node as ks-sudo with password
 * sudo (the acceptance). Both give the same handle, so crash-consistency.test.ts is one
 * parametrised suite; the checks read the node's files through their host paths, which
 * costs no round trip.
 */
import fs from 'node:fs';
import type { RawSaveResult } from '../../../src-main/node/manifests/manifest-store';
import type { SaveCommandInput } from '../../../src-main/node/manifests/save-command';

export interface CrashDir {
  /** The manifest directory and backup root as the save script sees them. */
  dir: string;
  backupRoot: string;
  /** The same two, as this process sees them. */
  hostDir: string;
  hostBackupRoot: string;
}

export interface CrashTarget {
  label: string;
  trials: number;
  /** A fresh manifest directory for one run of trials (runs go concurrently, one directory each). */
  newDir(tag: string): Promise<CrashDir>;
  /** A fresh hook for one trial: the path the script gets, and where its step-N marker appears here. */
  newHook(step: number): { prefix: string; marker: string };
  /** A save through the target's live session (the "new save afterwards succeeds"). */
  save(dir: CrashDir, name: string, content: string, expectedSha256: string | null): Promise<RawSaveResult>;
  /** Runs the save, and when it pauses at its hook step cuts the connection, then lets the script go on. */
  connectionKilledAt(input: SaveCommandInput, marker: string): Promise<void>;
  /** Runs the save in a separate app process, and when it pauses SIGKILLs that process. */
  appKilledAt(input: SaveCommandInput, marker: string): Promise<void>;
  close(): Promise<void>;
}

/** Polls `check` every 2 ms (an event from another process has no other signal here). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets the paused script go on (script-helpers.ts `step`: it waits while the marker exists). */
export function release(marker: string): void {
  fs.rmSync(marker, { force: true });
}
