/**
 * The file source's directory listing (extractFromDir, docs/kubelet.md §1.2): names not starting
 * with `.`, byte-sorted, no extension filter, no recursion; one pod per file; the store is
 * keyed by namespace/name so the file sorting last wins a name clash (§1.6).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_MANIFEST_BYTES, READ_LIMIT_ERROR } from '../../../kubelet/manifest-decode';
import { staticPodFromManifest, type StaticPod, type StaticPodResult } from '../../../kubelet/static-pod';

/** A log line the listing produces; the kubelet writes it to the journal. */
export interface ScanLog {
  message: string;
  caller: { file: string; line: number };
  err?: string;
  path: string;
  mode?: string;
}

export interface ScanResult {
  /** False when the static pod path does not exist ("no static pods", not fatal, §1.1). */
  exists: boolean;
  /** Valid pods keyed by namespace/name, last file in sort order winning. */
  pods: Map<string, StaticPod>;
  logs: ScanLog[];
}

/** Source locations of the messages (line numbers as in v1.32; only file names are stable, §0). */
export const CALLERS = {
  unableToRead: { file: 'file.go', line: 104 },
  notRecursing: { file: 'file.go', line: 174 },
  noMetadata: { file: 'file.go', line: 168 },
  couldNotProcess: { file: 'file.go', line: 187 },
  notFileOrDir: { file: 'file.go', line: 193 },
  readingConfig: { file: 'file.go', line: 201 },
  watchEvent: { file: 'file_linux.go', line: 80 },
} as const;

/** Reads one manifest; `hostPath` is where the file really is, `nodePath` what the kubelet calls it. */
export function readManifestFile(hostPath: string, nodePath: string, nodeName: string): StaticPodResult {
  let fd: number;
  try {
    fd = fs.openSync(hostPath, 'r');
  } catch (e) {
    return { ok: false, error: `open ${nodePath}: ${errnoText(e)}` };
  }
  try {
    // ReadAtMost(10 MiB): read one byte more than the limit to know it was exceeded.
    const buf = Buffer.alloc(Math.min(fs.fstatSync(fd).size, MAX_MANIFEST_BYTES) + 1);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    if (n > MAX_MANIFEST_BYTES) return { ok: false, error: READ_LIMIT_ERROR };
    return staticPodFromManifest(buf.subarray(0, n), nodeName, nodePath);
  } finally {
    fs.closeSync(fd);
  }
}

export function scanManifestDir(hostDir: string, nodeDir: string, nodeName: string): ScanResult {
  const result: ScanResult = { exists: true, pods: new Map(), logs: [] };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(hostDir);
  } catch {
    result.exists = false;
    result.logs.push({
      message: 'Unable to read config path',
      caller: CALLERS.unableToRead,
      err: 'path does not exist, ignoring',
      path: nodeDir,
    });
    return result;
  }
  // staticPodPath may name a single file (§1.2 point 4).
  const entries = stat.isDirectory()
    ? fs
        .readdirSync(hostDir)
        .filter((n) => !n.startsWith('.'))
        .sort(byteOrder)
        .map((n) => [path.join(hostDir, n), path.posix.join(nodeDir, n)] as const)
    : [[hostDir, nodeDir] as const];
  for (const [hostPath, nodePath] of entries) {
    let st: fs.Stats;
    try {
      st = fs.statSync(hostPath);
    } catch (e) {
      result.logs.push({
        message: 'Could not get metadata',
        caller: CALLERS.noMetadata,
        err: `stat ${nodePath}: ${errnoText(e)}`,
        path: nodePath,
      });
      continue;
    }
    if (st.isDirectory()) {
      result.logs.push({
        message: 'Provided manifest path is a directory, not recursing into manifest path',
        caller: CALLERS.notRecursing,
        path: nodePath,
      });
      continue;
    }
    if (!st.isFile()) {
      result.logs.push({
        message: 'Manifest path is not a directory or file',
        caller: CALLERS.notFileOrDir,
        path: nodePath,
        mode: goFileMode(st.mode),
      });
      continue;
    }
    result.logs.push({ message: 'Reading config file', caller: CALLERS.readingConfig, path: nodePath });
    const parsed = readManifestFile(hostPath, nodePath, nodeName);
    if (!parsed.ok) {
      // A file that vanished between listing and reading is not reported (§1.2).
      if (!fs.existsSync(hostPath)) continue;
      result.logs.push({
        message: 'Could not process manifest file',
        caller: CALLERS.couldNotProcess,
        err: parsed.error,
        path: nodePath,
      });
      continue;
    }
    result.pods.set(parsed.pod.key, parsed.pod);
  }
  return result;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}

/** Go's os.FileMode String() for the special files the listing rejects. */
function goFileMode(mode: number): string {
  const type = (mode & 0o170000) === 0o140000 ? 'S' : (mode & 0o170000) === 0o010000 ? 'p' : 'D';
  const perms = 'rwxrwxrwx'
    .split('')
    .map((c, i) => ((mode >> (8 - i)) & 1 ? c : '-'))
    .join('');
  return type + perms;
}
