/**
 * The simulated container runtime's CRI socket: the kubelet process plays the runtime too, so it
 * listens where the kubelet's `--container-runtime-endpoint` / `containerRuntimeEndpoint` points
 * (`/var/run/containerd/containerd.sock`, `/var/run/crio/crio.sock`,
 * `/run/k3s/containerd/containerd.sock`), root:root 0660 as containerd and CRI-O create theirs.
 * A connection gets the runtime's identity as one JSON line, then closes; crictl
 * (commands/crictl-endpoint.ts) needs no more to fail or succeed as the real one does.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { RuntimeIdentity } from './sim-env';

export interface RuntimeSocket {
  close(): Promise<void>;
}

export async function serveRuntimeSocket(hostPath: string, runtime: RuntimeIdentity): Promise<RuntimeSocket> {
  fs.mkdirSync(path.dirname(hostPath), { recursive: true, mode: 0o711 });
  fs.rmSync(hostPath, { force: true });
  const answer = `${JSON.stringify({ name: runtime.name, version: runtime.version })}\n`;
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.end(answer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hostPath, () => resolve());
  });
  fs.chmodSync(hostPath, 0o660);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(hostPath, { force: true });
      }),
  };
}
