/**
 * `kubelet-studio open` gets a new launch link from a running `serve`: a launch token works once,
 * so another window (or a tab closed for longer than its session lasts) needs a new one. They
 * talk over a unix socket in the data directory (0700, the socket 0600), so only the user who
 * started `serve` can ask. Every connection mints one link; nothing is read from the client.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir } from '../../store/data-dir';

export const LaunchReply = z.object({ url: z.string(), fileUrl: z.string() });
export type LaunchReply = z.infer<typeof LaunchReply>;

const SOCKET_NAME = /^serve-(\d+)\.sock$/;

export function controlSocketPath(dataDir: string, port: number): string {
  return path.join(dataDir, `serve-${port}.sock`);
}

export interface LaunchControl {
  /** Null when the platform or the path length leaves no unix socket (then `open` says so). */
  path: string | null;
  close(): Promise<void>;
}

export async function startLaunchControl(
  dataDir: string,
  port: number,
  newLaunch: () => Promise<LaunchReply>,
): Promise<LaunchControl> {
  const socketPath = controlSocketPath(dataDir, port);
  if (process.platform === 'win32') return { path: null, close: async () => {} };
  await ensurePrivateDir(dataDir);
  await fs.rm(socketPath, { force: true }); // a stale one from a serve that did not stop cleanly
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    newLaunch().then(
      (reply) => socket.end(`${JSON.stringify(reply)}\n`),
      () => socket.destroy(),
    );
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false)); // e.g. a path longer than sun_path's 108 bytes
    server.listen(socketPath, () => resolve(true));
  });
  if (!listening) return { path: null, close: async () => {} };
  await fs.chmod(socketPath, 0o600);
  return {
    path: socketPath,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function ask(socketPath: string): Promise<LaunchReply | null> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => resolve(null));
    socket.on('end', () => {
      try {
        const parsed = LaunchReply.safeParse(JSON.parse(text));
        resolve(parsed.success ? parsed.data : null);
      } catch {
        resolve(null);
      }
    });
  });
}

/** Ports of the `serve` processes that use `dataDir` (by their sockets; stale ones included). */
export async function servePorts(dataDir: string): Promise<number[]> {
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const match = SOCKET_NAME.exec(name);
    return match ? [Number(match[1])] : [];
  });
}

/** A new launch link from the `serve` on `port`, or null when none answers there. */
export async function requestLaunch(dataDir: string, port: number): Promise<LaunchReply | null> {
  return ask(controlSocketPath(dataDir, port));
}
