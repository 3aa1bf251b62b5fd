/**
 * Client side of the daemon protocol (rpc.ts): one request line, one response line.
 * Used by the node commands (kubectl delete/apply/label/annotate) and by tests.
 */
import net from 'node:net';
import type { SimPaths } from '../paths';
import type { SimRpcMethod, SimRpcMethods, SimRpcResponse } from '../rpc';

export class SimDaemonError extends Error {}

export function callSimDaemon<M extends SimRpcMethod>(
  paths: Pick<SimPaths, 'socketPath'>,
  method: M,
  params: SimRpcMethods[M]['params'],
  timeoutMs = 30_000,
): Promise<SimRpcMethods[M]['result']> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(paths.socketPath);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SimDaemonError(`kubelet-sim: no answer to ${method} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify({ method, params }) + '\n'));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        const response = JSON.parse(buffer.slice(0, nl)) as SimRpcResponse<M>;
        if (response.ok) resolve(response.result);
        else reject(new SimDaemonError(response.error));
      } catch (e) {
        reject(new SimDaemonError(`kubelet-sim: bad response: ${(e as Error).message}`));
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new SimDaemonError(
          `kubelet-sim: cannot reach the kubelet daemon at ${paths.socketPath}: ${e.message}`,
        ),
      );
    });
  });
}
