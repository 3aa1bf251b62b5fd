/**
 * The kubelet daemon for one simulated node: runs the engine, publishes the state file,
 * writes the pid file, answers rpc.ts on the unix socket, and stops cleanly on SIGTERM/SIGINT.
 * Stopping leaves the runtime's pods running in the last published state; the next start on
 * the same root takes them over, as a restarted kubelet does (docs/kubelet.md §1.7).
 */
import fs from 'node:fs';
import path from 'node:path';
import type net from 'node:net';
import { startSimKubelet, type SimKubeletOptions } from '../engine/kubelet';
import { readServingPki } from '../apiserver/pki';
import { API_SERVER_PORT, SimApiServer } from '../apiserver/server';
import type { SimNodeState } from '../model';
import { serveSimRpc } from './rpc-server';
import { StatePublisher } from './state-publisher';
import { serveRuntimeSocket, type RuntimeSocket } from './runtime-socket';
import { socketPath } from '../commands/crictl-endpoint';
import { nodePathToHost } from '../paths';
import { DEFAULT_RUNTIME } from './sim-env';

export interface SimDaemonHandle {
  stop(): Promise<void>;
}

function readPreviousState(file: string): SimNodeState | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SimNodeState;
  } catch {
    return undefined;
  }
}

export async function runSimDaemon(
  options: SimKubeletOptions & {
    handleSignals?: boolean;
    /** The stand-in API server's certificates (default kubeadm's /etc/kubernetes/pki). */
    apiPkiDir?: string;
  },
): Promise<SimDaemonHandle> {
  const { paths } = options;
  // A state file left by an earlier kubelet process means a restart: the runtime kept running.
  const kubelet = startSimKubelet({ previous: readPreviousState(paths.stateFile), ...options });
  // The runtime's CRI socket, where the kubelet's configuration says it is: only where the
  // kubelet was given its real flags (test nodes), not on the app's Sandbox node.
  const endpoint = options.config ? kubelet.runtimeEndpoint : undefined;
  const sock = endpoint ? socketPath(endpoint) : undefined;
  const runtime = options.runtime ?? DEFAULT_RUNTIME;
  let runtimeSocket: RuntimeSocket | undefined;
  if (endpoint && sock) {
    runtimeSocket = await serveRuntimeSocket(nodePathToHost(paths, sock), runtime);
    kubelet.publishRuntime({ name: runtime.name, version: runtime.version, endpoint });
  }
  // With kubeadm's certificates in place the API is also served over HTTPS on <node IP>:6443,
  // for real kubectl binaries and API clients (../apiserver); the simulated kubectl reads the
  // published state either way.
  const tls = readServingPki(options.apiPkiDir ?? paths.pkiDir);
  const apiServer = tls
    ? new SimApiServer({
        backend: kubelet,
        tls,
        host: options.nodeIp,
        port: API_SERVER_PORT,
        log: (line) => process.stderr.write(`${line}\n`),
      })
    : undefined;
  await apiServer?.ready();
  const publisher = new StatePublisher(paths.stateFile, () => kubelet.state());
  kubelet.on('change', () => publisher.schedule());
  publisher.writeNow();
  let server: net.Server;
  try {
    server = await serveSimRpc(paths.socketPath, {
      'pods.delete': (p) => kubelet.deletePod(p.namespace, p.name, p.gracePeriodSeconds),
      'pods.apply': (p) => kubelet.applyPod(p.manifest),
      'nodes.delete': (p) => kubelet.deleteNode(p.name),
      'pods.patchMetadata': (p) =>
        kubelet.patchMetadata(p.namespace, p.name, p.labels, p.annotations, p.finalizers),
      'journal.emit': (p) => ({ lastCursor: kubelet.journal.emit(p.messages) }),
      'journal.vacuum': (p) => ({ removed: kubelet.journal.vacuum(p.keep) }),
      'kubelet.relist': () => ({ pods: kubelet.relist() }),
    });
  } catch (e) {
    await apiServer?.stop();
    await runtimeSocket?.close();
    kubelet.stop();
    throw e;
  }
  fs.mkdirSync(path.dirname(paths.pidFile), { recursive: true });
  fs.writeFileSync(paths.pidFile, `${process.pid}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      kubelet.stop();
      publisher.stop();
      publisher.writeNow();
      server.close(() => resolve());
      fs.rmSync(paths.socketPath, { force: true });
      fs.rmSync(paths.pidFile, { force: true });
    })
      .then(() => runtimeSocket?.close())
      .then(() => apiServer?.stop()));
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => void stop().then(() => process.exit(0)));
    }
  }
  return { stop };
}
