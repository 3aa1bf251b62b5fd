/**
 * The simulated journalctl run by a user who may not read the journal (root:systemd-journal
 * 0640, as journald keeps it): the bundle as a node runs it, under a real unprivileged uid
 * (setpriv), must print what Debian 12's journalctl 252 prints (commands/journal-access.ts) —
 * the groups hint, then the error, on stderr, exit 1 — and nothing on stdout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simPaths } from '../../../../src-main/sandbox/paths';
import { journalEntry, writeJournal } from './journal-fixture';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-sim-journal-access-'));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-sim-journal-root-'));

beforeAll(async () => {
  await build({
    entryPoints: [path.resolve(__dirname, '../../../../src-main/sandbox/bin/journalctl.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'silent',
  });
  for (const dir of [outDir, root]) fs.chmodSync(dir, 0o755);
  writeJournal(root, [journalEntry(1, 'I0530 "Adding static pod path"')]);
  const file = simPaths(root).journalFile;
  for (let d = path.dirname(file); d !== root; d = path.dirname(d)) fs.chmodSync(d, 0o755);
  fs.chmodSync(file, 0o640);
}, 30_000);

afterAll(() => {
  for (const dir of [outDir, root]) fs.rmSync(dir, { recursive: true, force: true });
});

/** journalctl as uid/gid 65534 (nobody), with no supplementary groups. */
function asNobody(args: string[]) {
  return spawnSync(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      path.join(outDir, 'journalctl.cjs'),
      ...args,
    ],
    { env: { KUBELET_SIM_ROOT: root, PATH: process.env.PATH }, encoding: 'utf8' },
  );
}

describe('journal readable only by root and systemd-journal', () => {
  it("tells a user outside the groups what Debian's journalctl does, exit 1, nothing on stdout", () => {
    const r = asNobody(['-u', 'kubelet', '--no-pager']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'Hint: You are currently not seeing messages from other users and the system.',
        "      Users in groups 'adm', 'systemd-journal' can see all messages.",
        '      Pass -q to turn off this notice.',
        'No journal files were opened due to insufficient permissions.',
        '',
      ].join('\n'),
    );
  });

  it('drops the hint with -q and in JSON output, as journalctl 252 does', () => {
    for (const args of [
      ['-q', '-u', 'kubelet'],
      ['-u', 'kubelet', '-o', 'json', '-n', '10'],
    ]) {
      const r = asNobody(args);
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 1,
        stderr: 'No journal files were opened due to insufficient permissions.\n',
      });
    }
  });

  it('still reads it as root', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(outDir, 'journalctl.cjs'), '-u', 'kubelet', '-o', 'cat'],
      {
        env: { KUBELET_SIM_ROOT: root },
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toContain('Adding static pod path');
  });
});
