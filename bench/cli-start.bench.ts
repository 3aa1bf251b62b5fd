/**
 * Issue 11's first-contact benchmark: how long `kubelet-studio --version` and `--help` take
 * against a bare `node -e 0` (target: ≤ 3×), each a fresh process as a user's shell starts it.
 * Runs interleaved (one of each per round) so that load changes hit all alike; medians shown.
 * Usage: npx tsx bench/cli-start.bench.ts [--runs N] [--bin path/to/bin/kubelet-studio.mjs]
 * (--bin measures another checkout, e.g. an older commit, built).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, bin: { type: 'string' } },
});
const runs = Number(values.runs);
const bin = path.resolve(values.bin ?? path.join(import.meta.dirname, '..', 'bin/kubelet-studio.mjs'));

function timeOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'kubelet-studio --version', args: [bin, '--version'] },
  { name: 'kubelet-studio --help', args: [bin, '--help'] },
];
const loadBefore = os.loadavg()[0]!;
for (const c of cases) timeOnce(c.args); // warm the file cache
const times = cases.map(() => [] as number[]);
for (let round = 0; round < runs; round++) {
  cases.forEach((c, i) => times[i]!.push(timeOnce(c.args)));
}
const base = median(times[0]!);
console.log(
  `${bin}\n${runs} runs each, load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}\n`,
);
console.log('| command | median | min | × node -e 0 |');
console.log('|---|---:|---:|---:|');
cases.forEach((c, i) => {
  const m = median(times[i]!);
  console.log(
    `| \`${c.name}\` | ${m.toFixed(0)} ms | ${Math.min(...times[i]!).toFixed(0)} ms | ${(m / base).toFixed(2)}× |`,
  );
});
