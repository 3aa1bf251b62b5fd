import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensurePrivateRoot,
  runningDaemon,
  stopRecordedDaemon,
} from '../../../src-main/sandbox/local/daemon-client';
import {
  claimDaemonRecord,
  daemonRecordFile,
  DAEMON_PROGRAM,
  daemonBuildId,
  isDaemonOf,
  readDaemonRecord,
} from '../../../src-main/sandbox/local/daemon-record';
import { simPaths } from '../../../src-main/sandbox/paths';

// The data dir records the Sandbox node's daemon by pid. A record outlives its daemon (a crash,
// a reboot, a killed app), and its pid can name another process by then: what the record names
// is reused or stopped only when that pid's command line is this root's daemon.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-daemon-record-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  fs.rmSync(base, { recursive: true, force: true });
});

/** A long-lived process with the given argv after `node -e`, standing in for a daemon's command line. */
async function processWith(...argv: string[]): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...argv], { stdio: 'ignore' });
  started.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

function record(paths: ReturnType<typeof simPaths>, pid: number) {
  fs.mkdirSync(path.dirname(daemonRecordFile(paths)), { recursive: true });
  const value = { pid, buildId: 'b', bundleDir: '/b', nodeCommand: 'node', startedAt: 1 };
  fs.writeFileSync(daemonRecordFile(paths), JSON.stringify(value));
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

describe('the Sandbox node daemon record', () => {
  it('a record naming a process that is not the daemon is stale: not reused, not stopped, replaced', async () => {
    const paths = simPaths(path.join(base, 'stale'));
    const other = await processWith('unrelated');
    record(paths, other);
    expect(isDaemonOf(other, paths)).toBe(false);
    expect(runningDaemon(paths)).toBeNull();
    expect(await stopRecordedDaemon(paths)).toBeNull();
    expect(alive(other)).toBe(true);
    // A daemon starting now takes the record over.
    expect(
      claimDaemonRecord(paths, {
        pid: 424242,
        buildId: 'n',
        bundleDir: '/n',
        nodeCommand: 'node',
        startedAt: 2,
      }),
    ).toBeNull();
    expect(readDaemonRecord(paths)?.pid).toBe(424242);
  });

  it("a daemon of another root, even one whose path starts with this root's, is not this node's", async () => {
    const paths = simPaths(path.join(base, 'node'));
    const neighbour = await processWith(DAEMON_PROGRAM, `--root=${paths.root}-2`);
    record(paths, neighbour);
    expect(runningDaemon(paths)).toBeNull();
    expect(await stopRecordedDaemon(paths)).toBeNull();
    expect(alive(neighbour)).toBe(true);
  });

  it('a live daemon of this root holds the record: a second one is refused, and stop ends it by pid', async () => {
    const paths = simPaths(path.join(base, 'live'));
    const daemon = await processWith(DAEMON_PROGRAM, `--root=${paths.root}`);
    record(paths, daemon);
    expect(runningDaemon(paths)?.pid).toBe(daemon);
    expect(
      claimDaemonRecord(paths, {
        pid: 424243,
        buildId: 'n',
        bundleDir: '/n',
        nodeCommand: 'node',
        startedAt: 2,
      }),
    ).toBe(daemon);
    expect((await stopRecordedDaemon(paths))?.pid).toBe(daemon);
    expect(isDaemonOf(daemon, paths)).toBe(false);
  });

  it("the node's root is made owner-only (0700), even when it exists wider", () => {
    const paths = simPaths(path.join(base, 'wide'));
    fs.mkdirSync(paths.root, { mode: 0o755 });
    fs.chmodSync(paths.root, 0o755);
    ensurePrivateRoot(paths);
    expect(fs.statSync(paths.root).mode & 0o777).toBe(0o700);
    const fresh = simPaths(path.join(base, 'fresh', 'sandbox-node'));
    ensurePrivateRoot(fresh);
    expect(fs.statSync(fresh.root).mode & 0o777).toBe(0o700);
  });

  it("the build id changes with the programs, the app's version and the simulation's settings, not with per-process ones", () => {
    const bundleDir = path.join(base, 'bundle');
    fs.mkdirSync(bundleDir);
    fs.writeFileSync(path.join(bundleDir, 'kubelet.cjs'), 'one');
    const id = daemonBuildId('1.0.0', bundleDir, { KUBELET_SIM_ROOT: '/a', PATH: '/bin' });
    expect(
      daemonBuildId('1.0.0', bundleDir, { KUBELET_SIM_ROOT: '/b', KUBELET_SIM_EXIT_WITH_STDIN: '1' }),
    ).toBe(id);
    expect(daemonBuildId('1.0.1', bundleDir)).not.toBe(id);
    expect(daemonBuildId('1.0.0', bundleDir, { KUBELET_SIM_KUBELET_VERSION: 'v1.30.4' })).not.toBe(id);
    fs.writeFileSync(path.join(bundleDir, 'kubelet.cjs'), 'two');
    expect(daemonBuildId('1.0.0', bundleDir)).not.toBe(id);
  });
});
