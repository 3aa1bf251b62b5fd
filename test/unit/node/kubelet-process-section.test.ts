import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseBatchOutput } from '../../../src-main/node/batch/batch-script';
import { kubeletProcessCommand } from '../../../src-main/node/discovery/discovery-commands';
import { discoverNodeCounted, parseKubeletProcessSection } from '../../../src-main/node/discovery/discover';
import { NodeSession } from '../../../src-main/node/session/node-session';
import { createLocalTransport } from '../../../src-main/ssh/local-transport';

// The kubelet process read inside another batch (the pods snapshot), so a refresh notices a
// restarted kubelet, and discovery from it without its own first round trip (docs/kubelet.md §6).
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

it('reads pid, host name and command line in one section, and discovers from it in one round trip', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-kp-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.symlinkSync(process.execPath, path.join(dir, 'bin', 'kubelet'));
  fs.writeFileSync(path.join(dir, 'idle.js'), 'setInterval(() => {}, 1000);');
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'kind: KubeletConfiguration\nstaticPodPath: ""\n');
  const child = spawn(
    path.join(dir, 'bin', 'kubelet'),
    [path.join(dir, 'idle.js'), `--config=${dir}/config.yaml`, '--hostname-override=Node01'],
    { stdio: 'ignore' },
  );
  fs.writeFileSync(path.join(dir, 'bin', 'systemctl'), `#!/bin/sh\necho ${child.pid}\n`, { mode: 0o755 });
  cleanups.push(() => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const session = new NodeSession({
    name: 't',
    transport: createLocalTransport({ env: { ...process.env, PATH: `${dir}/bin:/usr/bin:/bin` } }),
    privilege: 'direct',
  });

  const out = await session.run(kubeletProcessCommand());
  const seen = parseKubeletProcessSection(parseBatchOutput(out.stdout).get('kubelet'));
  expect(seen).toEqual({
    pid: child.pid,
    hostname: os.hostname(),
    args: [
      path.join(dir, 'bin', 'kubelet'),
      path.join(dir, 'idle.js'),
      `--config=${dir}/config.yaml`,
      '--hostname-override=Node01',
    ],
  });

  const { discovery, roundTrips } = await discoverNodeCounted(session, seen ?? undefined);
  expect(roundTrips).toBe(1);
  expect(discovery).toMatchObject({
    kubeletPid: child.pid,
    nodeName: 'node01',
    configPath: `${dir}/config.yaml`,
    staticPodPath: null,
    staticPodsDisabled: true,
  });
  expect((await discoverNodeCounted(session)).roundTrips).toBe(2);
});

it('no kubelet: an empty pid; a section that failed or is cut: nothing', () => {
  const section = (text: string, code = 0) => ({ code, stdout: Buffer.from(text), stderr: '' });
  expect(parseKubeletProcessSection(section('\nnode01\n'))).toEqual({
    pid: null,
    hostname: 'node01',
    args: [],
  });
  expect(parseKubeletProcessSection(section('123\n'))).toBeNull();
  expect(parseKubeletProcessSection(section('123\nnode01\n', 1))).toBeNull();
  expect(parseKubeletProcessSection(undefined)).toBeNull();
});
