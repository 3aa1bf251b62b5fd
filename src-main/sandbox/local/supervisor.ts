/**
 * The Sandbox node's daemon: what systemd is to a real node's kubelet. It runs the simulated
 * kubelet as its child, starts it again on `systemctl restart kubelet` (sandbox-bin.ts leaves a
 * request file, then stops it; the new kubelet takes over the running pods, docs/kubelet.md
 * §1.7), and stops it on SIGTERM. The kubelet gets a pipe on stdin and dies with the daemon,
 * even a killed one. Run detached, it outlives the app that started it (sandbox-node.ts); run
 * attached (tests), it dies with its parent the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { simPaths } from '../paths';
import { claimDaemonRecord, releaseDaemonRecord } from './daemon-record';
import { restartRequestFile } from './sandbox-bin';

export interface DaemonOptions {
  root: string;
  bundleDir: string;
  buildId: string;
  nodeCommand: string;
  /** The kubelet's argv after the program (`kubelet <argv>`). */
  kubeletArgv: string[];
  /** Exit when stdin closes (the parent went away). */
  attached: boolean;
}

/** Exit status when another live daemon already runs this node. */
export const ALREADY_RUNNING = 3;

export function parseDaemonArgs(argv: readonly string[]): DaemonOptions {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const value = (name: string): string => {
    const hit = own.find((a) => a.startsWith(`--${name}=`));
    if (hit === undefined) throw new Error(`sandbox-daemon: --${name}= is required`);
    return hit.slice(name.length + 3);
  };
  return {
    root: value('root'),
    bundleDir: value('bundle-dir'),
    buildId: value('build-id'),
    nodeCommand: value('node-command'),
    kubeletArgv: split < 0 ? [] : argv.slice(split + 1),
    attached: own.includes('--attached'),
  };
}

export function runSandboxDaemon(options: DaemonOptions): void {
  const paths = simPaths(options.root);
  const holder = claimDaemonRecord(paths, {
    pid: process.pid,
    buildId: options.buildId,
    bundleDir: options.bundleDir,
    nodeCommand: options.nodeCommand,
    startedAt: Date.now(),
  });
  if (holder !== null) {
    process.stderr.write(`sandbox-daemon: the node at ${options.root} already runs (daemon pid ${holder})\n`);
    process.exit(ALREADY_RUNNING);
  }
  // Booting: a state or pid file left from an earlier run is no running runtime.
  fs.rmSync(paths.stateFile, { force: true });
  fs.rmSync(paths.pidFile, { force: true });
  fs.rmSync(restartRequestFile(paths), { force: true });

  let stopping = false;
  const start = (): ChildProcess => {
    const child = spawn(path.join(options.root, 'bin', 'kubelet'), options.kubeletArgv, {
      env: { ...process.env, KUBELET_SIM_EXIT_WITH_STDIN: '1' },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (fs.existsSync(restartRequestFile(paths))) {
        fs.rmSync(restartRequestFile(paths), { force: true });
        kubelet = start();
        return;
      }
      process.stderr.write(`sandbox-daemon: the kubelet stopped (${signal ?? `exit ${code}`})\n`);
      releaseDaemonRecord(paths, process.pid);
      process.exit(1);
    });
    return child;
  };
  let kubelet = start();

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const done = () => {
      releaseDaemonRecord(paths, process.pid);
      process.exit(0);
    };
    if (kubelet.exitCode !== null || kubelet.signalCode !== null) return done();
    kubelet.once('exit', done);
    kubelet.kill('SIGTERM');
    setTimeout(() => kubelet.kill('SIGKILL'), 5000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  if (options.attached) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}
