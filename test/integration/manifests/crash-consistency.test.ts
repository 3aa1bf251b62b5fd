/**
 * docs/security.md test 7 (issue 5 acceptance): the connection killed, and separately the app's
 * process killed, at each step of the save. After each: the directory holds only its original
 * names, the target has the old or the new content (never a temp file, never a partial one),
 * no staging copy is left behind, a backup of the old content exists whenever the old content
 * is gone (and from step 4 on in any case), and a new save succeeds.
 *
 * One suite, two targets: an SSH test node as ks-sudo with password sudo, 100 trials a step
 * (the acceptance), and a local directory, 5 trials a step (a smoke run of the same code).
 * The save script pauses at the start of step N through its test-only hook (script-helpers.ts);
 * the target then kills the connection or the app (crash-target-*.ts) and lets the script go on.
 * The script runs bound to its channel, as NodeSession runs every command: the channel gone, the
 * node stops it (TERM; its trap removes the staging copy) where it waits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_STEPS, sha256Hex, type SaveCommandInput } from '../../../src-main/node/manifests/save-command';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import type { CrashDir, CrashTarget } from './crash-target';
import { localCrashTarget } from './crash-target-local';
import { sshCrashTarget } from './crash-target-ssh';
import { podManifest } from './local-node';

const NAME = 'kube-apiserver.yaml';
type Kill = 'connectionKilledAt' | 'appKilledAt';

function backupsHolding(at: CrashDir, content: string): number {
  if (!fs.existsSync(at.hostBackupRoot)) return 0;
  return fs
    .readdirSync(at.hostBackupRoot)
    .filter((d) => d.startsWith('kubelet-studio-backup-'))
    .filter((d) => {
      const file = path.join(at.hostBackupRoot, d, NAME);
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content;
    }).length;
}

/** Staging directories (`kubelet-studio-XXXXXXXXXX`) left in the backup root. */
function stagingLeft(at: CrashDir): string[] {
  if (!fs.existsSync(at.hostBackupRoot)) return [];
  return fs.readdirSync(at.hostBackupRoot).filter((d) => /^kubelet-studio-[A-Za-z0-9]{10}$/.test(d));
}

async function trialsAtStep(target: CrashTarget, kill: Kill, step: number): Promise<void> {
  const at = await target.newDir(`${kill}-${step}`);
  const hostFile = (name: string) => path.join(at.hostDir, name);
  const read = (name: string) => fs.readFileSync(hostFile(name), 'utf8');
  const version = (tag: string) => podManifest('kube-apiserver', tag);
  let current = version(`start ${kill} ${step}`);
  fs.writeFileSync(hostFile(NAME), current, { mode: 0o600 });
  fs.writeFileSync(hostFile('etcd.yaml'), podManifest('etcd', 'untouched'), { mode: 0o600 });
  const outcomes = { old: 0, new: 0 };
  for (let trial = 0; trial < target.trials; trial++) {
    const next = version(`${kill} step ${step} trial ${trial}`);
    const hook = target.newHook(step);
    const input: SaveCommandInput = {
      manifestDir: at.dir,
      name: NAME,
      content: Buffer.from(next),
      expectedSha256: sha256Hex(current),
      backupRoot: at.backupRoot,
      hook: { prefix: hook.prefix, step },
    };
    await target[kill](input, hook.marker);

    expect(fs.readdirSync(at.hostDir).sort()).toEqual(['etcd.yaml', NAME]);
    const now = read(NAME);
    expect([current, next]).toContain(now);
    outcomes[now === next ? 'new' : 'old']++;
    if (now === next || step >= 4) expect(backupsHolding(at, current)).toBeGreaterThan(0);
    expect(stagingLeft(at)).toEqual([]);
    expect(read('etcd.yaml')).toBe(podManifest('etcd', 'untouched'));

    const after = version(`after ${kill} ${step} ${trial}`);
    const saved = await target.save(at, NAME, after, sha256Hex(now));
    expect(saved.status).toBe('saved');
    expect(read(NAME)).toBe(after);
    current = after;
    // Each trial checks its own backups; old ones would only slow the next listing.
    fs.rmSync(at.hostBackupRoot, { recursive: true, force: true });
  }
  // The script is stopped where it waits: a cut up to step 6 (before the rename) aborts the save;
  // from step 7 on (after the rename), the new content is in place.
  expect(step <= 6 ? outcomes.old : outcomes.new).toBe(target.trials);
}

function crashSuite(label: string, open: () => Promise<CrashTarget>): void {
  describe(label, () => {
    let target: CrashTarget;
    beforeAll(async () => {
      target = await open();
    });
    afterAll(async () => {
      await target?.close();
    });
    describe.each([
      ['the connection', 'connectionKilledAt'],
      ['the app process', 'appKilledAt'],
    ] as const)('%s killed at each step of the save', (_what, kill) => {
      // The steps' runs are independent (a directory and a connection each): run them side by side.
      it.concurrent.each(SAVE_STEPS.map((s) => [s]))(
        'step %i',
        (step) => trialsAtStep(target, kill, step),
        600_000,
      );
    });
  });
}

let nodes: TestNodeSet | undefined;
afterAll(async () => {
  await nodes?.stop();
});

crashSuite('over SSH to a test node, 100 trials a step', async () => {
  nodes = await startTestNodes({ count: 1 });
  return sshCrashTarget(nodes, 100);
});
crashSuite('on a local directory, 5 trials a step (smoke)', async () => localCrashTarget(5));
