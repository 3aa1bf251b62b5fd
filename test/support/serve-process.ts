/**
 * Starts `kubelet-studio serve` as a real child process (the command users run), waits for
 * its URL line, and stops it by pid. Used by the e2e suite and the browser-mode tests.
 * A launch link works once: each page gets its own from launchUrl() (`kubelet-studio open`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface ServeProcess {
  /** The launch link serve printed (works once). */
  url: string;
  origin: string;
  port: number;
  /** The launch token of `url`. */
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** A new launch link from the running serve, as `kubelet-studio open --no-open` prints it. */
  launchUrl(): Promise<string>;
  stop(): Promise<void>;
}

export const LAUNCH_URL = /^Kubelet Studio: (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)$/m;

export async function startServe(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  options: { open?: boolean } = {},
): Promise<ServeProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-e2e-data-'));
  const childEnv = {
    ...process.env,
    KUBELET_STUDIO_DATA_DIR: dataDir,
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    ...env,
  };
  const cli = path.join(repoRoot, 'bin/kubelet-studio.mjs');
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', ...(options.open ? [] : ['--no-open']), ...extraArgs],
    {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LAUNCH_URL.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const port = Number(parsed.port);
  return {
    url,
    origin: parsed.origin,
    port,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    dataDir,
    child,
    output: () => output,
    launchUrl: () =>
      new Promise((resolve, reject) => {
        execFile(
          process.execPath,
          [cli, 'open', '--no-open', '--port', String(port)],
          { env: childEnv },
          (error, stdout, stderr) => {
            const match = LAUNCH_URL.exec(stdout);
            if (error || !match?.[1]) reject(new Error(`kubelet-studio open failed: ${stderr}${stdout}`));
            else resolve(match[1]);
          },
        );
      }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
