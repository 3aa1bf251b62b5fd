import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { repoRoot } from '../../support/serve-process';

// The app's Sandbox node: the simulated kubelet as a local child process, reached through the
// same session, discovery and snapshot code as an SSH node (issue 3 point 6).
let core: CoreApi;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-sandbox-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
});

afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the sandbox node', () => {
  it('is in the node list without any set-up', async () => {
    expect(await core.handlers['nodes.list']({})).toContainEqual(
      expect.objectContaining({ id: SANDBOX_NODE_ID, kind: 'sandbox' }),
    );
  });

  it('connects and is discovered like a real node, from its kubelet process', async () => {
    await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
    const found = await core.handlers['node.discover']({ id: SANDBOX_NODE_ID });
    expect(found).toMatchObject({
      nodeName: 'controlplane',
      staticPodPath: path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests'),
      staticPodPathSource: 'config',
    });
    expect(found.kubeletArgs[0]).toMatch(/\/kubelet$/);
  });

  it('shows the four kubeadm control-plane static pods joined with their mirror pods', async () => {
    const snapshot = await eventually(
      () => core.handlers['pods.snapshot']({ id: SANDBOX_NODE_ID }),
      (s) =>
        s.pods.filter(
          (p) => p.origin === 'static' && p.apiPod && p.containers.some((c) => c.state === 'running'),
        ).length === 4,
    );
    const staticPods = snapshot.pods.filter((p) => p.origin === 'static');
    expect(staticPods.map((p) => p.name).sort()).toEqual([
      'etcd-controlplane',
      'kube-apiserver-controlplane',
      'kube-controller-manager-controlplane',
      'kube-scheduler-controlplane',
    ]);
    for (const pod of staticPods) {
      expect(pod.uid).toMatch(/^[0-9a-f]{32}$/);
      expect(pod.apiPod?.config.mirror).toBe(pod.uid);
      expect(pod.apiPod?.uid).not.toBe(pod.uid);
    }
  });

  it('resets to the kubeadm defaults', async () => {
    const manifests = path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests');
    fs.writeFileSync(
      path.join(manifests, 'extra.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: extra}\nspec: {containers: [{name: c, image: busybox}]}\n',
    );
    fs.rmSync(path.join(manifests, 'etcd.yaml'));
    await core.handlers['sandbox.reset']({});
    expect(fs.readdirSync(manifests).sort()).toEqual([
      'etcd.yaml',
      'kube-apiserver.yaml',
      'kube-controller-manager.yaml',
      'kube-scheduler.yaml',
    ]);
    expect((await core.handlers['nodes.list']({})).find((n) => n.id === SANDBOX_NODE_ID)?.state).toBe(
      'connected',
    );
  });
});

describe('the sandbox kubelet process', () => {
  it('stops when the app that started it dies, even killed', async () => {
    const { spawn } = await import('node:child_process');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-orphan-'));
    // A separate app process that starts the sandbox node and reports its kubelet's pid.
    const script = [
      `import { startSandboxNode } from ${JSON.stringify(path.join(repoRoot, 'src-main/sandbox/local/sandbox-node.ts'))};`,
      `const node = await startSandboxNode({ root: ${JSON.stringify(root)}, bundleDir: ${JSON.stringify(path.join(repoRoot, 'out/sandbox'))} });`,
      'console.log(node.kubeletPid);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const scriptFile = path.join(root, 'app.mts');
    fs.writeFileSync(scriptFile, script);
    // One process (node with tsx's loader), so SIGKILL really kills the app.
    // tsx for TypeScript; text-imports.mjs for the .sh scripts the code imports as text.
    const textImports = path.join(repoRoot, 'scripts/text-imports.mjs');
    const app = spawn(process.execPath, ['--import', 'tsx', '--import', textImports, scriptFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      app.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      app.once('exit', (code) =>
        reject(new Error(`the app process exited with ${code} before starting the sandbox`)),
      );
    });
    expect(pid).toBeGreaterThan(0);
    app.kill('SIGKILL');
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 10_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const survived = alive();
    if (survived) process.kill(pid, 'SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
    expect(survived).toBe(false);
  });
});
