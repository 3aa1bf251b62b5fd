import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverNode } from '../../../src-main/node/discovery/discover';
import { NodeSession } from '../../../src-main/node/session/node-session';
import { createLocalTransport } from '../../../src-main/ssh/local-transport';

// A real process named "kubelet" (a symlink to node, as on the test nodes) with a real command
// line, and a `systemctl` on PATH that reports it as kubelet.service's MainPID: discovery reads
// /proc/<pid>/cmdline and the files it names, exactly as on a node.
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

async function fakeKubelet(args: (dir: string) => string[], files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-discovery-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text.replaceAll('$DIR', dir));
  }
  fs.symlinkSync(process.execPath, path.join(dir, 'bin', 'kubelet'));
  fs.writeFileSync(path.join(dir, 'idle.js'), 'setInterval(() => {}, 1000);');
  const child: ChildProcess = spawn(
    path.join(dir, 'bin', 'kubelet'),
    [path.join(dir, 'idle.js'), ...args(dir)],
    { stdio: 'ignore' },
  );
  fs.writeFileSync(path.join(dir, 'bin', 'systemctl'), `#!/bin/sh\necho ${child.pid}\n`, { mode: 0o755 });
  cleanups.push(() => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // Discovery reads the process table: wait until the child is the fake kubelet (its
  // command line names idle.js), not for a fixed time.
  for (const end = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const cmdline = fs.existsSync(`/proc/${child.pid}/cmdline`)
      ? fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')
      : '';
    if (cmdline.includes('idle.js')) break;
    if (Date.now() > end) throw new Error(`the fake kubelet did not start: ${cmdline}`);
  }
  const transport = createLocalTransport({
    env: { ...process.env, PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin` },
  });
  return { dir, pid: child.pid, session: new NodeSession({ name: 'test', transport, privilege: 'direct' }) };
}

const kubeadmConfig =
  'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfileCheckFrequency: 0s\nstaticPodPath: $DIR/manifests\n';

describe('static pod path discovery', () => {
  it('reads staticPodPath from the file named by --config, with the node name and kubeconfig', async () => {
    const { dir, pid, session } = await fakeKubelet(
      (d) => [
        `--config=${d}/config.yaml`,
        '--kubeconfig',
        `${d}/kubelet.conf`,
        '--hostname-override=ControlPlane',
      ],
      { 'config.yaml': kubeadmConfig, 'kubelet.conf': 'x', 'admin.conf': 'x' },
    );
    const found = await discoverNode(session);
    expect(found).toMatchObject({
      kubeletPid: pid,
      nodeName: 'controlplane',
      configPath: `${dir}/config.yaml`,
      staticPodPath: `${dir}/manifests`,
      staticPodPathSource: 'config',
      staticPodsDisabled: false,
      fileCheckFrequencySeconds: 20,
      kubeconfig: `${dir}/admin.conf`,
    });
    expect(found.staticPodPathExplanation).toContain(`${dir}/config.yaml`);
  });

  it('lets --pod-manifest-path on the command line win over the config', async () => {
    const { session } = await fakeKubelet(
      (d) => [`--config=${d}/config.yaml`, '--pod-manifest-path=/srv/pods/'],
      { 'config.yaml': kubeadmConfig },
    );
    expect(await discoverNode(session)).toMatchObject({
      staticPodPath: '/srv/pods',
      staticPodPathSource: 'flag',
    });
  });

  it('lets a --config-dir drop-in override the config file', async () => {
    const { dir, session } = await fakeKubelet(
      (d) => [`--config=${d}/config.yaml`, `--config-dir=${d}/conf.d`],
      {
        'config.yaml': kubeadmConfig,
        'conf.d/10-a.conf': 'staticPodPath: /from/dropin-a\n',
        'conf.d/20-b.conf': 'staticPodPath: /from/dropin-b\nfileCheckFrequency: 45s\n',
      },
    );
    expect(await discoverNode(session)).toMatchObject({
      staticPodPath: '/from/dropin-b',
      staticPodPathSource: 'config-dir',
      fileCheckFrequencySeconds: 45,
    });
    expect(dir).toBeTruthy();
  });

  it('says static pods are off when staticPodPath is empty', async () => {
    const { session } = await fakeKubelet((d) => [`--config=${d}/config.yaml`], {
      'config.yaml': 'staticPodPath: ""\n',
    });
    const found = await discoverNode(session);
    expect(found).toMatchObject({ staticPodPath: null, staticPodsDisabled: true });
    expect(found.staticPodPathExplanation).toContain('static pods are off');
  });

  it('reports a config that cannot be read instead of guessing silently', async () => {
    const { session } = await fakeKubelet(() => ['--config=/nonexistent/config.yaml'], {});
    const found = await discoverNode(session);
    expect(found.warnings.join(' ')).toContain('Could not read the kubelet config /nonexistent/config.yaml');
  });
});
