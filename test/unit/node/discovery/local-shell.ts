/**
 * Runs discovery's shell bodies for real on this machine, as sshd would on a node: through a
 * NodeSession over the local transport (`/bin/sh -c <the quoted command>`), with GNU tools or
 * with busybox's applets alone on PATH (a node without GNU find/tar/coreutils), and as another
 * user (runuser) for the runs without root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { batchArgv, parseBatchOutput, type BatchSection } from '../../../../src-main/node/batch/batch-script';
import { NodeSession } from '../../../../src-main/node/session/node-session';
import { createLocalTransport } from '../../../../src-main/ssh/local-transport';

let busyboxDir: string | null = null;

/** A directory holding every busybox applet as a symlink: PATH for a busybox-only node. */
export function busyboxPath(): string {
  if (busyboxDir) return busyboxDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-busybox-'));
  fs.chmodSync(dir, 0o755); // searchable by the users the tests run as
  const applets = execFileSync('busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) fs.symlinkSync('/usr/bin/busybox', path.join(dir, applet));
  busyboxDir = dir;
  return dir;
}

export interface ShellOptions {
  busybox?: boolean;
  /** Run as this user (runuser; the tests run as root). */
  user?: string;
  pathPrefix?: string;
}

export function localSession(options: ShellOptions = {}): NodeSession {
  // runuser (for `user`) is looked up on this PATH too, so /usr/sbin comes last.
  const basePath = options.busybox ? `${busyboxPath()}:/usr/sbin` : '/usr/local/bin:/usr/bin:/bin:/usr/sbin';
  const PATH = options.pathPrefix ? `${options.pathPrefix}:${basePath}` : basePath;
  const transport = createLocalTransport({
    env: { PATH, HOME: '/', LANG: 'C' },
    ...(options.user ? { user: options.user } : {}),
  });
  return new NodeSession({ name: 'local', transport, privilege: 'direct' });
}

export async function runBatch(
  body: string,
  params: string[],
  options: ShellOptions = {},
): Promise<Map<string, BatchSection>> {
  const output = await localSession(options).run({ purpose: 'test', argv: batchArgv(body, params) });
  return parseBatchOutput(output.stdout);
}

export function tempTree(
  files: Record<string, { text?: string; mode?: number; link?: string; dir?: boolean }>,
): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-tree-'));
  fs.chmodSync(root, 0o755);
  for (const [name, spec] of Object.entries(files)) {
    const at = path.join(root, name);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    if (spec.dir) fs.mkdirSync(at, { recursive: true, mode: spec.mode ?? 0o755 });
    else if (spec.link) fs.symlinkSync(spec.link.replaceAll('$ROOT', root), at);
    else fs.writeFileSync(at, (spec.text ?? '').replaceAll('$ROOT', root), { mode: spec.mode ?? 0o644 });
    if (spec.mode !== undefined && !spec.link) fs.chmodSync(at, spec.mode);
  }
  return root;
}
