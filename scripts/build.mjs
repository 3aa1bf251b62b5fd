// Builds everything `npm start`, the CLI and the tests run: the renderer (Vite), the Electron
// main and preload, the CLI, and the sandbox node's commands (esbuild). Runs on `npm install`
// (prepare) so a fresh clone is ready after the README's first command. Outputs replace the
// old ones atomically (build-output.mjs): a build beside a running app or test run is safe.
import { readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { publishDirectory, pruneUnwritten, writeOutputFiles } from './build-output.mjs';

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
  // Written by writeOutputFiles, each file atomically.
  write: false,
  // Node-side shell scripts are .sh files beside their code, bundled as text.
  loader: { '.sh': 'text' },
};
const written = (result) => writeOutputFiles(result.outputFiles);
const DAY_MS = 24 * 60 * 60 * 1000;

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
    }).then(written),
    // The preload runs sandboxed: it may require only 'electron', so everything else is bundled.
    esbuild({
      ...common,
      entryPoints: [at('src-main/hosts/electron/preload.ts')],
      outfile: at('out/preload/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    }).then(written),
  );
}
if (wanted('cli')) {
  steps.push(
    // Split at each dynamic import(): a command's code, and the packages it imports, load only
    // when that command runs (src-main/hosts/cli/commands/index.ts). Chunks a still running
    // older CLI may yet load stay a day after a rebuild.
    esbuild({
      ...common,
      entryPoints: { 'kubelet-studio': at('src-main/hosts/cli/main.ts') },
      outdir: at('out/cli'),
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      format: 'esm',
      packages: 'external',
    }).then((result) => pruneUnwritten(at('out/cli'), written(result), DAY_MS)),
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
      }).then(written),
    );
  }
}
if (wanted('renderer')) {
  // Built aside, then moved in file by file: out/renderer is never empty while it builds.
  const staging = at('out', `.renderer-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  steps.push(
    viteBuild({
      configFile: at('vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    }).then(
      () => publishDirectory(staging, at('out/renderer')),
      (error) => {
        rmSync(staging, { recursive: true, force: true });
        throw error;
      },
    ),
  );
}

try {
  await Promise.all(steps);
  console.log(`Kubelet Studio built in ${((Date.now() - started) / 1000).toFixed(1)} s (out/).`);
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
