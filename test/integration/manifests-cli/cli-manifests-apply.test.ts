/**
 * Issue 5, point 7, through the real CLI binary on the Sandbox node:
 * `kubelet-studio manifests <node> [--json]` lists the directory with the kubelet's verdicts;
 * `kubelet-studio apply <node> <name> --from F --wait [--rollback-on-failure]` saves safely,
 * follows the kubelet to a verdict and exits 0 only for "running" — non-zero for a
 * crash-looping pod, after the automatic rollback, with no stray file in the directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApplyVerdict } from '../../../src-main/contract/domain/manifest-watch';
import type { ManifestDirectory, ManifestSaveResult } from '../../../src-main/contract/domain/manifests';
import { repoRoot } from '../../support/serve-process';
import { SANDBOX_STARTED_NOTE, stopSandboxDaemon } from '../../support/sandbox-daemons';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-manifests-cli-'));
const manifestDir = path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests');
const BAD_FLAG = '--this-flag-does-not-exist';
afterAll(async () => {
  // The CLI leaves the Sandbox node running for the next command: stop it (by its recorded pid).
  await stopSandboxDaemon(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/kubelet-studio.mjs'), ...args], {
      env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A local copy of a manifest of the sandbox node, edited, for --from. */
function editedCopy(name: string, edit: (content: string) => string): { file: string; original: string } {
  const original = fs.readFileSync(path.join(manifestDir, name), 'utf8');
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const file = path.join(dataDir, `edited-${name}`);
  fs.writeFileSync(file, changed);
  return { file, original };
}

describe('kubelet-studio manifests and apply on the Sandbox node', () => {
  it('manifests --json lists the directory with the pod each file yields; the table says the same', async () => {
    const json = await cli('manifests', 'sandbox', '--json');
    // The first command starts the Sandbox node and says so, once (it keeps running).
    expect(json.stderr).toBe(SANDBOX_STARTED_NOTE);
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as ManifestDirectory;
    expect(view).toMatchObject({ exists: true, source: 'config' });
    expect(
      view.entries.map((e) => [
        e.name,
        e.verdict.kind === 'pod' ? e.verdict.podName : e.verdict.kind,
        e.owner,
        e.mode,
      ]),
    ).toEqual([
      ['etcd.yaml', 'etcd-controlplane', 'root', '0600'],
      ['kube-apiserver.yaml', 'kube-apiserver-controlplane', 'root', '0600'],
      ['kube-controller-manager.yaml', 'kube-controller-manager-controlplane', 'root', '0600'],
      ['kube-scheduler.yaml', 'kube-scheduler-controlplane', 'root', '0600'],
    ]);
    const table = await cli('manifests', 'sandbox');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /kube-scheduler\.yaml\s+\d+\s+root:root\s+0600\s+.*pod kube-system\/kube-scheduler-controlplane/,
    );
  }, 120_000);

  it('apply --wait exits 0 when the edited pod runs', async () => {
    const { file } = editedCopy('kube-scheduler.yaml', (c) =>
      c.replace('    tier: control-plane\n', '    tier: control-plane\n    edited-by: kubelet-studio-cli\n'),
    );
    const run = await cli('apply', 'sandbox', 'kube-scheduler.yaml', '--from', file, '--wait', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { save: ManifestSaveResult; verdict: ApplyVerdict | null };
    expect(out.save.status).toBe('saved');
    expect(out.verdict?.kind).toBe('running');
    expect(fs.readFileSync(path.join(manifestDir, 'kube-scheduler.yaml'), 'utf8')).toBe(
      fs.readFileSync(file, 'utf8'),
    );
  }, 180_000);

  it('apply --wait --rollback-on-failure exits non-zero for a crash-looping pod, rolled back, no stray file', async () => {
    const namesBefore = fs.readdirSync(manifestDir).sort();
    const { file, original } = editedCopy('kube-apiserver.yaml', (c) =>
      c.replace('    - kube-apiserver\n', `    - kube-apiserver\n    - ${BAD_FLAG}\n`),
    );
    const run = await cli(
      'apply',
      'sandbox',
      'kube-apiserver.yaml',
      '--from',
      file,
      '--wait',
      '--rollback-on-failure',
      '--json',
    );
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const out = JSON.parse(run.stdout) as { save: ManifestSaveResult; verdict: ApplyVerdict | null };
    expect(out.save.status).toBe('saved');
    expect(out.verdict?.kind).toBe('crash-looping');
    expect(out.verdict?.evidence).toContain(`Error: unknown flag: ${BAD_FLAG}`);
    expect(run.stderr).toMatch(/^crash-looping: /m);
    expect(run.stderr).toMatch(/^after rollback: running: /m);
    expect(fs.readFileSync(path.join(manifestDir, 'kube-apiserver.yaml'), 'utf8')).toBe(original);
    expect(fs.readdirSync(manifestDir).sort()).toEqual(namesBefore);
  }, 240_000);

  it('apply --wait on a fix to a manifest whose pod never started exits 0 with "running"', async () => {
    // `command: [sleep, 3600]`: the kubelet's typed decode refuses a number where the v1
    // Container wants a string (docs/kubelet.md §11.1), so no pod ever ran from this file.
    const name = 'ks-cli-never-started.yaml';
    const pod = (command: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ks-cli-never-started\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: ${command}\n`;
    fs.writeFileSync(path.join(manifestDir, name), pod('[sleep, 3600]'), { mode: 0o600 });
    const fixed = path.join(dataDir, `fixed-${name}`);
    fs.writeFileSync(fixed, pod('[sleep, "3600"]'));
    const run = await cli('apply', 'sandbox', name, '--from', fixed, '--wait', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { save: ManifestSaveResult; verdict: ApplyVerdict | null };
    expect(out.save.status).toBe('saved');
    expect(out.verdict?.kind).toBe('running');
    expect(out.verdict?.summary).toContain('ks-cli-never-started-controlplane');
    fs.rmSync(path.join(manifestDir, name));
  }, 180_000);
});
