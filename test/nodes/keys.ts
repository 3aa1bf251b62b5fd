/**
 * SSH keys for the test nodes: host keys per node and the client keys every test user accepts.
 * Generated with the real `ssh-keygen` so the files are exactly what users have on disk.
 */
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ClientKey, HostKey, KeyType } from './description';
import { KEY_TYPES } from './description';
import { run } from './process';

/** The passphrase of the encrypted client key (`ed25519-encrypted`). */
export const KEY_PASSPHRASE = 'ks test passphrase';

/**
 * `SHA256:<base64 without padding>` of the key blob: the format `ssh-keygen -lf` prints and
 * the one the app must show before asking to trust a host (docs/security.md, SSH).
 */
export function fingerprintOf(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob) throw new Error(`not a public key line: ${publicKeyLine}`);
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * Where generated keys are kept for the next start, or undefined for always-fresh keys.
 * RSA generation takes 0.2–1 s of CPU per key; without the cache three nodes need four of
 * them and cannot start within the 3 s budget on a two-core CI machine.
 */
export type KeyCache = string | undefined;

interface KeyFile {
  type: KeyType;
  path: string;
  publicKey: string;
  fingerprint: string;
}

async function describeKey(type: KeyType, file: string): Promise<KeyFile> {
  const publicKey = (await readFile(`${file}.pub`, 'utf8')).trim();
  return { type, path: file, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** Writes `file` and `file.pub` (replacing both) with a new key. */
async function generateKey(type: KeyType, file: string, comment: string, passphrase: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  // RSA 3072 is ssh-keygen's default size, so the tests see what users have.
  const bits = type === 'rsa' ? ['-b', '3072'] : type === 'ecdsa' ? ['-b', '256'] : [];
  await run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-C', comment, '-f', file]);
}

/** A key at `file`: copied from the cache entry `cacheName` if there is one, else generated. */
async function obtainKey(
  cache: KeyCache,
  cacheName: string,
  type: KeyType,
  file: string,
  comment: string,
  passphrase = '',
): Promise<KeyFile> {
  const cached = cache === undefined ? undefined : path.join(cache, cacheName);
  if (cached && existsSync(cached) && existsSync(`${cached}.pub`)) {
    await copyFile(cached, file);
    await copyFile(`${cached}.pub`, `${file}.pub`);
    await chmod(file, 0o600);
    return describeKey(type, file);
  }
  await generateKey(type, file, comment, passphrase);
  if (cached) {
    // Publish .pub first and the private key last, each by rename, so a concurrent start sees
    // either no entry or a complete one.
    await mkdir(path.dirname(cached), { recursive: true, mode: 0o700 });
    const tmp = `${cached}.${process.pid}.tmp`;
    await copyFile(`${file}.pub`, `${tmp}.pub`);
    await rename(`${tmp}.pub`, `${cached}.pub`);
    await copyFile(file, tmp);
    await rename(tmp, cached);
  }
  return describeKey(type, file);
}

/** One host key of each type, named as sshd's defaults are (`ssh_host_<type>_key`). */
export async function generateHostKeys(
  dir: string,
  hostname: string,
  cache: KeyCache = undefined,
): Promise<HostKey[]> {
  return Promise.all(
    KEY_TYPES.map((type) =>
      obtainKey(
        cache,
        `host-${hostname}-${type}`,
        type,
        path.join(dir, `ssh_host_${type}_key`),
        `root@${hostname}`,
      ),
    ),
  );
}

/** Client keys: one per type without passphrase, plus an encrypted ed25519 key. */
export async function generateClientKeys(dir: string, cache: KeyCache = undefined): Promise<ClientKey[]> {
  const plain = KEY_TYPES.map(async (type): Promise<ClientKey> => {
    const key = await obtainKey(
      cache,
      `client-${type}`,
      type,
      path.join(dir, `id_${type}`),
      `ks-test-${type}`,
    );
    return { name: type, ...key };
  });
  const encrypted = (async (): Promise<ClientKey> => {
    const file = path.join(dir, 'id_ed25519_encrypted');
    const key = await obtainKey(
      cache,
      'client-ed25519-encrypted',
      'ed25519',
      file,
      'ks-test-ed25519-encrypted',
      KEY_PASSPHRASE,
    );
    return { name: 'ed25519-encrypted', ...key, passphrase: KEY_PASSPHRASE };
  })();
  return Promise.all([...plain, encrypted]);
}

/** `authorized_keys` content accepting every client key. */
export function authorizedKeys(keys: readonly ClientKey[]): string {
  return keys.map((k) => `${k.publicKey}\n`).join('');
}
