/**
 * Builds crash-app.ts once per test run into one CommonJS file (esbuild, as scripts/build.mjs
 * builds the CLI), under node_modules/.cache so that ssh2 and its native parts resolve from
 * the project's node_modules. Plain `node file.cjs` starts in a fraction of tsx's time.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
let built: Promise<string> | null = null;

export function crashAppBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(root, 'node_modules/.cache/kubelet-studio-tests/crash-app.cjs');
    await build({
      entryPoints: [path.join(here, 'crash-app.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      logLevel: 'warning',
      define: { __KUBELET_STUDIO_VERSION__: '"test"' },
      loader: { '.sh': 'text' },
    });
    return outfile;
  })();
  return built;
}
