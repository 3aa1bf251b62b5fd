/**
 * Issue 11's second first-contact figure: `kubelet-studio status sandbox` as a user types it,
 * on a fresh data dir: the first run (the Sandbox node boots), then later runs (target ≤ 3 s).
 * Each run is a new CLI process. Stops what it started (`kubelet-studio sandbox stop`, which an
 * older CLI without it answers with a usage error) and removes the data dir.
 * Usage: npx tsx bench/sandbox-status.bench.ts [--runs N] [--bin path/to/bin/kubelet-studio.mjs]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, bin: { type: 'string' } },
});
const runs = Number(values.runs);
const bin = path.resolve(values.bin ?? path.join(import.meta.dirname, '..', 'bin/kubelet-studio.mjs'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-bench-status-'));
const env = { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir, CI: 'true' };

function cli(...args: string[]): { ms: number; code: number | null; stdout: string; stderr: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const loadBefore = os.loadavg()[0]!;
try {
  const first = cli('status', 'sandbox');
  if (first.code !== 0 && first.code !== 1) throw new Error(`status sandbox failed: ${first.stderr}`);
  const later: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = cli('status', 'sandbox');
    if (run.code !== 0 && run.code !== 1) throw new Error(`status sandbox failed: ${run.stderr}`);
    later.push(run.ms);
  }
  console.log(`${bin}\nload average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}\n`);
  console.log('| `kubelet-studio status sandbox` | wall time |');
  console.log('|---|---:|');
  console.log(`| first run (fresh data dir) | ${(first.ms / 1000).toFixed(1)} s |`);
  console.log(`| later runs (median of ${runs}) | ${(median(later) / 1000).toFixed(1)} s |`);
  console.log(
    `| later runs (min–max) | ${(Math.min(...later) / 1000).toFixed(1)}–${(Math.max(...later) / 1000).toFixed(1)} s |`,
  );
} finally {
  const stop = cli('sandbox', 'stop');
  if (stop.code === 0) console.log(`\n${stop.stdout.trim()}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
