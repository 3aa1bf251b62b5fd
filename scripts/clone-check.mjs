// The repository stands on its own wherever it is cloned: clones the committed HEAD into a
// fresh directory under the temp dir and one under $HOME (directories the test nodes replace
// with their own, where most people clone), with nothing beside it, installs from the npm
// cache, and runs the unit suite and one SSH integration test there. Run by .ci/run after
// `npm test`. `node scripts/clone-check.mjs [--commit REV] [tmp|home]…`: another commit, or
// some of the locations only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A user's path over SSH, with a test node, through the CLI (as in the README). */
const SSH_TEST = 'test/integration/pods/cli-status-ssh.test.ts';
const LOCATIONS = { tmp: os.tmpdir(), home: os.homedir() };

function run(cmd, args, cwd, env = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  const seconds = (Date.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} in ${cwd} failed (exit ${result.status ?? result.signal})`);
  }
  return seconds;
}

function output(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${[cmd, ...args].join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** A parent directory of its own, so that nothing (no sibling directory, no other checkout) is beside the clone. */
function freshParent(base) {
  return mkdtempSync(path.join(base, 'ks-clone-'));
}

function checkAt(name, base, commit) {
  const parent = freshParent(base);
  const clone = path.join(parent, 'kubelet-studio');
  const times = {};
  try {
    console.log(`\n━━ clone into ${clone} (${name}) ━━`);
    const t = Date.now();
    run('git', ['init', '--quiet', clone], parent);
    // Only the commit itself (file:// so that --depth applies): what a fresh clone of it has.
    run('git', ['fetch', '--quiet', '--depth=1', `file://${root}`, commit], clone);
    run('git', ['checkout', '--quiet', '--detach', 'FETCH_HEAD'], clone);
    times.clone = (Date.now() - t) / 1000;
    // From the npm cache the main install just filled; the network only for what is missing.
    times.install = run(
      'npm',
      ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      clone,
      { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    );
    const vitest = path.join(clone, 'node_modules/.bin/vitest');
    times.unit = run(vitest, ['run', '--project', 'unit'], clone);
    times.ssh = run(vitest, ['run', SSH_TEST], clone);
    return { name, clone, ok: true, times };
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return { name, clone, ok: false, times };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const { values, positionals: wanted } = parseArgs({
  allowPositionals: true,
  options: { commit: { type: 'string', default: 'HEAD' } },
});
for (const w of wanted) if (!(w in LOCATIONS)) throw new Error(`unknown location ${w} (tmp, home)`);
const commit = output('git', ['rev-parse', '--verify', `${values.commit}^{commit}`], root);
const status = output('git', ['status', '--porcelain', '--untracked-files=no'], root);
if (status) console.log(`Note: uncommitted changes are not part of the check (it clones ${commit}).`);

const results = Object.entries(LOCATIONS)
  .filter(([name]) => wanted.length === 0 || wanted.includes(name))
  .map(([name, base]) => checkAt(name, base, commit));

console.log('');
for (const r of results) {
  const times = Object.entries(r.times)
    .map(([step, s]) => `${step} ${s.toFixed(0)} s`)
    .join(', ');
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.clone} (${times})`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
