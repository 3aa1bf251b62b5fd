/**
 * `rke2 server` on a simulated node: what RKE2 does around its kubelet [src: rancher/rke2
 * `pkg/cli/defaults/defaults.go` (Set: agent/logs 0750, the klog flags added to the kubelet's
 * args), `pkg/executor/staticpod/staticpod.go` (Kubelet: `--volume-plugin-dir`,
 * `--file-check-frequency=5s`, `--sync-frequency=30s` prepended, klog flags extracted, the
 * kubelet run as `kubelet` from the data dir's bin, its stdout and stderr written to the log
 * file, restarted 5 s after it exits with "Kubelet exited: …"; writeFile: manifests rewritten
 * when their content differs, 0644), `pkg/logging/logging.go` (the rotating writer),
 * `bundle/lib/systemd/system/rke2-server.service`] and the k3s agent code it shares
 * (k3s-agent-code.ts): node name, kubelet.conf.d, crictl.yaml, `Running kubelet …`.
 *
 * Its own lines go to the journal under `rke2-server.service` (identifier `rke2`, from
 * ExecStart=/usr/local/bin/rke2); the kubelet's go to agent/logs/kubelet.log only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realClock } from '../engine/clock';
import { KubeletJournal } from '../engine/journal/journal';
import { loadOrCreateIdentity } from '../engine/node/identity';
import { renderDefaultManifests } from '../default-manifests';
import { nodePathToHost, simPaths } from '../paths';
import { SIM_ENV } from '../daemon/sim-env';
import {
  agentNodeName,
  kubeletArgsOf,
  podManifestsDir,
  prepareKubelet,
  readProgramConfig,
  RUNTIME_SOCKET,
} from './k3s-agent-code';
import { RotatingFile } from './rotating-file';

export const RKE2_DATA_DIR = '/var/lib/rancher/rke2';
export const RKE2_VERSION = 'v1.32.2+rke2r1';

/** RKE2's defaults.Set: klog flags for a log file, user kubelet-args after them (they win). */
export const RKE2_LOG_ARGS = (dataDir: string) => [
  'stderrthreshold=FATAL',
  'log-file-max-size=50',
  'alsologtostderr=false',
  'logtostderr=false',
  `log-file=${path.join(dataDir, 'agent/logs/kubelet.log')}`,
];

const KLOG_FLAGS = new Set([
  'add-dir-header',
  'alsologtostderr',
  'log-backtrace-at',
  'log-dir',
  'log-file',
  'log-file-max-size',
  'logtostderr',
  'one-output',
  'skip-headers',
  'skip-log-headers',
  'stderrthreshold',
]);

/** logging.ExtractFromArgs: the klog flags out of the argv (last one wins), the rest kept. */
export function extractLogFlags(args: readonly string[]): {
  args: string[];
  logFile?: string;
  maxSizeMb: number;
} {
  const kept: string[] = [];
  const values = new Map<string, string>();
  for (const arg of args) {
    const [name, ...rest] = arg.replace(/^--/, '').split('=');
    if (name && KLOG_FLAGS.has(name)) values.set(name, rest.join('='));
    else kept.push(arg);
  }
  return {
    args: kept,
    logFile: values.get('log-file') || undefined,
    maxSizeMb: Number(values.get('log-file-max-size') ?? 1800) || 0,
  };
}

export interface Rke2Options {
  /** The kubelet bundle this process runs the kubelet with (the node binary's argv[1]). */
  kubeletBundle: string;
  env: NodeJS.ProcessEnv;
}

export function runRke2Server(opts: Rke2Options): void {
  const paths = simPaths();
  const toHost = (p: string) => nodePathToHost(paths, p);
  const clock = realClock();
  const identity = loadOrCreateIdentity(paths);
  const config = readProgramConfig('rke2', toHost);
  const hostname = os.hostname();
  const journal = new KubeletJournal({
    file: paths.journalFile,
    clock,
    pid: process.pid,
    hostname,
    bootId: identity.bootId,
    verbosity: 0,
    output: {
      kind: 'journal',
      identity: { unit: 'rke2-server.service', identifier: 'rke2', comm: 'rke2', exe: '/usr/local/bin/rke2' },
    },
  });
  journal.logrus('info', `Starting rke2 ${RKE2_VERSION} (b9a1b1fe)`);
  const dataDir = RKE2_DATA_DIR;
  fs.mkdirSync(toHost(path.join(dataDir, 'agent/logs')), { recursive: true, mode: 0o750 });
  const nodeIp = typeof config['node-ip'] === 'string' ? config['node-ip'] : '127.0.0.1';
  const nodeName = agentNodeName(hostname, config, opts.env, toHost);
  writeManifests(toHost(podManifestsDir({ dataDir })), nodeName, nodeIp);
  const args = prepareKubelet({
    program: 'rke2',
    dataDir,
    nodeName,
    nodeIp,
    runtimeSocket: RUNTIME_SOCKET,
    kubeletArgs: [...RKE2_LOG_ARGS(dataDir), ...kubeletArgsOf(config)],
    toHost,
  });
  journal.logrus('info', `Running kubelet ${args.join(' ')}`);
  const prepended = [
    '--volume-plugin-dir=/var/lib/kubelet/volumeplugins',
    '--file-check-frequency=5s',
    '--sync-frequency=30s',
    ...args,
  ];
  const extracted = extractLogFlags(prepended);
  const logFile = extracted.logFile
    ? new RotatingFile({
        file: toHost(extracted.logFile),
        maxSizeMb: extracted.maxSizeMb,
        maxBackups: 3,
        maxAgeDays: 28,
        compress: true,
      })
    : undefined;
  const kubeletEnv: NodeJS.ProcessEnv = {
    ...opts.env,
    [SIM_ENV.role]: 'control-plane',
    [SIM_ENV.journal]: 'stderr',
    [SIM_ENV.firstBoot]: 'none',
    [SIM_ENV.addons]: 'none',
  };
  const kubeletPath = path.join(dataDir, 'bin/kubelet');
  let child: ChildProcess | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  const start = () => {
    child = spawn(toHost(kubeletPath), [opts.kubeletBundle, ...extracted.args], {
      argv0: 'kubelet',
      env: kubeletEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sink = (chunk: Buffer) => logFile?.write(chunk);
    child.stdout?.on('data', sink);
    child.stderr?.on('data', sink);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      journal.logrus(
        'error',
        `Kubelet exited: ${signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`}`,
      );
      restartTimer = setTimeout(start, 5000);
    });
  };
  start();
  const stop = () => {
    stopping = true;
    if (restartTimer) clearTimeout(restartTimer);
    if (!child || child.exitCode !== null || child.signalCode !== null) process.exit(0);
    child.once('exit', () => {
      logFile?.close();
      process.exit(0);
    });
    child.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * The control plane's static pods, rewritten at every start when their content differs (hand
 * edits are reverted), each through a temporary directory one level up and a rename, 0644.
 * The simulation renders kubeadm-shaped manifests (RKE2's own images and certificate paths
 * differ; the file names and the rewrite are RKE2's).
 */
function writeManifests(dir: string, nodeName: string, nodeIp: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
  for (const [name, text] of Object.entries(renderDefaultManifests(nodeName, nodeIp))) {
    const dest = path.join(dir, name);
    try {
      if (fs.readFileSync(dest, 'utf8') === text) continue;
    } catch {
      // not there yet
    }
    const tmpDir = fs.mkdtempSync(path.join(path.dirname(dir), name));
    try {
      const tmp = path.join(tmpDir, name);
      fs.writeFileSync(tmp, text, { mode: 0o644 });
      fs.chmodSync(tmp, 0o644);
      fs.renameSync(tmp, dest);
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  }
}
