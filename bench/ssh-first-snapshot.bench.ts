/**
 * Issue 4's benchmark: connect time and remote round trips for a first full node snapshot
 * (connect, discovery, the joined pods view), against plain `ssh` doing the same reads.
 * Runs against a real OpenSSH test node on 127.0.0.1. Usage: npm run bench -- ssh-first-snapshot
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const nodes = await startTestNodes({ count: 1 });
await nodes.controlPlane.waitForApiServer();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-bench-ssh-'));

// Count the exec channels the app opens: each is one remote round trip.
let execs = 0;
const openChannel = Reflect.get(SshConnection.prototype, 'openChannel') as (
  this: SshConnection,
  command: string,
) => Promise<unknown>;
Reflect.set(SshConnection.prototype, 'openChannel', function counted(this: SshConnection, command: string) {
  execs += 1;
  return openChannel.call(this, command);
});

const app = { connect: [] as number[], total: [] as number[], connectTrips: 0, roundTrips: 0 };
for (let run = 0; run < RUNS; run++) {
  const core = await createCore({
    host: 'cli',
    dataDir: fs.mkdtempSync(path.join(work, 'core-')),
    prompts: new PromptBroker(async () => ({ accept: false })),
    ssh: {
      sshConfig: { home: work, text: '' },
      knownHosts: {
        userFiles: [nodes.info.knownHostsPath],
        systemFiles: [],
        appFile: path.join(work, 'known_hosts'),
      },
      agent: null,
    },
  });
  const node = await core.handlers['nodes.add']({ target: `ks-admin@127.0.0.1:${nodes.controlPlane.port}` });
  // The key comes from the target's default identity files: give the test key explicitly.
  fs.mkdirSync(path.join(work, '.ssh'), { recursive: true });
  fs.copyFileSync(nodes.key('ed25519').path, path.join(work, '.ssh', 'id_ed25519'));
  fs.chmodSync(path.join(work, '.ssh', 'id_ed25519'), 0o600);
  execs = 0;
  const started = performance.now();
  await core.handlers['nodes.connect']({ id: node.id });
  const connected = performance.now();
  app.connectTrips = execs;
  await core.handlers['pods.snapshot']({ id: node.id });
  const done = performance.now();
  app.connect.push(connected - started);
  app.total.push(done - started);
  app.roundTrips = execs;
  await core.dispose();
}

const plain: number[] = [];
const sshArgs = [
  '-F',
  nodes.info.sshConfigPath,
  '-o',
  'BatchMode=yes',
  'controlplane',
  'sudo crictl pods -o json; sudo crictl ps -a -o json; sudo kubectl get pods -A -o json --field-selector spec.nodeName=controlplane',
];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  execFileSync('ssh', sshArgs, { stdio: ['ignore', 'ignore', 'ignore'] });
  plain.push(performance.now() - started);
}
await nodes.stop();
fs.rmSync(work, { recursive: true, force: true });

const report = [
  '## First node snapshot over SSH (issue 4)',
  '',
  '- Script: `npm run bench -- ssh-first-snapshot` (one OpenSSH test node on 127.0.0.1, user ks-admin with NOPASSWD sudo, ed25519 key)',
  `- Date: ${new Date().toISOString().slice(0, 10)}; machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)}; median of ${RUNS} runs`,
  '',
  '| | wall time (median) | remote round trips |',
  '|---|---:|---:|',
  `| Kubelet Studio: connect (host key check, auth, privilege detection) | ${median(app.connect).toFixed(0)} ms | ${app.connectTrips} |`,
  `| Kubelet Studio: connect + discovery + joined pods snapshot | ${median(app.total).toFixed(0)} ms | ${app.roundTrips} |`,
  `| plain \`ssh\`: connect + crictl pods + crictl ps -a + kubectl get pods | ${median(plain).toFixed(0)} ms | 1 |`,
  '',
  'The app does more than the plain command: it finds the kubelet and its static pod path and',
  'kubeconfig (discovery, 2 round trips, once per session), checks how root commands run',
  '(`id -u`, `sudo -n true`), and parses and joins the three views. Every later refresh is one',
  'round trip on the already open connection.',
  '',
].join('\n');
console.log(report);
if (process.argv.includes('--record'))
  fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), `\n${report}`);
