// Checks every node-side shell script (*.sh) with shellcheck as POSIX sh (`-s sh`): they run
// under dash and busybox sh on nodes. Part of `npm run lint` and of the lint step of npm test.
// Needs the Debian package `shellcheck` (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set([
  'node_modules',
  'out',
  'dist',
  '.git',
  'test-results',
  'playwright-report',
  '.test-nodes',
]);

function shellScripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return shellScripts(full);
    return entry.isFile() && entry.name.endsWith('.sh') ? [full] : [];
  });
}

const files = shellScripts(root)
  .map((f) => path.relative(root, f))
  .sort();
const run = spawnSync('shellcheck', ['-s', 'sh', '--', ...files], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error(
    `shellcheck could not run (${run.error.message}): install it (Debian: apt-get install shellcheck).`,
  );
  process.exit(2);
}
if (run.status === 0) console.log(`shellcheck: ${files.length} scripts clean.`);
process.exit(run.status ?? 1);
