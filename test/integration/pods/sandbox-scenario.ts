/**
 * A core with the Sandbox node for the pods scenarios (issue 6 acceptance), and the node's own
 * commands (kubectl, crictl) run exactly as a user on the node would run them.
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

export interface PodsScenario {
  core: CoreApi;
  dataDir: string;
  root: string;
  manifests: string;
  snapshot(): Promise<NodePodsSnapshot>;
  /** Polls the snapshot until `ok` holds (the simulated kubelet acts within seconds). */
  until(ok: (s: NodePodsSnapshot) => boolean, timeoutMs?: number): Promise<NodePodsSnapshot>;
  /** Runs one of the node's tools (kubectl, crictl) as a user on the node would. */
  tool(name: 'kubectl' | 'crictl', args: string[]): Promise<{ stdout: string; stderr: string }>;
  dispose(): Promise<void>;
}

export async function startPodsScenario(): Promise<PodsScenario> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-pods-'));
  const root = path.join(dataDir, 'sandbox-node');
  const core = await createCore({ host: 'cli', dataDir, sandbox: { root, bundleDir: path.join(repoRoot, 'out/sandbox') } });
  await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
  const snapshot = () => core.handlers['pods.snapshot']({ id: SANDBOX_NODE_ID });
  const scenario: PodsScenario = {
    core,
    dataDir,
    root,
    manifests: path.join(root, 'etc/kubernetes/manifests'),
    snapshot,
    async until(ok, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await snapshot();
        if (ok(value)) return value;
        if (Date.now() > deadline) throw new Error(`condition not reached; last findings: ${JSON.stringify(value.findings.map((f) => f.title))}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async tool(name, args) {
      return run(path.join(root, 'bin', name), args, { env: { ...process.env, KUBELET_SIM_ROOT: root } });
    },
    async dispose() {
      await core.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await scenario.until((s) => s.pods.filter((p) => p.origin === 'static' && p.apiPod && p.containers.some((c) => c.state === 'running')).length === 4, 30_000);
  return scenario;
}

/**
 * A static pod whose container exits at once: a kube-scheduler given an unknown flag, which the
 * simulated component rejects as cobra does (usage + `Error: unknown flag: --x`, exit 1).
 */
export function crashingManifest(name: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: kube-system, labels: {app: ${name}}}`,
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `  - {name: main, image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --this-is-very-wrong-${name}]}`,
    '',
  ].join('\n');
}

export function sleepingManifest(name: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: kube-system, labels: {app: ${name}}}`,
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    '  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}',
    '',
  ].join('\n');
}
