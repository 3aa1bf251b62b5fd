/**
 * One full refresh of the Pods view over SSH (issue 6 acceptance): wall time and remote round
 * trips of `pods.snapshot` on an already open connection to an OpenSSH test node (ks-admin,
 * NOPASSWD sudo) running 4, 40 and 400 pods, against plain `ssh` running `crictl pods`,
 * `crictl ps -a` and `kubectl get pods` in one go, both with a new connection per run (as a
 * user types it) and over a warm ControlMaster connection (the fair comparison with the app's
 * open connection). Round trips of the app are counted as the exec channels it opens.
 * Run: npm run bench -- pods-refresh-ssh   (after node scripts/build.mjs)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src-main/core/create-core';
import { PromptBroker } from '../src-main/core/prompt-broker';
import { SshConnection } from '../src-main/ssh/connection';
import { startTestNodes } from '../test/nodes';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const PLAIN = 'sudo crictl pods; sudo crictl ps -a; sudo kubectl get pods -A';

let execs = 0;
const openChannel = Reflect.get(SshConnection.prototype, 'openChannel') as (
  this: SshConnection,
  command: string,
) => Promise<unknown>;
Reflect.set(SshConnection.prototype, 'openChannel', function counted(this: SshConnection, command: string) {
  execs += 1;
  return openChannel.call(this, command);
});

function manifest(i: number): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: bench-${i}, namespace: default}\nspec:\n  hostNetwork: true\n  containers:\n  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}\n`;
}

async function measure(pods: number): Promise<string> {
  const nodes = await startTestNodes({ count: 1 });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-bench-pods-ssh-'));
  const control = path.join(work, 'cm');
  try {
    const node = nodes.controlPlane;
    await node.waitForApiServer();
    const config = [
      'Host bench-cp',
      '  HostName 127.0.0.1',
      `  Port ${node.port}`,
      '  User ks-admin',
      `  IdentityFile ${nodes.key('ed25519').path}`,
      '  IdentitiesOnly yes',
      '',
    ];
    const core = await createCore({
      host: 'cli',
      dataDir: fs.mkdtempSync(path.join(work, 'core-')),
      prompts: new PromptBroker(async () => ({ accept: false })),
      ssh: {
        sshConfig: { home: work, text: config.join('\n') },
        knownHosts: {
          userFiles: [nodes.info.knownHostsPath],
          systemFiles: [],
          appFile: path.join(work, 'known_hosts'),
        },
        agent: null,
      },
    });
    try {
      const id = (await core.handlers['nodes.add']({ target: 'bench-cp' })).id;
      await core.handlers['nodes.connect']({ id });
      for (let i = 0; i < pods - 4; i++)
        fs.writeFileSync(node.hostPath(`/etc/kubernetes/manifests/bench-${i}.yaml`), manifest(i));
      const deadline = Date.now() + 240_000;
      let rows = 0;
      for (;;) {
        const s = await core.handlers['pods.snapshot']({ id });
        rows = s.pods.length;
        const running = s.pods.filter(
          (p) => p.origin === 'static' && p.apiPod && p.containers.some((c) => c.state === 'running'),
        ).length;
        if (running >= pods || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const app: number[] = [];
      let trips = 0;
      for (let i = 0; i < RUNS; i++) {
        execs = 0;
        const t0 = performance.now();
        const s = await core.handlers['pods.snapshot']({ id });
        app.push(performance.now() - t0);
        trips = Math.max(trips, execs);
        rows = s.pods.length;
      }
      const base = ['-F', nodes.info.sshConfigPath, '-o', 'BatchMode=yes'];
      const ssh = (extra: string[]) => {
        const t0 = performance.now();
        execFileSync('ssh', [...base, ...extra, 'controlplane', PLAIN], {
          stdio: ['ignore', 'ignore', 'ignore'],
          maxBuffer: 64 * 1024 * 1024,
        });
        return performance.now() - t0;
      };
      const fresh = Array.from({ length: RUNS }, () => ssh([]));
      const master = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=60'];
      ssh(master); // opens the master connection
      const warm = Array.from({ length: RUNS }, () => ssh(master));
      execFileSync('ssh', [...base, '-o', `ControlPath=${control}`, '-O', 'exit', 'controlplane'], {
        stdio: 'ignore',
      });
      const ms = (x: number) => `${Math.round(x)} ms`;
      return `| ${pods} (${rows} rows) | ${ms(median(app))} | ${trips} | ${ms(median(fresh))} | ${ms(median(warm))} | 1 |`;
    } finally {
      await core.dispose();
    }
  } finally {
    await nodes.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

console.log(
  `load average ${os.loadavg()[0]?.toFixed(1)}, ${os.cpus().length} cores, Node ${process.version}, median of ${RUNS} runs`,
);
console.log(
  '| pods on the node | pods.snapshot over the open connection (median) | round trips | plain `ssh` (new connection) | plain `ssh` (warm ControlMaster) | round trips |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const n of [4, 40, 400]) console.log(await measure(n));
console.log(`load average after: ${os.loadavg()[0]?.toFixed(1)}`);
