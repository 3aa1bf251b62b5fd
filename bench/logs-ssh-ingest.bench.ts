/**
 * End-to-end kubelet log ingest over SSH (issue 7): one OpenSSH test node whose journal holds
 * N kubelet lines (filled with the sim rpc journal.emit), read (a) by the app — core →
 * `logs.follow` (no follow, N lines of history) → parsed into the store, until the stream ends —
 * and (b) raw: `ssh node sudo journalctl -u kubelet -o json --no-pager --all -n N >/dev/null`,
 * the same remote command the app runs (docs/kubelet.md §5.2), over OpenSSH's own client.
 * Target: app rate ≥ 0.8 × raw rate. Run: npm run bench -- logs-ssh-ingest
 * (or KS_BENCH_LINES=lines; default 1,000,000, the figure of the acceptance). The simulated
 * journalctl streams its journal (~0.7 GB at a million entries), so any N works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogFollowStatus } from '../src-main/contract/domain/logs';
import { createCore } from '../src-main/core/create-core';
import { PromptBroker } from '../src-main/core/prompt-broker';
import { callSimDaemon } from '../src-main/sandbox/daemon/client';
import { startTestNodes } from '../test/nodes';

const N = Number(
  process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? process.env.KS_BENCH_LINES ?? 1_000_000,
);
const RUNS = 3;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-bench-ingest-'));
const nodes = await startTestNodes({ count: 1 });
const node = nodes.controlPlane;
try {
  const sim = { socketPath: node.hostPath('/run/kubelet-sim/sim.sock') };
  const fillStart = performance.now();
  for (let i = 0; i < N; i += 100_000) {
    const messages = Array.from(
      { length: Math.min(100_000, N - i) },
      (_, k) => `"SyncLoop UPDATE" source="api" pods=["kube-system/etcd-${i + k}"]`,
    );
    await callSimDaemon(sim, 'journal.emit', { messages }, 120_000);
  }
  console.log(
    `filled the node's journal with ${N.toLocaleString()} lines in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
  );

  const home = fs.mkdtempSync(path.join(dir, 'home-'));
  const config = [
    'Host bench',
    '  HostName 127.0.0.1',
    `  Port ${node.port}`,
    '  User ks-admin',
    `  IdentityFile ${nodes.key('ed25519').path}`,
    '  IdentitiesOnly yes',
    '',
  ].join('\n');
  const core = await createCore({
    host: 'cli',
    dataDir: fs.mkdtempSync(path.join(dir, 'core-')),
    prompts: new PromptBroker(async () => ({ accept: false })),
    ssh: {
      sshConfig: { home, text: config },
      knownHosts: { userFiles: [nodes.info.knownHostsPath], systemFiles: [], appFile: path.join(home, 'kh') },
      agent: null,
    },
  });
  const id = (await core.handlers['nodes.add']({ target: 'bench' })).id;
  await core.handlers['nodes.connect']({ id });

  const appRun = () =>
    new Promise<{ ms: number; total: number }>((resolve, reject) => {
      const start = performance.now();
      let last: LogFollowStatus | null = null;
      const stop = core.streams['logs.follow'](
        { id, history: N, follow: false, capacity: 1_000_000 },
        {
          push: (s) => (last = s),
          paused: false,
          onResume: () => {},
          end: (error) => {
            const ms = performance.now() - start;
            stop();
            if (error) reject(error instanceof Error ? error : new Error(String(error)));
            else resolve({ ms, total: last?.total ?? 0 });
          },
        },
      );
    });

  const sshArgs = [
    '-F',
    nodes.info.sshConfigPath,
    'controlplane',
    'sudo',
    '-n',
    'journalctl',
    '-u',
    'kubelet',
    '-o',
    'json',
    '--no-pager',
    '--all',
    '-n',
    String(N),
  ];
  const rawRun = () => {
    const start = performance.now();
    const r = spawnSync('ssh', sshArgs, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`raw ssh failed: ${r.stderr?.toString()}`);
    return performance.now() - start;
  };

  const app: number[] = [];
  const raw: number[] = [];
  const appCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    raw.push(rawRun());
    const cpu = process.cpuUsage();
    const a = await appRun();
    const used = process.cpuUsage(cpu);
    if (a.total < N) throw new Error(`the app stored ${a.total} lines, expected ${N}`);
    app.push(a.ms);
    appCpu.push((used.user + used.system) / 1e6);
  }
  await core.dispose();
  // What the source costs on the node: journalctl's CPU and peak memory (bounded: it streams).
  const timed = spawnSync(
    'ssh',
    [
      ...sshArgs.slice(0, 5),
      '/usr/bin/time',
      '-f',
      "'node journalctl: %U s user, %S s sys, peak RSS %M KB'",
      ...sshArgs.slice(5),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const nodeCost =
    /node journalctl: .*/.exec(timed.stderr?.toString() ?? '')?.[0] ??
    `node journalctl cost not measured (/usr/bin/time: ${timed.stderr?.toString().trim()})`;
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const rate = (ms: number) => N / (ms / 1000);
  console.log(
    `raw ssh journalctl -o json -n ${N}: median ${(median(raw) / 1000).toFixed(2)} s = ${rate(median(raw)).toFixed(0)} lines/s (runs: ${raw.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`,
  );
  console.log(
    `app logs.follow into the store: median ${(median(app) / 1000).toFixed(2)} s = ${rate(median(app)).toFixed(0)} lines/s (runs: ${app.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`,
  );
  console.log(
    `app process CPU (user + sys) per run: ${appCpu.map((x) => x.toFixed(2)).join(', ')} s; ${nodeCost}`,
  );
  console.log(
    `ratio app/raw: ${(median(raw) / median(app)).toFixed(2)} (target ≥ 0.8); run by run (raw then app, back to back): ${raw.map((r, i) => (r / app[i]).toFixed(2)).join(', ')}`,
  );
} finally {
  await nodes.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
