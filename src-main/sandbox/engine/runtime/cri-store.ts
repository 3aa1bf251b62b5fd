/**
 * The simulated container runtime (containerd or CRI-O as seen through the CRI): sandboxes, containers
 * and their CRI log files. Only state here; the pod workers decide what happens when.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimContainer, SimSandbox } from '../../model';
import type { SimClock } from '../clock';
import { criId, imageIdFor, imageRefFor } from '../ids';
import type { LogLine } from './component-logs';
import type { RuntimeName } from '../../daemon/sim-env';

export interface SandboxRequest {
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostNetwork: boolean;
  ip: string;
}

export interface ContainerRequest {
  name: string;
  attempt: number;
  image: string;
  command: string[];
  annotations: Record<string, string>;
}

/** `/var/log/pods/<ns>_<pod>_<uid>` (docs/kubelet.md §0, §3.1), a node path. */
export function podLogDir(namespace: string, name: string, uid: string): string {
  return `/var/log/pods/${namespace}_${name}_${uid}`;
}

/** RFC 3339 with 9 fractional digits, UTC, as the CRI log format writes it. */
export function rfc3339Nano(ns: string): string {
  const big = BigInt(ns);
  const ms = Number(big / 1_000_000n);
  const frac = (big % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

export class CriStore {
  readonly sandboxes: SimSandbox[] = [];
  readonly containers: SimContainer[] = [];

  constructor(
    private readonly root: string,
    private readonly clock: SimClock,
    /** CRI-O labels every sandbox `io.kubernetes.container.name: POD` (docs/kubelet.md §3.1). */
    private readonly runtime: RuntimeName = 'containerd',
  ) {}

  runSandbox(req: SandboxRequest): SimSandbox {
    const sandbox: SimSandbox = {
      id: criId(),
      name: req.name,
      namespace: req.namespace,
      uid: req.uid,
      attempt: req.attempt,
      state: 'SANDBOX_READY',
      createdAtNs: this.clock.nowNs(),
      labels: {
        ...req.labels,
        'io.kubernetes.pod.name': req.name,
        'io.kubernetes.pod.namespace': req.namespace,
        'io.kubernetes.pod.uid': req.uid,
        ...(this.runtime === 'cri-o' ? { 'io.kubernetes.container.name': 'POD' } : {}),
      },
      annotations: { ...req.annotations },
      runtimeHandler: '',
      hostNetwork: req.hostNetwork,
      ip: req.ip,
    };
    this.sandboxes.push(sandbox);
    fs.mkdirSync(this.hostPath(podLogDir(req.namespace, req.name, req.uid)), { recursive: true });
    return sandbox;
  }

  stopSandbox(id: string): void {
    const sandbox = this.sandboxes.find((s) => s.id === id);
    if (sandbox) sandbox.state = 'SANDBOX_NOTREADY';
  }

  /** Removes the sandbox, its containers and the pod's log directory (container GC). */
  removeSandbox(id: string): void {
    const index = this.sandboxes.findIndex((s) => s.id === id);
    if (index < 0) return;
    const [sandbox] = this.sandboxes.splice(index, 1);
    for (const c of this.containers.filter((c) => c.podSandboxId === id)) this.removeContainer(c.id);
    if (!this.sandboxes.some((s) => s.uid === sandbox.uid)) {
      fs.rmSync(this.hostPath(podLogDir(sandbox.namespace, sandbox.name, sandbox.uid)), {
        recursive: true,
        force: true,
      });
    }
  }

  createContainer(sandbox: SimSandbox, req: ContainerRequest): SimContainer {
    const logPath = `${podLogDir(sandbox.namespace, sandbox.name, sandbox.uid)}/${req.name}/${req.attempt}.log`;
    const container: SimContainer = {
      id: criId(),
      podSandboxId: sandbox.id,
      name: req.name,
      attempt: req.attempt,
      imageSpec: req.image,
      imageId: imageIdFor(req.image),
      imageRef: imageRefFor(req.image),
      state: 'CONTAINER_CREATED',
      createdAtNs: this.clock.nowNs(),
      startedAtNs: '0',
      finishedAtNs: '0',
      exitCode: 0,
      reason: '',
      message: '',
      labels: {
        'io.kubernetes.container.name': req.name,
        'io.kubernetes.pod.name': sandbox.name,
        'io.kubernetes.pod.namespace': sandbox.namespace,
        'io.kubernetes.pod.uid': sandbox.uid,
      },
      annotations: { ...req.annotations },
      logPath,
      command: req.command,
    };
    fs.mkdirSync(path.dirname(this.hostPath(logPath)), { recursive: true });
    fs.writeFileSync(this.hostPath(logPath), '');
    this.containers.push(container);
    return container;
  }

  startContainer(container: SimContainer): void {
    container.state = 'CONTAINER_RUNNING';
    container.startedAtNs = this.clock.nowNs();
  }

  exitContainer(container: SimContainer, exitCode: number, reason: string, message = ''): void {
    container.state = 'CONTAINER_EXITED';
    container.exitCode = exitCode;
    container.reason = reason;
    container.message = message;
    container.finishedAtNs = this.clock.nowNs();
  }

  removeContainer(id: string): void {
    const index = this.containers.findIndex((c) => c.id === id);
    if (index >= 0) this.containers.splice(index, 1);
  }

  /** Appends CRI-format lines: `<RFC3339Nano> <stream> F <text>` (docs/kubelet.md §3.1). */
  appendLog(container: SimContainer, lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const ts = rfc3339Nano(this.clock.nowNs());
    const text = lines.map((l) => `${ts} ${l.stream} F ${l.text}\n`).join('');
    fs.appendFileSync(this.hostPath(container.logPath), text);
  }

  /** Keeps only the newest exited container per name in a sandbox (docs/kubelet.md §3.1, §9.4). */
  pruneExited(sandboxId: string, name: string, keepId: string): void {
    for (const c of this.containers.filter(
      (c) =>
        c.podSandboxId === sandboxId && c.name === name && c.state === 'CONTAINER_EXITED' && c.id !== keepId,
    )) {
      this.removeContainer(c.id);
    }
  }

  hostPath(nodePath: string): string {
    return path.join(this.root, nodePath);
  }
}
