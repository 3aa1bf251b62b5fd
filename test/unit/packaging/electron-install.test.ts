import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/serve-process';
import { storedZip } from './stored-zip';

// Where Electron can be downloaded, `npm install` gets the binary (electron's own install.js,
// which package.json's allowScripts lets npm run) and `npm start` runs it. No Electron release
// can be downloaded here, so a local stand-in plays the release server: @electron/get downloads
// from ELECTRON_MIRROR (`<mirror>v<version>/electron-v<version>-<platform>-<arch>.zip`) and, with
// electron_use_remote_checksums, checks it against the SHASUMS256.txt beside it
// (https://www.electronjs.org/docs/latest/tutorial/installation, "Mirror" and "Cache";
// @electron/get artifact-utils.js). The archive holds a stand-in `electron`, a shell script
// that prints how it was started. Nothing leaves 127.0.0.1.
const electronPackage = path.join(repoRoot, 'node_modules/electron');
const version = JSON.parse(fs.readFileSync(path.join(electronPackage, 'package.json'), 'utf8'))
  .version as string;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

const STAND_IN = `#!/bin/sh
# Stand-in for the Electron binary: says how it was started.
echo "stand-in electron argv: $*"
echo "stand-in electron node: $KUBELET_STUDIO_NODE"
if [ "$STAND_IN_OPENS_WINDOW" = 1 ] && [ -n "$KUBELET_STUDIO_LAUNCH_STATUS" ]; then
  printf window-shown > "$KUBELET_STUDIO_LAUNCH_STATUS"
  exit 3
fi
echo "stand-in electron: cannot open a window here" >&2
exit 1
`;

let tmp: string;
let server: http.Server;
let mirror: string;
const requests: string[] = [];
let shasums = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-electron-install-'));
  const zip = storedZip([
    { name: 'electron', data: Buffer.from(STAND_IN), mode: 0o100755 },
    { name: 'version', data: Buffer.from(`v${version}`), mode: 0o100644 },
  ]);
  shasums = `${crypto.createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/v${version}/${zipName}`) response.writeHead(200).end(zip);
    else if (request.url === `/v${version}/SHASUMS256.txt`) response.writeHead(200).end(shasums);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The environment with every Electron download setting removed (CI skips the download). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(ELECTRON_|npm_config_electron_|npm_package_config_electron_|electron_)/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** A fresh node_modules/electron holding the package's own files, as npm unpacks it. */
function unpackElectronPackage(name: string): string {
  const dir = path.join(tmp, name, 'node_modules', 'electron');
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    fs.copyFileSync(path.join(electronPackage, file), path.join(dir, file));
  }
  return dir;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot) {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      listeners.forEach((listener) => listener());
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    /** Resolves when the output matches, or rejects when the process ends first. */
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then(() => {
          check();
          reject(new Error(`exited before printing ${pattern}:\n${output}`));
        });
      });
    },
  };
}

function installScript(dir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [path.join(dir, 'install.js')], {
    ...cleanEnv(),
    // The install script's own dependencies (@electron/get, extract-zip) from the project.
    NODE_PATH: path.join(repoRoot, 'node_modules'),
    ELECTRON_MIRROR: mirror,
    electron_use_remote_checksums: '1',
    electron_config_cache: path.join(tmp, 'cache'),
    ...extraEnv,
  });
}

const linuxOnly = process.platform !== 'linux';

describe('installing Electron from a mirror (a local stand-in for the release download)', () => {
  it.skipIf(linuxOnly)(
    'puts the binary in node_modules/electron/dist, and require("electron") names it',
    async () => {
      const dir = unpackElectronPackage('online');
      const install = installScript(dir);
      expect(await install.exited, install.output()).toBe(0);
      expect(requests).toContain(`/v${version}/${zipName}`);
      expect(requests).toContain(`/v${version}/SHASUMS256.txt`);
      const binary = path.join(dir, 'dist', 'electron');
      expect(fs.statSync(binary).mode & 0o111).not.toBe(0);
      expect(fs.readFileSync(path.join(dir, 'path.txt'), 'utf8')).toBe('electron');
      const resolved = run(process.execPath, ['-p', `require(${JSON.stringify(dir)})`], cleanEnv());
      expect(await resolved.exited).toBe(0);
      expect(resolved.output().trim()).toBe(binary);
    },
  );

  it.skipIf(linuxOnly)('refuses an archive whose checksum does not match', async () => {
    const good = shasums;
    shasums = `${'0'.repeat(64)} *${zipName}\n`;
    try {
      const dir = unpackElectronPackage('tampered');
      const install = installScript(dir, { electron_config_cache: path.join(tmp, 'cache-tampered') });
      expect(await install.exited).not.toBe(0);
      expect(install.output()).toMatch(/checksum|sha/i);
      expect(fs.existsSync(path.join(dir, 'dist', 'electron'))).toBe(false);
    } finally {
      shasums = good;
    }
  });

  it('skips the download with ELECTRON_SKIP_BINARY_DOWNLOAD=1, and require("electron") then throws', async () => {
    const dir = unpackElectronPackage('offline');
    const before = requests.length;
    const install = installScript(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(await install.exited).toBe(0);
    expect(requests.length).toBe(before);
    const resolved = run(process.execPath, ['-e', `require(${JSON.stringify(dir)})`], cleanEnv());
    expect(await resolved.exited).not.toBe(0);
    expect(resolved.output()).toMatch(/Electron failed to install correctly/);
  });
});

describe('npm start with the downloaded binary', () => {
  const asRoot = process.getuid?.() === 0;
  function start(extraEnv: NodeJS.ProcessEnv) {
    const dist = path.join(tmp, 'online', 'node_modules', 'electron', 'dist');
    return run(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), '--no-open', '--port', '0'], {
      ...cleanEnv(),
      // The project's electron package, pointed at the binary installed above
      // (node_modules/electron/index.js honours ELECTRON_OVERRIDE_DIST_PATH).
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      DISPLAY: ':99',
      KUBELET_STUDIO_ELECTRON_AS_ROOT: '1',
      KUBELET_STUDIO_DATA_DIR: fs.mkdtempSync(path.join(tmp, 'data-')),
      ...extraEnv,
    });
  }

  it.skipIf(linuxOnly)(
    'execs it with the project, and exits with its code once its window was shown',
    async () => {
      const started = start({ STAND_IN_OPENS_WINDOW: '1' });
      expect(await started.exited).toBe(3);
      const argv = started.output().match(/stand-in electron argv: (.*)/)?.[1];
      expect(argv).toBe(asRoot ? `--no-sandbox ${repoRoot}` : repoRoot);
      expect(started.output()).toContain(`stand-in electron node: ${process.execPath}`);
      expect(started.output()).not.toMatch(/browser mode/);
    },
  );

  it.skipIf(linuxOnly)('falls back to browser mode with one line when Electron exits at once', async () => {
    const started = start({});
    try {
      await started.waitFor(/Kubelet Studio: http:\/\/127\.0\.0\.1:\d+\//);
      expect(started.output()).toContain('stand-in electron argv:');
      const notices = started
        .output()
        .match(/^Kubelet Studio: Electron exited before its window opened.*$/gm);
      expect(notices).toEqual([
        'Kubelet Studio: Electron exited before its window opened (exit code 1: stand-in electron: cannot open a window here), so it runs in browser mode instead.',
      ]);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
    }
  });
});
