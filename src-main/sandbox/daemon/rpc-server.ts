/**
 * Server side of the newline-delimited JSON protocol (rpc.ts) on the unix socket.
 * A stale socket file from a crashed daemon is removed before listening.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { SimRpcMethod, SimRpcMethods } from '../rpc';

export type SimRpcHandlers = {
  [M in SimRpcMethod]: (params: SimRpcMethods[M]['params']) => SimRpcMethods[M]['result'];
};

/** Requests larger than this are refused (the biggest legit one is journal.emit with 100k lines). */
const MAX_REQUEST_BYTES = 256 * 1024 * 1024;

export function serveSimRpc(socketPath: string, handlers: SimRpcHandlers): Promise<net.Server> {
  fs.mkdirSync(path.dirname(socketPath), { recursive: true });
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) {
        socket.end(JSON.stringify({ ok: false, error: 'request too large' }) + '\n');
        return;
      }
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      socket.end(JSON.stringify(dispatch(buffer.slice(0, nl), handlers)) + '\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}

function dispatch(
  line: string,
  handlers: SimRpcHandlers,
): { ok: true; result: unknown } | { ok: false; error: string } {
  try {
    const request = JSON.parse(line) as { method?: unknown; params?: unknown };
    if (
      typeof request.method !== 'string' ||
      !Object.prototype.hasOwnProperty.call(handlers, request.method)
    ) {
      return { ok: false, error: `unknown method ${String(request.method)}` };
    }
    const handler = handlers[request.method as SimRpcMethod] as (p: unknown) => unknown;
    return { ok: true, result: handler(request.params ?? {}) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
