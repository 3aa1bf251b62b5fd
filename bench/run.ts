/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each prints its figures; with
 * `-- --record` each appends them to bench/RESULTS.md). Benchmarks are not part of `npm test`:
 * speed and memory targets are met here, on purpose, not in timed tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const TEXT_IMPORTS = path.join(dir, '../scripts/text-imports.mjs');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const scripts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n━━ ${script} ━━`);
  // tsx for TypeScript; text-imports.mjs for the node-side .sh scripts the code imports as text.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', TEXT_IMPORTS, path.join(dir, script), ...flags],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
