/**
 * Vitest global setup: the CLI and the sandbox node's programs are run as built files by the
 * tests (as users run them), so build them first; esbuild takes well under a second.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'cli', 'sandbox'], {
    stdio: 'inherit',
  });
}
