import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds the project's root (where package.json names kubelet-studio) from a starting folder,
 * so the built renderer is found both from the bundled CLI (out/cli) and from sources run
 * with tsx in development.
 */
export function findProjectRoot(startDir: string): string {
  let dir = startDir;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kubelet-studio')
          return dir;
      } catch {
        // not ours; keep climbing
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Kubelet Studio project above ${startDir}.`);
    dir = parent;
  }
}

export function rendererBuildDir(startDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBELET_STUDIO_RENDERER_DIR) return path.resolve(env.KUBELET_STUDIO_RENDERER_DIR);
  return path.join(findProjectRoot(startDir), 'out', 'renderer');
}
