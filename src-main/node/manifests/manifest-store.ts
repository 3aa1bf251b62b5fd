/**
 * The manifest operations on one node session: each is one named command in one round trip,
 * and turns the script's frames into the contract's results. Content checks (the kubelet's
 * rules) are the caller's; this layer only moves bytes safely.
 */
import { ContractError } from '../../contract';
import type {
  ManifestBackup,
  ManifestBackupContent,
  ManifestDeleteResult,
  ManifestFile,
  ManifestRollbackResult,
} from '../../contract/domain/manifests';
import { parseBatchOutput } from '../batch/batch-script';
import type { NodeSession } from '../session/node-session';
import {
  deleteManifestCommand,
  listManifestsCommand,
  manifestHistoryCommand,
  readFileCommand,
  rollbackManifestCommand,
} from './manifest-commands';
import { parseManifestListing, scriptValues, type ManifestListing } from './manifest-listing';
import { saveManifestCommand, sha256Hex, type SaveCommandInput } from './save-command';
import { backupRootOf, backupTime } from './script-helpers';

function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function scriptFailed(purpose: string, stderr: string, code: number | null): ContractError {
  return new ContractError({
    code: 'remote-command-failed',
    message: `Could not ${purpose}: ${stderr.trim() || `exit ${code}`}.`,
  });
}

export async function listManifestDirectory(
  session: NodeSession,
  staticPodPath: string,
): Promise<ManifestListing> {
  const command = listManifestsCommand(staticPodPath);
  const out = await session.run(command);
  if (out.code !== 0) throw scriptFailed(command.purpose, out.stderr, out.code);
  return parseManifestListing(out.stdout);
}

interface FileRead {
  path: string;
  content: Buffer;
  size: number;
  owner: string;
  group: string;
  mode: string;
  mtime: number;
}

async function readNodeFile(session: NodeSession, path: string, purpose: string): Promise<FileRead | null> {
  const out = await session.run(readFileCommand(path, purpose));
  if (out.code !== 0) throw scriptFailed(purpose, out.stderr, out.code);
  const sections = parseBatchOutput(out.stdout);
  if (sections.has('missing')) return null;
  const stat = sections.get('stat');
  const content = sections.get('content');
  if (!stat || stat.code !== 0 || !content || content.code !== 0) {
    throw scriptFailed(purpose, stat?.stderr || content?.stderr || 'no output', out.code);
  }
  const [size, owner, group, mode, mtime] = stat.stdout.toString('utf8').trim().split(' ');
  if (Number(size) > 12 * 1024 * 1024) {
    throw new ContractError({
      code: 'unsupported',
      message: `${path} is ${size} bytes: far over the 10 MiB the kubelet reads; it cannot be edited here.`,
    });
  }
  return {
    path,
    content: content.stdout,
    size: Number(size),
    owner: owner ?? '',
    group: group ?? '',
    mode: (mode ?? '').padStart(4, '0'),
    mtime: Number(mtime) * 1000,
  };
}

export async function readManifest(session: NodeSession, dir: string, name: string): Promise<ManifestFile> {
  const path = `${dir}/${name}`;
  const read = await readNodeFile(session, path, `read ${name}`);
  if (!read)
    throw new ContractError({
      code: 'not-found',
      message: `${path} does not exist on ${session.name}.`,
      hint: 'Refresh the directory listing.',
    });
  return {
    name,
    ...read,
    content: read.content.toString('utf8'),
    binary: !isText(read.content),
    sha256: sha256Hex(read.content),
  };
}

export async function readBackup(session: NodeSession, path: string): Promise<ManifestBackupContent> {
  const read = await readNodeFile(session, path, 'read a backup');
  if (!read) throw new ContractError({ code: 'not-found', message: `The backup ${path} no longer exists.` });
  return {
    path,
    content: read.content.toString('utf8'),
    binary: !isText(read.content),
    sha256: sha256Hex(read.content),
    size: read.size,
  };
}

export type RawSaveResult =
  | {
      status: 'saved';
      sha256: string;
      backupPath: string | null;
      owner: string;
      group: string;
      mode: string;
      /** The node's clock (ms) right before the rename; null when its `date` has no %N. */
      renamedAfterNodeMs: number | null;
    }
  | { status: 'conflict'; theirs: string | null; theirsSha256: string | null; message: string };

export async function runSave(session: NodeSession, input: SaveCommandInput): Promise<RawSaveResult> {
  const command = saveManifestCommand(input);
  const out = await session.run(command);
  const v = scriptValues(out.stdout);
  const status = v.get('status');
  if (status === 'saved') {
    const [owner = '', group = '', mode = ''] = (v.get('owner') ?? '').split(' ');
    return {
      status,
      sha256: sha256Hex(input.content),
      backupPath: v.get('backup') || null,
      owner,
      group,
      mode: mode.padStart(4, '0'),
      renamedAfterNodeMs: nodeClockMs(v.get('renamedafter') ?? ''),
    };
  }
  if (status === 'conflict') {
    return {
      status,
      theirs: v.has('theirs') ? (v.get('theirs') ?? '') : null,
      theirsSha256: v.get('theirssha') || null,
      message: v.get('message') ?? 'conflict',
    };
  }
  const step = v.get('step');
  throw new ContractError({
    code: 'remote-command-failed',
    message: `${session.name}: could not save ${input.name}: ${v.get('message') ?? (out.stderr.trim() || `the save stopped${step ? ` at step ${step}` : ''} (exit ${out.code ?? out.signal})`)}.`,
    hint: 'The manifest directory holds the old or the new file, never a partial one; refresh and check.',
  });
}

export async function deleteManifest(
  session: NodeSession,
  dir: string,
  name: string,
  expectedSha256: string,
): Promise<ManifestDeleteResult> {
  const out = await session.run(deleteManifestCommand(dir, name, expectedSha256, backupRootOf(dir)));
  const v = scriptValues(out.stdout);
  if (v.get('status') === 'deleted') return { status: 'deleted', name, backupPath: v.get('backup') ?? '' };
  if (v.get('status') === 'conflict')
    return {
      status: 'conflict',
      name,
      theirsSha256: v.get('theirssha') || null,
      message: v.get('message') ?? '',
    };
  throw scriptFailed(`delete ${name}`, v.get('message') ?? out.stderr, out.code);
}

export async function manifestBackups(
  session: NodeSession,
  dir: string,
  name: string,
): Promise<ManifestBackup[]> {
  const out = await session.run(manifestHistoryCommand(backupRootOf(dir), name));
  const list = parseBatchOutput(out.stdout).get('list');
  if (out.code !== 0 || !list) throw scriptFailed(`list the backups of ${name}`, out.stderr, out.code);
  const parts = list.stdout.toString('utf8').split('\0');
  const backups: ManifestBackup[] = [];
  for (let i = 0; i + 3 <= parts.length; i += 3) {
    const path = parts[i] as string;
    const dirName = path.split('/').slice(-2)[0] ?? '';
    backups.push({
      path,
      kind: dirName.startsWith('kubelet-studio-rolledback-') ? 'rolled-back' : 'backup',
      takenAt: backupTime(dirName),
      size: Number(parts[i + 1]),
      sha256: parts[i + 2] as string,
    });
  }
  // Newest first; backups of the same second are told apart by their `.N` suffix.
  return backups.sort((a, b) => b.takenAt - a.takenAt || suffix(b.path) - suffix(a.path));
}

function suffix(path: string): number {
  const m = /\.(\d+)\/[^/]+$/.exec(path);
  return m ? Number(m[1]) : 0;
}

export async function rollbackManifest(
  session: NodeSession,
  dir: string,
  name: string,
  expectedSha256: string | null,
): Promise<ManifestRollbackResult> {
  const newest = (await manifestBackups(session, dir, name)).find((b) => b.kind === 'backup');
  if (!newest)
    return { status: 'no-backup', name, message: `There is no backup of ${name} to roll back to.` };
  const out = await session.run(
    rollbackManifestCommand(dir, name, expectedSha256, backupRootOf(dir), newest.path),
  );
  const v = scriptValues(out.stdout);
  const status = v.get('status');
  if (status === 'rolled-back')
    return {
      status,
      name,
      restoredFrom: newest.path,
      sha256: v.get('sha') ?? '',
      replacedKeptAt: v.get('kept') || null,
    };
  if (status === 'conflict')
    return { status, name, theirsSha256: v.get('theirssha') || null, message: v.get('message') ?? '' };
  if (status === 'no-backup') return { status, name, message: v.get('message') ?? '' };
  throw scriptFailed(`roll back ${name}`, v.get('message') ?? out.stderr, out.code);
}

/** `date +%s.%N` as milliseconds; anything else (a `date` without %N prints `1764770000.%N` or `.N`) is null. */
export function nodeClockMs(text: string): number | null {
  const m = /^(\d+)\.(\d{9})$/.exec(text.trim());
  return m ? Number(m[1]) * 1000 + Math.floor(Number(m[2]) / 1e6) : null;
}
