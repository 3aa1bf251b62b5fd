/**
 * The entry points as the build bundles them (esbuild → CommonJS .cjs) and as they run on a
 * node: real processes, real signals, a real pipe on stdout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeState, simRoot } from './sim-fixture';
import { appendJournal, journalEntry, range, writeJournal } from './journal-fixture';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-sim-bin-'));
const bin = (name: string) => path.join(outDir, `${name}.cjs`);
const started: Array<ReturnType<typeof spawn>> = [];

beforeAll(async () => {
  const srcDir = path.resolve(__dirname, '../../../../src-main/sandbox/bin');
  await build({
    entryPoints: ['crictl', 'kubectl', 'journalctl'].map((n) => path.join(srcDir, `${n}.ts`)),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'silent',
  });
}, 30_000);

afterAll(() => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  fs.rmSync(outDir, { recursive: true, force: true });
});

function start(name: string, args: string[], root: string) {
  const p = spawn(process.execPath, [bin(name), ...args], {
    env: { ...process.env, KUBELET_SIM_ROOT: root, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(p);
  let out = '';
  p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  p.stdout.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    p.on('exit', (code, signal) => r({ code, signal })),
  );
  return { p, out: () => out, exited };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe('bundled entry points', () => {
  it('crictl and kubectl run and exit with the command status', async () => {
    const root = simRoot(nodeState({ apiServerUp: false, nodeIp: '172.30.1.2' }));
    const k = start('kubectl', ['get', 'pods'], root);
    expect(await k.exited).toEqual({ code: 1, signal: null });
    const c = start('crictl', ['pods', '-q'], root);
    expect(await c.exited).toEqual({ code: 0, signal: null });
  });

  for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
    it(`journalctl -f exits promptly on ${sig}`, async () => {
      const root = simRoot();
      writeJournal(root, range(0, 3));
      const j = start('journalctl', ['-u', 'kubelet', '-f', '-o', 'cat'], root);
      expect(await until(() => j.out().split('\n').length > 3)).toBe(true);
      appendJournal(root, [journalEntry(3)]);
      expect(await until(() => j.out().includes(journalEntry(3).MESSAGE))).toBe(true);
      j.p.kill(sig);
      expect(await within(j.exited, 1000)).not.toBe('timeout');
    });
  }

  it('journalctl -f exits once its stdout is closed and a new entry is written (EPIPE)', async () => {
    const root = simRoot();
    writeJournal(root, range(0, 3));
    const j = start('journalctl', ['-f'], root);
    expect(await until(() => j.out().length > 0)).toBe(true);
    j.p.stdout?.destroy();
    appendJournal(root, range(3, 6));
    expect(await within(j.exited, 2000)).not.toBe('timeout');
  });
});
