// `npm start`: the Electron app, or — where Electron's binary is missing (it cannot be
// downloaded on offline machines) or there is no display — browser mode, after one line
// saying so. Extra arguments go to `kubelet-studio serve` (e.g. `npm start -- --port 8080`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (
  !existsSync(path.join(root, 'out/cli/kubelet-studio.mjs')) ||
  !existsSync(path.join(root, 'out/renderer/index.html'))
) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let child;
if (binary && hasDisplay) {
  child = spawn(binary, [root], { stdio: 'inherit' });
} else {
  const why = binary ? 'there is no display' : 'the Electron binary is not installed here';
  console.log(`Kubelet Studio: ${why}, so it runs in browser mode instead.`);
  child = spawn(
    process.execPath,
    [path.join(root, 'bin/kubelet-studio.mjs'), 'serve', ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
