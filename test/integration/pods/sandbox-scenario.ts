/**
 * The node under test of the pods scenarios (issue 6 acceptance): a core connected to it, its
 * files, and its own commands (kubectl, crictl) run exactly as a user on the node would run
 * them. The Sandbox node is here; an OpenSSH test node in ssh-scenario.ts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { repoRoot } from '../../support/serve-process';

const run = promisify(execFile);

/**
 * The node a pods scenario runs on (the Sandbox node, or an OpenSSH test node): the suites
 * arrange it through this adapter only, so one suite runs unchanged on both (issue 6
 * acceptance "On test nodes").
 */
export interface PodsScenario {
  /** Shown in the suite's name. */
  label: string;
  core: CoreApi;
  nodeId: string;
  /** The static pod path, as a path ON the node. */
  manifests: string;
  /** A directory on the node, on the static pod path's file system, to move files aside to. */
  aside: string;
  /** Where the test process reaches a node path. */
  hostPath(nodePath: string): string;
  snapshot(): Promise<NodePodsSnapshot>;
  /** Polls the snapshot until `ok` holds (the simulated kubelet acts within seconds). */
  until(ok: (s: NodePodsSnapshot) => boolean, timeoutMs?: number): Promise<NodePodsSnapshot>;
  /** Runs one of the node's tools (kubectl, crictl) as root on the node would; paths are node paths. */
  tool(name: 'kubectl' | 'crictl', args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Command lines of the node's live processes (to check that nothing is left running). */
  processArgs(): string[];
  /**
   * `systemctl restart kubelet`: the same command line on the same node, the runtime's pods
   * kept running; resolves once the new kubelet has published its state.
   */
  restartKubelet(): Promise<void>;
  dispose(): Promise<void>;
}

export type ScenarioNode = Omit<PodsScenario, 'snapshot' | 'until'>;

/** Adds the snapshot polling and waits for the kubeadm control plane's four pods. */
export async function readyScenario(node: ScenarioNode): Promise<PodsScenario> {
  const snapshot = () => node.core.handlers['pods.snapshot']({ id: node.nodeId });
  const scenario: PodsScenario = {
    ...node,
    snapshot,
    async until(ok, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await snapshot();
        if (ok(value)) return value;
        if (Date.now() > deadline)
          throw new Error(
            `condition not reached on ${node.label}; last findings: ${JSON.stringify(value.findings.map((f) => f.title))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
  await scenario.until(
    (s) =>
      s.pods.filter(
        (p) => p.origin === 'static' && p.apiPod && p.containers.some((c) => c.state === 'running'),
      ).length === 4,
    60_000,
  );
  return scenario;
}

export async function startPodsScenario(): Promise<PodsScenario> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-pods-'));
  const root = path.join(dataDir, 'sandbox-node');
  const core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root, bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
  return readyScenario({
    label: 'the Sandbox node',
    core,
    nodeId: SANDBOX_NODE_ID,
    manifests: path.join(root, 'etc/kubernetes/manifests'),
    aside: root,
    // Its discovered paths (static pod path) are this machine's already; the runtime's own
    // (CRI log paths /var/log/pods/…) are node paths below its root.
    hostPath: (nodePath) =>
      nodePath === root || nodePath.startsWith(`${root}/`) ? nodePath : path.join(root, nodePath),
    async tool(name, args) {
      return run(path.join(root, 'bin', name), args, { env: { ...process.env, KUBELET_SIM_ROOT: root } });
    },
    // As a user in the node's terminal: the app runs the kubelet as systemd would (sandbox-bin.ts).
    async restartKubelet() {
      await run(path.join(root, 'bin', 'systemctl'), ['restart', 'kubelet']);
    },
    // The Sandbox node's processes are this machine's; its own are the ones naming its root.
    processArgs() {
      const out: string[] = [];
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
          const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
          if (env.includes(`KUBELET_SIM_ROOT=${root}`)) out.push(argv);
        } catch {
          // The process ended while being read.
        }
      }
      return out;
    },
    async dispose() {
      await core.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A one-container host-network static pod in kube-system, its container given in flow style. */
function singleContainerManifest(name: string, container: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: kube-system, labels: {app: ${name}}}`,
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `  - {name: main, ${container}}`,
    '',
  ].join('\n');
}

/**
 * A static pod whose container exits at once: a kube-scheduler given an unknown flag, which the
 * simulated component rejects as cobra does (usage + `Error: unknown flag: --x`, exit 1).
 */
export function crashingManifest(name: string): string {
  return singleContainerManifest(
    name,
    `image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --this-is-very-wrong-${name}]`,
  );
}

export function sleepingManifest(name: string): string {
  return singleContainerManifest(name, 'image: busybox:1.36, command: [sleep, "3600"]');
}
