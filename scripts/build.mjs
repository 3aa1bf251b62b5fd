// Builds everything `npm start`, the CLI and the tests run: the renderer (Vite), the Electron
// main and preload, the CLI, and the sandbox node's commands (esbuild). Runs on `npm install`
// (prepare) so a fresh clone is ready after the README's first command.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const at = (...parts) => path.join(root, ...parts);
const only = process.argv.slice(2); // e.g. `node scripts/build.mjs cli sandbox`
const wanted = (part) => only.length === 0 || only.includes(part);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __KUBELET_STUDIO_VERSION__: JSON.stringify(version) },
  // Node-side shell scripts are .sh files beside their code, bundled as text.
  loader: { '.sh': 'text' },
};

const started = Date.now();
const steps = [];

if (wanted('electron')) {
  steps.push(
    esbuild({
      ...common,
      entryPoints: [at('src-main/hosts/electron/main.ts')],
      outfile: at('out/main/electron-main.cjs'),
      format: 'cjs',
      packages: 'external',
      // Lazy imports (node-pty) become lazy require() calls: CommonJS loading is what reads
      // packages inside app.asar and their unpacked native parts in a packaged build.
      supported: { 'dynamic-import': false },
    }),
    // The preload runs sandboxed: it may require only 'electron', so everything else is bundled.
    esbuild({
      ...common,
      entryPoints: [at('src-main/hosts/electron/preload.ts')],
      outfile: at('out/preload/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    }),
  );
}
if (wanted('cli')) {
  steps.push(
    esbuild({
      ...common,
      entryPoints: [at('src-main/hosts/cli/main.ts')],
      outfile: at('out/cli/kubelet-studio.mjs'),
      format: 'esm',
      packages: 'external',
    }),
  );
}
if (wanted('sandbox')) {
  // The simulated node's programs (kubelet, crictl, kubectl, journalctl) run on test nodes
  // as plain `node file.cjs`: bundle them whole so they start fast and need nothing else.
  const binDir = at('src-main/sandbox/bin');
  const entries = existsSync(binDir) ? readdirSync(binDir).filter((f) => f.endsWith('.ts')) : [];
  for (const entry of entries) {
    steps.push(
      esbuild({
        ...common,
        entryPoints: [path.join(binDir, entry)],
        outfile: at('out/sandbox', entry.replace(/\.ts$/, '.cjs')),
        format: 'cjs',
      }),
    );
  }
}
if (wanted('renderer')) {
  steps.push(viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' }));
}

try {
  await Promise.all(steps);
  console.log(`Kubelet Studio built in ${((Date.now() - started) / 1000).toFixed(1)} s (out/).`);
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
