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
