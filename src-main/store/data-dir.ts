import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The app's own data directory (saved nodes, its known_hosts, the sandbox node's files).
 * `KUBELET_STUDIO_DATA_DIR` overrides it, which tests use to stay out of the user's home.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBELET_STUDIO_DATA_DIR) return path.resolve(env.KUBELET_STUDIO_DATA_DIR);
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'kubelet-studio');
}

/** Owner only: the directory holds host keys the user trusted and the browser mode's launch page. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) as 0700, and narrows it to 0700 if it exists wider and is
 * the user's own, so whichever part of the app creates the data directory first, it is private.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stat = await fsp.stat(dir);
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) await fsp.chmod(dir, PRIVATE_DIR_MODE);
}
