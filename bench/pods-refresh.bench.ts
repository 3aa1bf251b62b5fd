/**
 * One full refresh of the Pods view (issue 6): wall time and remote round trips of
 * `pods.snapshot` (crictl pods + ps -a, kubectl get pods + node, the static pod directory with
 * its contents, the last 300 kubelet journal lines; joined, with findings) on a node running 4,
 * 40 and 400 pods, against the plain command `crictl pods; crictl ps -a; kubectl get pods -A`
 * run in one go. Measured on the local Sandbox node (a local transport, not SSH).
 * Run: npm run bench -- pods-refresh   (after node scripts/build.mjs)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCore, SANDBOX_NODE_ID } from '../src-main/core/create-core';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function manifest(i: number): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: bench-${i}, namespace: default}\nspec:\n  hostNetwork: true\n  containers:\n  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}\n`;
}

async function measure(pods: number): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-bench-pods-'));
  const root = path.join(dataDir, 'sandbox-node');
  const core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root, bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  try {
    await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
    const extra = pods - 4; // the four kubeadm control-plane pods are there already
    for (let i = 0; i < extra; i++)
      fs.writeFileSync(path.join(root, 'etc/kubernetes/manifests', `bench-${i}.yaml`), manifest(i));
    const deadline = Date.now() + 180_000;
    for (;;) {
      const s = await core.handlers['pods.snapshot']({ id: SANDBOX_NODE_ID });
      const running = s.pods.filter(
        (p) => p.origin === 'static' && p.apiPod && p.containers.some((c) => c.state === 'running'),
      ).length;
      if (running >= pods || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const app: number[] = [];
    let trips = 0;
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const s = await core.handlers['pods.snapshot']({ id: SANDBOX_NODE_ID });
      app.push(performance.now() - t0);
      trips = s.roundTrips;
      rows = s.pods.length;
    }
    const plain: number[] = [];
    const env = {
      ...process.env,
      KUBELET_SIM_ROOT: root,
      PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}`,
    };
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run('/bin/sh', ['-c', 'crictl pods; crictl ps -a; kubectl get pods -A'], {
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
      plain.push(performance.now() - t0);
    }
    return `| ${pods} (${rows} rows) | ${Math.round(median(app))} ms | ${trips} | ${Math.round(median(plain))} ms | 1 |`;
  } finally {
    await core.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  '| pods on the node | pods.snapshot (median) | round trips | plain crictl pods; crictl ps -a; kubectl get pods -A (median) | round trips |',
);
console.log('|---|---:|---:|---:|---:|');
for (const n of [4, 40, 400]) console.log(await measure(n));
