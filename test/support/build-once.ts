/**
 * Vitest global setup: the CLI, the sandbox node's programs and the Electron main bundle and
 * preload are run or read as built files by the tests (as users run them), so build them
 * first; esbuild takes well under a second.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'cli', 'sandbox', 'electron'], {
    stdio: 'inherit',
  });
}
