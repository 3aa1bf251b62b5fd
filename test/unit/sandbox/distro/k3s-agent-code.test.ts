/**
 * The k3s agent code the simulated k3s and rke2 run (k3s-agent-code.ts), against k3s-io/k3s:
 * sorted `--key=value` args (the `Running kubelet …` line of k3s-io/k3s#2116), `with-node-id`
 * naming from /etc/rancher/node/id (ensureNodeID: 4 random bytes in hex, 0644), the drop-in
 * directory 0700 with `00-<program>-defaults.conf` 0600 rewritten at every start, a
 * `config-dir=` kubelet-arg copied into `20-cli-config-dir/` and dropped from the args; RKE2's
 * klog flags taken out of the kubelet's argv (logging.ExtractFromArgs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentNodeName,
  getArgs,
  prepareKubelet,
  RUNTIME_SOCKET,
} from '../../../../src-main/sandbox/distro/k3s-agent-code';
import { extractLogFlags, RKE2_LOG_ARGS } from '../../../../src-main/sandbox/distro/rke2';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
function root() {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'k3s-agent-'));
  roots.push(r);
  return { r, toHost: (p: string) => path.join(r, p) };
}

describe('k3s agent code', () => {
  it('writes the args sorted by key, extra args over the map', () => {
    expect(
      getArgs(
        new Map([
          ['node-labels', ''],
          ['config-dir', '/d'],
          ['containerd', '/s'],
        ]),
        ['--v=2', 'node-labels=a=b'],
      ),
    ).toEqual(['--config-dir=/d', '--containerd=/s', '--node-labels=a=b', '--v=2']);
  });

  it('names the node <host>-<id> with with-node-id, keeping the id it wrote', () => {
    const { r, toHost } = root();
    const first = agentNodeName('Worker-1', { 'with-node-id': true }, {}, toHost);
    expect(first).toMatch(/^worker-1-[0-9a-f]{8}$/);
    const file = path.join(r, 'etc/rancher/node/id');
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${first.slice(-8)}\n`);
    expect(agentNodeName('worker-1', { 'with-node-id': true }, {}, toHost)).toBe(first);
    expect(agentNodeName('worker-1', { 'node-name': 'n1' }, {}, toHost)).toBe('n1');
  });

  it('prepares kubelet.conf.d: defaults 0600 rewritten, config-dir copied to 20-cli-config-dir/', () => {
    const { r, toHost } = root();
    fs.mkdirSync(toHost('/etc/rancher/rke2/kubelet.conf.d'), { recursive: true });
    fs.writeFileSync(toHost('/etc/rancher/rke2/kubelet.conf.d/50.conf'), 'maxPods: 150\n');
    const setup = {
      program: 'rke2' as const,
      dataDir: '/var/lib/rancher/rke2',
      nodeName: 'cp',
      nodeIp: '10.0.0.1',
      runtimeSocket: RUNTIME_SOCKET,
      kubeletArgs: ['config-dir=/etc/rancher/rke2/kubelet.conf.d', 'log-file-max-size=1'],
      toHost,
    };
    const dir = path.join(r, 'var/lib/rancher/rke2/agent/etc/kubelet.conf.d');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '00-rke2-defaults.conf'), 'edited by hand\n');
    const args = prepareKubelet(setup);
    expect(args).toEqual([
      '--config-dir=/var/lib/rancher/rke2/agent/etc/kubelet.conf.d',
      '--containerd=/run/k3s/containerd/containerd.sock',
      '--hostname-override=cp',
      '--kubeconfig=/var/lib/rancher/rke2/agent/kubelet.kubeconfig',
      '--log-file-max-size=1',
      '--node-ip=10.0.0.1',
      '--node-labels=',
    ]);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const defaults = path.join(dir, '00-rke2-defaults.conf');
    expect(fs.statSync(defaults).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(defaults, 'utf8')).toContain(
      'staticPodPath: /var/lib/rancher/rke2/agent/pod-manifests\n',
    );
    expect(fs.readFileSync(path.join(dir, '20-cli-config-dir/50.conf'), 'utf8')).toBe('maxPods: 150\n');
    expect(fs.readFileSync(path.join(r, 'var/lib/rancher/rke2/agent/etc/crictl.yaml'), 'utf8')).toBe(
      'runtime-endpoint: unix:///run/k3s/containerd/containerd.sock\n',
    );
  });

  it("RKE2 takes the klog flags out of the kubelet's argv; a user's log-file-max-size wins", () => {
    const out = extractLogFlags([
      '--file-check-frequency=5s',
      ...getArgs(new Map([['node-ip', '1.2.3.4']]), [
        ...RKE2_LOG_ARGS('/var/lib/rancher/rke2'),
        'log-file-max-size=2',
      ]),
    ]);
    expect(out).toEqual({
      args: ['--file-check-frequency=5s', '--node-ip=1.2.3.4'],
      logFile: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
      maxSizeMb: 2,
    });
  });
});
