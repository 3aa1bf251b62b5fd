import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { callSimDaemon } from '../../../../src-main/sandbox/daemon/client';
import { parseKubeletArgs } from '../../../../src-main/sandbox/daemon/args';
import { simPaths } from '../../../../src-main/sandbox/paths';
import type { SimNodeState } from '../../../../src-main/sandbox/model';
import { BUSYBOX } from './helpers';

let child: ReturnType<typeof spawn> | undefined;
let root: string | undefined;
afterEach(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGKILL');
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(fn: () => T | undefined, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) {
    try {
      const v = fn();
      if (v) return v;
    } catch {
      // not yet
    }
  }
  throw new Error('timeout');
}

it('parses a real kubelet argv', () => {
  expect(
    parseKubeletArgs([
      '--config=/var/lib/kubelet/config.yaml',
      '--kubeconfig=/etc/kubernetes/kubelet.conf',
      '--hostname-override=node01',
      '--node-ip=10.1.2.3',
      '--v=4',
      '--role=worker',
    ]),
  ).toMatchObject({
    nodeName: 'node01',
    nodeIp: '10.1.2.3',
    verbosity: 4,
    role: 'worker',
    config: { configFile: '/var/lib/kubelet/config.yaml', configDir: undefined },
  });
});

it('runs as a daemon: pid file, state file, rpc, clean SIGTERM', async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'simkubelet-daemon-'));
  const paths = simPaths(root);
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-main/sandbox/bin/kubelet.ts',
      '--hostname-override=cp1',
      '--node-ip=127.0.0.2',
      '--v=4',
    ],
    {
      env: { ...process.env, KUBELET_SIM_ROOT: root },
      stdio: 'ignore',
    },
  );
  await waitFor(() => fs.existsSync(paths.pidFile) && fs.existsSync(paths.socketPath));
  expect(fs.readFileSync(paths.pidFile, 'utf8').trim()).toBe(String(child.pid));
  const read = () => JSON.parse(fs.readFileSync(paths.stateFile, 'utf8')) as SimNodeState;
  await waitFor(() => read().sandboxes.length === 4);
  // a new manifest shows its sandbox within 2 s
  const t0 = Date.now();
  fs.writeFileSync(path.join(paths.manifestDir, 'static-busybox.yaml'), BUSYBOX('static-busybox'));
  await waitFor(() => read().sandboxes.some((s) => s.name === 'static-busybox-cp1'), 2000);
  expect(Date.now() - t0).toBeLessThan(2000);
  expect(await callSimDaemon(paths, 'kubelet.relist', {})).toEqual({ pods: 5 });
  await waitFor(() => read().apiServerUp);
  await waitFor(() => read().apiPods.some((p) => p.metadata.name === 'static-busybox-cp1'));
  const before = read().apiPods.find((p) => p.metadata.name === 'static-busybox-cp1')!.metadata.uid;
  expect(
    await callSimDaemon(paths, 'pods.delete', { namespace: 'default', name: 'static-busybox-cp1' }),
  ).toEqual({ deleted: true });
  const after = await waitFor(() =>
    read().apiPods.find((p) => p.metadata.name === 'static-busybox-cp1' && p.metadata.uid !== before),
  );
  expect(after.status.phase).toBe('Pending');
  await expect(callSimDaemon(paths, 'pods.delete', { namespace: 'default', name: 'nope' })).rejects.toThrow(
    'pods "nope" not found',
  );
  const messages = Array.from({ length: 100_000 }, (_, i) => `gapless line ${i}`);
  const started = Date.now();
  const { lastCursor } = await callSimDaemon(paths, 'journal.emit', { messages });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(lastCursor).toMatch(
    /^s=[0-9a-f]{32};i=[0-9a-f]+;b=[0-9a-f]{32};m=[0-9a-f]+;t=[0-9a-f]+;x=[0-9a-f]{16}$/,
  );
  const lines = fs.readFileSync(paths.journalFile, 'utf8').trim().split('\n');
  expect(lines.filter((l) => l.includes('gapless line')).length).toBe(100_000);
  expect(lines.some((l) => l.includes('SyncLoop ADD'))).toBe(true);
  const { removed } = await callSimDaemon(paths, 'journal.vacuum', { keep: 10 });
  expect(removed).toBeGreaterThanOrEqual(lines.length - 10);
  expect(fs.readFileSync(paths.journalFile, 'utf8').trim().split('\n').length).toBeLessThan(20);
  child.kill('SIGTERM');
  await waitFor(() => child!.exitCode !== null);
  expect(child.exitCode).toBe(0);
  expect(fs.existsSync(paths.pidFile)).toBe(false);
  expect(fs.existsSync(paths.socketPath)).toBe(false);
}, 60_000);
