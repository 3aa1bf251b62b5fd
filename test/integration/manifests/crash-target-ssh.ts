/**
 * The crash target on an SSH test node (issue 5 acceptance: "against a test node"), logged in
 * as ks-sudo with password sudo, saving into directories under /etc/kubernetes/crash-test (not
 * the node's manifest directory: its simulated kubelet would restart pods 1600 times meanwhile).
 *
 * - Connection killed: while the save waits at step N, the sshd processes serving that
 *   connection are SIGKILLed (what node.cutConnections() does to all of them; here only the
 *   one connection, so the runs of the eight steps can go concurrently).
 * - App killed: the save runs in a child app process (crash-app.ts, prebuilt bundle) with its
 *   own SSH connection, and that process is SIGKILLed.
 * The next connection or app is made while the current trial runs (Spare).
 *
 * Either way the script is released only once the sshd processes that carried it are gone
 * (then its next output hits a closed pipe, as after a real crash), and the check waits until
 * every process of the trial (shell, sudo, script) has ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { saveManifestCommand } from '../../../src-main/node/manifests/save-command';
import { runSave } from '../../../src-main/node/manifests/manifest-store';
import { backupRootOf } from '../../../src-main/node/manifests/script-helpers';
import type { TestNode, TestNodeSet } from '../../nodes';
import { isAlive } from '../../nodes';
import { crashAppBundle } from './crash-app-bundle';
import type { CrashAppSave } from './crash-app';
import { release, waitFor, type CrashTarget } from './crash-target';
import { openSshSession, type SshSessionTarget } from './ssh-session';

const ROOT = '/etc/kubernetes/crash-test';

/** Host pids of the sshd processes above every process whose argv names this trial's hook. */
function carriers(node: TestNode, prefix: string): { trial: number[]; sshd: number[] } {
  const all = new Map(node.processes().map((p) => [p.pid, p]));
  const trial = [...all.values()].filter((p) => p.args.includes(prefix));
  const sshd = new Set<number>();
  for (const p of trial) {
    // Up the tree inside the node only, below the listener (it serves every connection).
    for (
      let info = all.get(p.ppid);
      info && info.nsPid > 1 && info.pid !== node.sshdPid;
      info = all.get(info.ppid)
    ) {
      if (info.comm === 'sshd') sshd.add(info.pid);
    }
  }
  return { trial: trial.map((p) => p.pid), sshd: [...sshd] };
}

/** Keeps one more ready: an app process or a logged-in connection, made while a trial runs. */
class Spare<T> {
  private next: Promise<T> | null = null;
  constructor(
    private readonly make: () => Promise<T>,
    private readonly dispose: (t: T) => void,
  ) {}

  /** Synchronous swap: concurrent takers never share one. */
  take(): Promise<T> {
    const ready = this.next ?? this.make();
    this.next = this.make();
    this.next.catch(() => undefined);
    return ready;
  }

  async close(): Promise<void> {
    const pending = this.next;
    this.next = null;
    const spare = await pending?.catch(() => null);
    if (spare) this.dispose(spare);
  }
}

function startApp(bundle: string, target: SshSessionTarget): Promise<ChildProcess> {
  const app = spawn(process.execPath, [bundle, JSON.stringify(target)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    app.once('exit', (code) => reject(new Error(`the crash app exited (${code}) before it was ready`)));
    app.stdout?.once('data', () => resolve(app));
  });
}

export async function sshCrashTarget(nodes: TestNodeSet, trials: number): Promise<CrashTarget> {
  const node = nodes.controlPlane;
  const target: SshSessionTarget = {
    port: node.port,
    user: 'ks-sudo',
    keyPath: nodes.key('ed25519').path,
    knownHostsPath: nodes.knownHostsPath,
    sudoPassword: nodes.user('ks-sudo').password,
  };
  const bundle = await crashAppBundle();
  // Concurrent runs each take their own; the spare means a trial rarely waits for one.
  const apps = new Spare(
    () => startApp(bundle, target),
    (app) => app.kill('SIGKILL'),
  );
  const connections = new Spare(
    () => openSshSession(target),
    (s) => s.close(),
  );
  // The "new save afterwards" goes over one long-lived connection, never cut: only the
  // connection that carried the save is killed (its sshd processes, as cutConnections() does).
  const main = await openSshSession(target);
  let hooks = 0;
  const tag = `ks-crash-${process.pid}`;

  /** SIGKILLs the sshd processes of the connection that carries this trial (none when already gone). */
  function cut(prefix: string): number {
    const { sshd } = carriers(node, prefix);
    for (const pid of sshd) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // ESRCH: the monitor exits by itself once its child is gone.
      }
    }
    return sshd.length;
  }

  async function releaseWhenCarriersGone(prefix: string, marker: string): Promise<void> {
    const { sshd } = carriers(node, prefix);
    await waitFor(
      () => sshd.every((pid) => !isAlive(pid)),
      'the sshd processes of the killed connection to end',
    );
    // The node stops the script where it waits (die-with-channel.sh: TERM to its group when the
    // channel ends); only then is the pause released. Released earlier, a script not yet stopped
    // would go on and rename, which is not what a cut at that step does to a paused save.
    await waitFor(
      () => carriers(node, prefix).trial.length === 0,
      'the save script to be stopped where it waits',
      9_000,
    );
    release(marker);
  }

  return {
    label: 'an SSH test node (ks-sudo, password sudo)',
    trials,
    async newDir(name) {
      const dir = `${ROOT}/${name}/manifests`;
      await node.exec(['mkdir', '-p', '-m', '0755', dir]);
      const backupRoot = backupRootOf(dir);
      return { dir, backupRoot, hostDir: node.hostPath(dir), hostBackupRoot: node.hostPath(backupRoot) };
    },
    newHook(step) {
      const prefix = `/tmp/${tag}-${++hooks}h`; // "h": -1h is no prefix of -12h
      return { prefix, marker: `${node.hostPath(prefix)}.${step}` };
    },
    save: (at, name, content, sha) =>
      runSave(main.session, {
        manifestDir: at.dir,
        name,
        content: Buffer.from(content),
        expectedSha256: sha,
        backupRoot: at.backupRoot,
      }),
    async connectionKilledAt(input, marker) {
      const ssh = await connections.take();
      try {
        const running = ssh.session.run(saveManifestCommand(input)).catch(() => undefined);
        await waitFor(() => fs.existsSync(marker), 'the save to reach its hook step');
        const prefix = input.hook?.prefix ?? '';
        if (cut(prefix) === 0) throw new Error('the save runs under no sshd process');
        await releaseWhenCarriersGone(prefix, marker);
        await running;
      } finally {
        ssh.close();
      }
    },
    async appKilledAt(input, marker) {
      const app = await apps.take();
      const exited = new Promise((resolve) => app.once('exit', resolve));
      const { content, hook, ...rest } = input;
      if (!hook) throw new Error('a crash trial needs the hook');
      const save: CrashAppSave = { ...rest, contentBase64: content.toString('base64'), hook };
      app.stdin?.write(`${JSON.stringify(save)}\n`);
      await waitFor(() => fs.existsSync(marker), 'the save to reach its hook step');
      if (carriers(node, hook.prefix).sshd.length === 0)
        throw new Error('the save runs under no sshd process');
      app.kill('SIGKILL');
      await exited;
      await releaseWhenCarriersGone(hook.prefix, marker);
    },
    async close() {
      await Promise.all([apps.close(), connections.close()]);
      main.close();
      await node.exec(['rm', '-rf', ROOT]);
    },
  };
}
