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
import { apiServerRole, clusterMembership, startApiSync } from './cluster-membership';
import { serveRuntimeSocket, type RuntimeSocket } from './runtime-socket';
import { socketPath } from '../commands/crictl-endpoint';
import { nodePathToHost } from '../paths';
import { DEFAULT_RUNTIME } from './sim-env';
import { ComponentPorts } from '../serving/component-ports';

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
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // A state file left by an earlier kubelet process means a restart: the runtime kept running.
  const previous = readPreviousState(paths.stateFile);
  // A kubelet.conf naming another node's API server: this node joined that node's cluster.
  const membership = clusterMembership(paths, options.nodeIp);
  const kubelet = startSimKubelet({ previous, apiRemote: membership.apiRemote, ...options });
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
  const pkiDir = options.apiPkiDir ?? paths.pkiDir;
  const tls = readServingPki(pkiDir);
  const role = tls ? apiServerRole(pkiDir, membership, () => kubelet.nextResourceVersion(), previous) : {};
  const apiServer = tls
    ? new SimApiServer({
        backend: kubelet,
        tls,
        readServingPair: () => readServingPki(pkiDir),
        host: options.nodeIp,
        port: API_SERVER_PORT,
        log,
        ...role,
      })
    : undefined;
  await apiServer?.ready();
  // The kubelet's, etcd's, the controller-manager's and the scheduler's ports, where the kubelet
  // has its real flags (test nodes): the app's Sandbox node binds no ports.
  const ports = options.config
    ? new ComponentPorts({
        nodeName: options.nodeName,
        nodeIp: options.nodeIp,
        serving: kubelet.serving,
        kubeletMinor: options.kubeletMinor ?? 32,
        toHost: (p) => nodePathToHost(paths, p),
        state: () => kubelet.state(),
        log,
      })
    : undefined;
  await ports?.start();
  if (ports) kubelet.on('change', () => void ports.sync());
  const published = (): SimNodeState =>
    role.remote ? { ...kubelet.state(), cluster: role.remote.snapshot() } : kubelet.state();
  const publisher = new StatePublisher(paths.stateFile, published);
  kubelet.on('change', () => publisher.schedule());
  role.remote?.on('change', () => publisher.schedule());
  const sync = startApiSync(membership, options.nodeName, () => kubelet.state(), log);
  if (sync) kubelet.on('change', () => sync.changed());
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
    await sync?.stop();
    await apiServer?.stop();
    await ports?.stop();
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
      .then(() => sync?.stop())
      .then(() => runtimeSocket?.close())
      .then(() => apiServer?.stop())
      .then(() => ports?.stop()));
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => void stop().then(() => process.exit(0)));
    }
  }
  return { stop };
}
