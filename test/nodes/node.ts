/**
 * One test node: its files, its namespaces, its kubelet and sshd, and the handle tests use to
 * act on it (run a command as root inside it, freeze or cut its sshd, read its sshd log).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { ClientKey, HostKey, NodeInfo } from './description';
import { initScript } from './init-script';
import { generateHostKeys } from './keys';
import type { KeyCache } from './keys';
import type { NodeLayout } from './layout';
import { hostPathOf, nodeLayout } from './layout';
import type { NodeNamespace } from './namespace';
import { runInNamespace, startNamespace, stopNamespace } from './namespace';
import { waitForKubelet } from './kubelet-state';
import { restartKubelet } from './kubelet-control';
import { writeNodeFiles } from './node-files';
import { writeApiCredentials } from './api-credentials';
import { callSimDaemon } from '../../src-main/sandbox/daemon/client';
import type { ProfileDefinition, ProfileNode } from './profiles/types';
import { launchLine, launchScript, profileSetupLines, stageProfileFiles } from './profiles/node-build';
import type { ProcInfo } from './procfs';
import { processesInNamespace } from './procfs';
import type { RunOptions, RunResult } from './process';
import type { SshdHandle } from './sshd-control';
import {
  cutConnections,
  restartSshd,
  signalAllSshd,
  sshdSessionProcesses,
  waitSshdReady,
} from './sshd-control';
import { sshdConfig } from './ssh-configs';
import type { UserDatabase } from './users';

export interface StartNodeInput {
  stateDir: string;
  name: string;
  role: 'control-plane' | 'worker';
  port: number;
  nodeIp: string;
  maxSessions: number;
  db: UserDatabase;
  clientKeys: readonly ClientKey[];
  sandboxDir: string;
  detached: boolean;
  kubeletVerbosity?: number;
  /** How long to wait for the simulated kubelet's state file; 0 skips the wait. */
  kubeletTimeoutMs: number;
  keyCache: KeyCache;
  /** A real kubectl binary for the node's PATH; the simulated one when absent. */
  realKubectl?: string;
  /** The set-up the node takes (profiles/index.ts). */
  profile: ProfileDefinition;
  kubeletLogMaxSizeMb?: number;
}

export async function startNode(input: StartNodeInput): Promise<NodeInfo> {
  const { facts, build } = input.profile.node({
    name: input.name,
    role: input.role,
    nodeIp: input.nodeIp,
    sandboxDir: input.sandboxDir,
    nodeBinary: process.execPath,
    realKubectl: input.realKubectl,
    verbosity: input.kubeletVerbosity,
    kubeletLogMaxSizeMb: input.kubeletLogMaxSizeMb,
  });
  const layout = nodeLayout(input.stateDir, input.name, build.nodeLocalDirs);
  await rm(layout.nodeDir, { recursive: true, force: true });
  await mkdir(layout.sshDir, { recursive: true });
  const files = {
    layout,
    name: input.name,
    db: input.db,
    clientKeys: input.clientKeys,
    sandboxDir: input.sandboxDir,
    realKubectl: input.realKubectl,
    build,
  };
  const [, hostKeys] = await Promise.all([
    writeNodeFiles(files)
      .then(() =>
        writeApiCredentials({
          nodeDir: layout.nodeDir,
          name: input.name,
          nodeName: facts.nodeName,
          nodeIp: input.nodeIp,
          places: build.credentials,
          toHost: (p) => hostPathOf(layout, p),
        }),
      )
      .then(() => stageProfileFiles(layout.nodeDir, build)),
    generateHostKeys(layout.sshDir, input.name, input.keyCache),
  ]);
  const config = sshdConfig({
    port: input.port,
    hostKeyPaths: hostKeys.map((k) => k.path),
    pidFile: layout.sshdPidFile,
    maxSessions: input.maxSessions,
    users: input.db.users,
  });
  await writeFile(layout.sshdConfig, config, { mode: 0o600 });
  const launch = launchLine(build.launch);
  await writeFile(launchScript(layout.nodeDir), `${launch}\n`, { mode: 0o755 });
  const setup = profileSetupLines(layout.nodeDir, build);
  await writeFile(layout.initScript, initScript({ layout, name: input.name, profileSetup: setup, launch }), {
    mode: 0o755,
  });

  const ns = await startNamespace(layout, input.detached);
  try {
    const sshdPid = await waitSshdReady(ns, layout);
    // The unit's main process must stay alive: the kubelet itself, or what supervises it (rke2).
    const comm = facts.kubelet.supervisorComm ?? facts.kubelet.processComm;
    if (input.kubeletTimeoutMs > 0) await waitForKubelet(ns, layout, input.kubeletTimeoutMs, comm);
    return {
      name: input.name,
      role: input.role,
      host: '127.0.0.1',
      port: input.port,
      nodeIp: input.nodeIp,
      nodeDir: layout.nodeDir,
      hostKeys,
      sshdConfigPath: layout.sshdConfig,
      sshdLogPath: layout.sshdLog,
      sshdPidFile: layout.sshdPidFile,
      sshdPid,
      ...ns,
      facts,
      localDirs: build.nodeLocalDirs,
    };
  } catch (error) {
    await stopNamespace(ns).catch(() => undefined);
    throw error;
  }
}

/** The handle a test holds for one running node. */
export class TestNode {
  readonly layout: NodeLayout;

  constructor(
    readonly info: NodeInfo,
    stateDir: string,
    /** Called when the description changes (sshd restarted), to rewrite nodes.json. */
    private readonly onChange: () => Promise<void>,
  ) {
    this.layout = nodeLayout(stateDir, info.name, info.localDirs ?? []);
  }

  /**
   * What the node's profile says about it: where its kubelet, tools, socket and log are
   * (profiles/types.ts). For acting on the node; a test of the app's findings checks them
   * against docs/distributions.md, not against this.
   */
  get profile(): ProfileNode {
    if (!this.info.facts) throw new Error(`node ${this.name} was started without a profile`);
    return this.info.facts;
  }

  get name(): string {
    return this.info.name;
  }
  get port(): number {
    return this.info.port;
  }
  get hostKeys(): HostKey[] {
    return this.info.hostKeys;
  }
  get sshdPid(): number {
    return this.info.sshdPid;
  }

  private get ns(): NodeNamespace {
    return this.info;
  }
  private get sshd(): SshdHandle {
    return { ns: this.info, layout: this.layout, listenerPid: this.info.sshdPid };
  }

  /** Runs argv as root inside the node's mount, UTS and PID namespaces (nsenter). */
  exec(argv: readonly string[], opts?: RunOptions): Promise<RunResult> {
    return runInNamespace(this.info.initPid, argv, opts);
  }

  /** Host path of a node path in its bind-mounted trees, e.g. `/etc/kubernetes/manifests`. */
  hostPath(nodePath: string): string {
    return hostPathOf(this.layout, nodePath);
  }

  /** Every process of the node, as the host sees them. */
  processes(): ProcInfo[] {
    return processesInNamespace(this.info.pidNamespace);
  }

  sshdSessionCount(): number {
    return sshdSessionProcesses(this.sshd).length;
  }

  /** SIGSTOP every sshd process: TCP stays open, nothing answers (dead-peer tests). */
  freezeSshd(): number {
    return signalAllSshd(this.sshd, 'SIGSTOP');
  }
  unfreezeSshd(): number {
    return signalAllSshd(this.sshd, 'SIGCONT');
  }

  /** Kills all connections' sshd processes; the listener keeps accepting. Returns how many. */
  cutConnections(): Promise<number> {
    return cutConnections(this.sshd);
  }

  async restartSshd(opts: { newHostKeys?: boolean } = {}): Promise<void> {
    const result = await restartSshd(this.sshd, { newHostKeys: opts.newHostKeys, hostname: this.name });
    this.info.sshdPid = result.listenerPid;
    if (result.hostKeys) this.info.hostKeys = result.hostKeys;
    await this.onChange();
  }

  /**
   * Waits until the control plane's simulated API server runs (its static pods are up), for
   * suites that need kubectl answers or mirror pods right after start.
   */
  waitForApiServer(timeoutMs = 20_000): Promise<void> {
    return waitForKubelet(this.info, this.layout, timeoutMs, this.unitComm, (s) => s.apiServerUp === true);
  }

  /**
   * `systemctl restart <the kubelet's unit>` (kubelet, rke2-server, k3s-agent): the same launch,
   * pods kept running; resolves once the new kubelet has published (kubelet-control.ts).
   */
  restartKubelet(timeoutMs?: number): Promise<void> {
    return restartKubelet(this.info, this.layout, {
      unitComm: this.unitComm,
      kubeletComm: this.kubeletComm,
      timeoutMs,
    });
  }

  /** The comm of the process that runs the kubelet (`kubelet`, `k3s-agent`). */
  private get kubeletComm(): string {
    return this.info.facts?.kubelet.processComm ?? 'kubelet';
  }

  /** The comm of the unit's main process: the kubelet's, or its supervisor's (`rke2`). */
  private get unitComm(): string {
    return this.info.facts?.kubelet.supervisorComm ?? this.kubeletComm;
  }

  /**
   * Appends lines to the kubelet's log as the kubelet writes them (each gets a klog header, or
   * becomes a JSON line with --logging-format=json): to its journal unit, or to its log file on
   * RKE2. For log volume and rotation; returns the last journal cursor ('' for a file).
   */
  async emitKubeletLog(messages: string[]): Promise<string> {
    const socketPath = this.hostPath('/run/kubelet-sim/sim.sock');
    const { lastCursor } = await callSimDaemon({ socketPath }, 'journal.emit', { messages });
    return lastCursor;
  }

  readSshdLog(): string {
    return existsSync(this.info.sshdLogPath) ? readFileSync(this.info.sshdLogPath, 'utf8') : '';
  }

  stop(): Promise<void> {
    return stopNamespace(this.ns);
  }
}
