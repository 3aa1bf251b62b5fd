// Reading the known_hosts sources and writing new entries to the app's own file.
// docs/security.md › SSH: "Read the user's files read-only; write new entries to the app's own file."
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { hashHostName, lookupName } from './host-match.js';
import { parseKnownHosts, type KnownHostLine } from './parse.js';

export interface KnownHostsPaths {
  /** The user's files, read only (OpenSSH's UserKnownHostsFile defaults). */
  userFiles: string[];
  /** System-wide files, read only (GlobalKnownHostsFile). */
  systemFiles: string[];
  /** The app's own file: the only one this code writes. */
  appFile: string;
}

export function defaultKnownHostsPaths(appFile: string): KnownHostsPaths {
  const ssh = join(homedir(), '.ssh');
  return {
    userFiles: [join(ssh, 'known_hosts'), join(ssh, 'known_hosts2')],
    systemFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    appFile,
  };
}

/** Reads one file; a missing or unreadable file is an empty source (as OpenSSH treats it). */
export async function readKnownHostsFile(path: string): Promise<KnownHostLine[]> {
  try {
    // 'latin1' keeps every byte one char, so odd bytes in comments never shift the parse.
    return parseKnownHosts(await readFile(path, 'latin1'), path);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES';
}

/** Loads every source: user files, then system files, then the app file. */
export async function loadKnownHosts(paths: KnownHostsPaths): Promise<KnownHostLine[][]> {
  const all = [...paths.userFiles, ...paths.systemFiles, paths.appFile];
  return Promise.all(all.map(readKnownHostsFile));
}

export interface HostKeyToRecord {
  keyType: string;
  keyBlob: Buffer;
}

/** The line appendKnownHost writes (exported for tests). */
export function formatKnownHostLine(
  host: string,
  port: number,
  key: HostKeyToRecord,
  options: { hashed?: boolean } = {},
): string {
  const name = lookupName(host, port);
  const field = options.hashed ? hashHostName(name) : name;
  return `${field} ${key.keyType} ${key.keyBlob.toString('base64')}\n`;
}

/**
 * Appends `host key` to the app's own file (mode 0600, directory 0700). Port 22 is written bare,
 * other ports as `[host]:port`, like ssh does. A missing trailing newline in the file is fixed so
 * the new entry never joins the previous line.
 */
export async function appendKnownHost(
  appFile: string,
  host: string,
  port: number,
  key: HostKeyToRecord,
  options: { hashed?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(appFile), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const current = await readFile(appFile);
    if (current.length > 0 && current[current.length - 1] !== 0x0a) prefix = '\n';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await appendFile(appFile, prefix + formatKnownHostLine(host, port, key, options), { mode: 0o600 });
}
