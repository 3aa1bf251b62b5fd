// `npm test`: build, lint (the walls between layers, shellcheck of the node-side scripts), typecheck, unit tests,
// integration tests against real OpenSSH test nodes, and Playwright e2e in Debian's Chromium.
// Every step runs even if an earlier one failed, so one run shows everything; the exit status
// is non-zero if any step failed. The last line sums up the tests: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });

const steps = [
  { name: 'build', cmd: [process.execPath, path.join(root, 'scripts/build.mjs')] },
  {
    name: 'lint',
    cmds: [
      [bin('eslint'), '.'],
      [process.execPath, path.join(root, 'scripts/shellcheck.mjs')],
    ],
  },
  { name: 'format', cmd: [bin('prettier'), '--check', '.'] },
  { name: 'typecheck', cmd: [bin('tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'unit',
    cmd: [
      bin('vitest'),
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/unit.json`,
    ],
    report: { kind: 'vitest', file: `${results}/unit.json` },
  },
  {
    name: 'integration',
    cmd: [
      bin('vitest'),
      'run',
      '--project',
      'integration',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/integration.json`,
    ],
    report: { kind: 'vitest', file: `${results}/integration.json` },
  },
  {
    name: 'e2e',
    cmd: [bin('playwright'), 'test'],
    report: { kind: 'playwright', file: `${results}/e2e-results.json` },
  },
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.report) rmSync(step.report.file, { force: true });
  console.log(`\n━━ ${step.name} ━━`);
  // A step is one command or several (all run; the step fails if any does).
  const statuses = (step.cmds ?? [step.cmd]).map(
    (cmd) =>
      spawnSync(cmd[0], cmd.slice(1), {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, FORCE_COLOR: '0' },
      }).status,
  );
  if (statuses.some((status) => status !== 0)) failedSteps.push(step.name);
  if (step.report) {
    const counts = readCounts(step.report);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (!counts.found && statuses.every((status) => status === 0))
      failedSteps.push(`${step.name} (no report)`);
  }
}

function readCounts({ kind, file }) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0, found: false };
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests,
      skipped: data.numPendingTests + data.numTodoTests,
      found: true,
    };
  }
  const s = data.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped, found: true };
}

console.log('');
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
