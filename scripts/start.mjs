// `npm start`: the Electron app where it can run, else browser mode after one line saying why
// (scripts/start-mode.mjs decides: no Electron binary, no display, running as root, or Electron
// exiting before its window opened). Extra arguments go to `kubelet-studio serve` in browser
// mode (e.g. `npm start -- --port 8080`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCH_STATUS_ENV, afterElectronExit, chooseStartMode, findElectronBinary } from './start-mode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (
  !existsSync(path.join(root, 'out/cli/kubelet-studio.mjs')) ||
  !existsSync(path.join(root, 'out/renderer/index.html')) ||
  !existsSync(path.join(root, 'out/main/electron-main.cjs'))
) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

let child;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    child?.kill(signal);
  });
}

function startBrowserMode() {
  child = spawn(
    process.execPath,
    [path.join(root, 'bin/kubelet-studio.mjs'), 'serve', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startElectron(binary, args) {
  const statusDir = mkdtempSync(path.join(os.tmpdir(), 'kubelet-studio-start-'));
  const statusFile = path.join(statusDir, 'launch-status');
  let stderrTail = '';
  child = spawn(binary, args, {
    stdio: ['inherit', 'inherit', 'pipe'],
    // The Node running npm runs the Sandbox node's programs (src-main/hosts/sandbox-runtime.ts).
    env: { ...process.env, [LAUNCH_STATUS_ENV]: statusFile, KUBELET_STUDIO_NODE: process.execPath },
  });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  child.on('error', (error) => {
    stderrTail += `\n${error.message}`;
  });
  child.on('close', (code, signal) => {
    let status = '';
    try {
      status = readFileSync(statusFile, 'utf8').trim();
    } catch {
      // never written: the app did not get as far as its window
    }
    rmSync(statusDir, { recursive: true, force: true });
    const next = afterElectronExit({ code, signal, status, interrupted, stderrTail });
    if (next.action === 'exit') process.exit(next.code);
    console.log(next.notice);
    startBrowserMode();
  });
}

const decision = chooseStartMode({
  electron: findElectronBinary(() => createRequire(import.meta.url)('electron'), existsSync),
  platform: process.platform,
  env: process.env,
  uid: process.getuid?.(),
  projectRoot: root,
});
if (decision.mode === 'electron') {
  startElectron(decision.binary, decision.args);
} else {
  console.log(decision.notice);
  startBrowserMode();
}
