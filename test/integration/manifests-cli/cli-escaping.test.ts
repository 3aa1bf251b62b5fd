/**
 * Names from a node reach the user's terminal: the CLI's human output shows control and
 * bidirectional characters as visible escapes (an OSC 52 sequence would set the clipboard, a
 * CSI one clear the screen, U+202E reverse the text), `--json` keeps the exact name, and saving
 * under such a name asks first (refused without a terminal unless --force).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestDirectory } from '../../../src-main/contract/domain/manifests';
import { repoRoot } from '../../support/serve-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-cli-escaping-'));
const manifestDir = path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests');
const cliPath = path.join(repoRoot, 'bin/kubelet-studio.mjs');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const EVIL = 'evil-\u001b]52;c;ZXZpbA==\u0007-\u001b[2J-\u202etxt.yaml';
const SHOWN = 'evil-\\u001b]52;c;ZXZpbA==\\u0007-\\u001b[2J-\\u202etxt.yaml';
/** Anything a terminal would act on or reorder, in what the CLI printed. */
// eslint-disable-next-line no-control-regex -- what a terminal acts on, to be sure none is printed
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: evil',
  '  namespace: default',
  'spec:',
  '  containers:',
  '  - name: main',
  '    image: registry.k8s.io/pause:3.10',
  '',
].join('\n');

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
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

beforeAll(async () => {
  expect((await cli('manifests', 'sandbox')).code).toBe(0); // creates the Sandbox node's files
  fs.writeFileSync(path.join(manifestDir, EVIL), POD, { mode: 0o600 });
}, 120_000);

describe('node-controlled names in the CLI', () => {
  it('manifests: the name is shown escaped, nothing raw reaches the terminal', async () => {
    const run = await cli('manifests', 'sandbox');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(RAW);
    expect(run.stdout).toContain(SHOWN);
  }, 120_000);

  it('manifests --json keeps the exact name (escaped the JSON way)', async () => {
    const run = await cli('manifests', 'sandbox', '--json');
    expect(run.stdout).not.toMatch(RAW);
    const view = JSON.parse(run.stdout) as ManifestDirectory;
    expect(view.entries.map((e) => e.name)).toContain(EVIL);
  }, 120_000);

  it('status: the manifest column shows the name escaped', async () => {
    const run = await cli('status', 'sandbox');
    expect(run.stdout + run.stderr).not.toMatch(RAW);
    expect(run.stdout).toMatch(/default\s+evil-controlplane\s+static\s+evil-\\u001b\]52;c;ZXZpbA==\\u0007/);
  }, 120_000);

  it('apply under such a name: refused without a terminal, saved with --force', async () => {
    const local = path.join(dataDir, 'local.yaml');
    fs.writeFileSync(local, POD.replace('name: evil', 'name: evil2'));
    const name = 'second-\u001b[31m.yaml';
    const refused = await cli('apply', 'sandbox', name, '--from', local);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('second-\\u001b[31m.yaml');
    expect(refused.stderr).not.toMatch(RAW);
    expect(fs.existsSync(path.join(manifestDir, name))).toBe(false);
    const forced = await cli('apply', 'sandbox', name, '--from', local, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.existsSync(path.join(manifestDir, name))).toBe(true);
  }, 120_000);

  it('apply under such a name on a terminal asks first; "n" saves nothing', async () => {
    const local = path.join(dataDir, 'local3.yaml');
    fs.writeFileSync(local, POD.replace('name: evil', 'name: evil3'));
    const name = 'third-\u202e.yaml';
    const term = pty.spawn(process.execPath, [cliPath, 'apply', 'sandbox', name, '--from', local], {
      env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir, CI: '' } as Record<string, string>,
      cols: 200,
      rows: 40,
    });
    let screen = '';
    let answered = false;
    const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    term.onData((data) => {
      screen += data;
      if (!answered && screen.includes('[y/N]')) {
        answered = true;
        term.write('n\r');
      }
    });
    expect(await exit).not.toBe(0);
    expect(answered).toBe(true);
    expect(screen).toContain('third-\\u202e.yaml');
    expect(fs.existsSync(path.join(manifestDir, name))).toBe(false);
  }, 120_000);
});
