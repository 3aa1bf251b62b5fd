/**
 * security.md test 7 (issue 5 acceptance): the connection killed, and separately the app's
 * process killed, at each step of the save, 100 trials a step. After each: the directory holds
 * only its original names, the target has the old or the new content (never a temp file, never
 * a partial one), a backup of the old content exists whenever the old content is gone (and from
 * step 4 on in any case), and a new save succeeds.
 *
 * The save script pauses at the start of step N through its test-only hook (script-helpers.ts);
 * the test then cuts the channel (closes its pipes, as a dropped SSH connection does) or
 * SIGKILLs the process that owns the channel (a separate Node process standing for the app),
 * and lets the script go on: it dies of SIGPIPE at its next output, or finishes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveManifestCommand, SAVE_STEPS, sha256Hex } from '../../../src-main/node/manifests/save-command';
import { toRemoteCommand } from '../../../src-main/ssh/command-line';
import { createLocalTransport } from '../../../src-main/ssh/local-transport';
import { localManifestNode, podManifest } from './local-node';

const TRIALS = 100;
const node = localManifestNode();
afterAll(() => node.cleanup());

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** The whole command string and stdin of one save that pauses at `step`. */
function pausedSave(oldContent: string, newContent: string, step: number) {
  const prefix = path.join(node.root, 'hook');
  const command = saveManifestCommand({
    manifestDir: node.dir,
    name: 'kube-apiserver.yaml',
    content: Buffer.from(newContent),
    expectedSha256: sha256Hex(oldContent),
    backupRoot: node.backupRoot,
    hook: { prefix, step },
  });
  return { line: toRemoteCommand(command.argv), stdin: command.stdin as Buffer, marker: `${prefix}.${step}` };
}

async function connectionKilledAt(step: number, oldContent: string, newContent: string): Promise<void> {
  const save = pausedSave(oldContent, newContent, step);
  const channel = await createLocalTransport().exec(save.line);
  channel.stdout.on('data', () => undefined);
  channel.stdin.end(save.stdin);
  await waitFor(() => fs.existsSync(save.marker), `the save to reach step ${step}`);
  channel.close();
  fs.rmSync(save.marker);
  await channel.exit;
}

/** The "app": a Node process that owns the script's pipes, killed with SIGKILL. */
const APP = `
const { spawn } = require('node:child_process');
const [line, stdinB64] = JSON.parse(process.argv[1]);
const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'] });
child.stdout.on('data', () => {}); child.stderr.on('data', () => {});
child.stdin.end(Buffer.from(stdinB64, 'base64'));
process.stdout.write(String(child.pid) + '\\n');
setInterval(() => {}, 1000);
`;

async function appKilledAt(step: number, oldContent: string, newContent: string): Promise<void> {
  const save = pausedSave(oldContent, newContent, step);
  const app = spawn(process.execPath, ['-e', APP, JSON.stringify([save.line, save.stdin.toString('base64')])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const scriptPid = await new Promise<number>((resolve) => app.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  await waitFor(() => fs.existsSync(save.marker), `the save to reach step ${step}`);
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGKILL');
  await exited;
  fs.rmSync(save.marker);
  await waitFor(() => !alive(scriptPid), 'the orphaned save script to end');
}

function backupsHolding(content: string): number {
  if (!fs.existsSync(node.backupRoot)) return 0;
  return fs
    .readdirSync(node.backupRoot)
    .filter((d) => d.startsWith('kubelet-studio-backup-'))
    .filter((d) => {
      const file = path.join(node.backupRoot, d, 'kube-apiserver.yaml');
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content;
    }).length;
}

describe.each([
  ['the connection', connectionKilledAt],
  ['the app process', appKilledAt],
] as const)('%s killed at each step of the save', (_what, kill) => {
  it.each(SAVE_STEPS.map((s) => [s]))(`step %i, ${TRIALS} trials`, async (step) => {
    const before = (tag: string) => podManifest('kube-apiserver', tag);
    let current = before(`start ${step}`);
    fs.writeFileSync(path.join(node.dir, 'kube-apiserver.yaml'), current, { mode: 0o600 });
    fs.writeFileSync(path.join(node.dir, 'etcd.yaml'), podManifest('etcd', 'untouched'), { mode: 0o600 });
    const outcomes = { old: 0, new: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const next = before(`${_what} step ${step} trial ${trial}`);
      await kill(step, current, next);

      expect(node.names()).toEqual(['etcd.yaml', 'kube-apiserver.yaml']);
      const now = node.read('kube-apiserver.yaml');
      expect([current, next]).toContain(now);
      outcomes[now === next ? 'new' : 'old']++;
      if (now === next || step >= 4) expect(backupsHolding(current)).toBeGreaterThan(0);
      expect(node.read('etcd.yaml')).toBe(podManifest('etcd', 'untouched'));

      const after = before(`after ${step} ${trial}`);
      const saved = await node.save('kube-apiserver.yaml', after, sha256Hex(now));
      expect(saved.status).toBe('saved');
      expect(node.read('kube-apiserver.yaml')).toBe(after);
      current = after;
    }
    // The script finishes the step it was paused in and dies at its next output (SIGPIPE):
    // a cut up to step 5 aborts the save; from step 6 (the rename) on, the new content is in place.
    expect(step <= 5 ? outcomes.old : outcomes.new).toBe(TRIALS);
  }, 600_000);
});
