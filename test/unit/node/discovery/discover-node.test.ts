/**
 * Discovery end to end on what each set-up's node answers (docs/distributions.md): the two
 * round trips' outputs are those of the real scripts (probe-scripts.test.ts and
 * discovery-files.test.ts run them), filled with each distribution's processes, files and
 * tools. Asserts what the app concludes and that it says how it knows.
 */
import { describe, expect, it } from 'vitest';
import { discoverNodeFull } from '../../../../src-main/node/discovery/discover-node';
import {
  K0S_KUBELET,
  K0S_WORKER,
  K3S_AGENT,
  KUBEADM_KUBELET,
  RKE2_KUBELET,
  RKE2_SERVER,
} from './node-samples';
import { fakeSession } from './fake-node-session';

const KUBELET_CONF = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';

describe('discoverNodeFull', () => {
  it('kubeadm: config.yaml, the flag endpoint, admin.conf, the journal', async () => {
    const session = fakeSession({
      hostname: 'ControlPlane',
      processes: [KUBEADM_KUBELET],
      units:
        'Id=kubelet.service\nLoadState=loaded\nActiveState=active\nMainPID=1204\nFragmentPath=/usr/lib/systemd/system/kubelet.service\n',
      files: {
        '/var/lib/kubelet/config.yaml': `${KUBELET_CONF}staticPodPath: /etc/kubernetes/manifests\nfileCheckFrequency: 0s\n`,
      },
      kubeconfigs: { '/etc/kubernetes/admin.conf': 'R', '/etc/kubernetes/kubelet.conf': 'R' },
      tools: {
        crictl: ['/usr/bin/crictl'],
        kubectl: ['/usr/bin/kubectl'],
        journalctl: ['/usr/bin/journalctl'],
      },
    });
    const { discovery, roundTrips } = await discoverNodeFull(session);
    expect(roundTrips).toBe(2);
    expect(session.commands.map((c) => c.privileged)).toEqual([false, true]);
    expect(discovery).toMatchObject({
      nodeName: 'controlplane',
      staticPodPath: '/etc/kubernetes/manifests',
      staticPodPathSource: 'config',
      fileCheckFrequencySeconds: 20,
      kubeconfig: '/etc/kubernetes/admin.conf',
      setup: { kind: 'kubeadm', support: 'supported' },
      runtime: {
        endpoint: 'unix:///var/run/containerd/containerd.sock',
        runtime: 'containerd',
        crictlConfig: null,
      },
      kubeletLog: { kind: 'journal', units: ['kubelet'] },
      credentials: { kind: 'admin' },
      readAs: { root: true },
    });
    expect(discovery.tools.crictl.path).toBe('/usr/bin/crictl');
    expect(discovery.nodeNameInfo.how).toMatch(/the host name ControlPlane/);
  });

  it('RKE2 server: drop-ins with a subdirectory, tools only in rke2/bin, its crictl.yaml, the log file', async () => {
    const dir = '/var/lib/rancher/rke2/agent/etc/kubelet.conf.d';
    const session = fakeSession({
      hostname: 'rke2-server-1',
      processes: [RKE2_SERVER, RKE2_KUBELET],
      units:
        'Id=rke2-server.service\nLoadState=loaded\nActiveState=active\nMainPID=702\nFragmentPath=/usr/local/lib/systemd/system/rke2-server.service\n',
      files: {
        [`${dir}/00-rke2-defaults.conf`]: `${KUBELET_CONF}staticPodPath: /var/lib/rancher/rke2/agent/pod-manifests\ncontainerRuntimeEndpoint: unix:///run/k3s/containerd/containerd.sock\n`,
        [`${dir}/50-site/10-logging.conf`]: `${KUBELET_CONF}logging:\n  format: json\n`,
        '/var/lib/rancher/rke2/agent/etc/crictl.yaml':
          'runtime-endpoint: unix:///run/k3s/containerd/containerd.sock\n',
      },
      dropIns: { [dir]: [`${dir}/00-rke2-defaults.conf`, `${dir}/50-site/10-logging.conf`] },
      kubeconfigs: { '/etc/rancher/rke2/rke2.yaml': 'R' },
      tools: {
        crictl: ['/var/lib/rancher/rke2/bin/crictl'],
        kubectl: ['/var/lib/rancher/rke2/bin/kubectl'],
        journalctl: ['/usr/bin/journalctl'],
      },
    });
    const { discovery } = await discoverNodeFull(session);
    expect(discovery).toMatchObject({
      nodeName: 'rke2-server-1',
      staticPodPath: '/var/lib/rancher/rke2/agent/pod-manifests',
      staticPodPathSource: 'config-dir',
      fileCheckFrequencySeconds: 5,
      kubeconfig: '/etc/rancher/rke2/rke2.yaml',
      setup: { kind: 'rke2', role: 'server' },
      runtime: { crictlConfig: '/var/lib/rancher/rke2/agent/etc/crictl.yaml' },
      kubeletLog: { kind: 'file', file: '/var/lib/rancher/rke2/agent/logs/kubelet.log', format: 'json' },
    });
    expect(discovery.staticPodPathExplanation).toContain('00-rke2-defaults.conf');
    expect(discovery.kubeletConfig.dropIns).toEqual([
      `${dir}/00-rke2-defaults.conf`,
      `${dir}/50-site/10-logging.conf`,
    ]);
  });

  it("k3s agent: its `Running kubelet` line, k3s's drop-in, --with-node-id naming, only the kubelet's kubeconfig", async () => {
    const dir = '/var/lib/rancher/k3s/agent/etc/kubelet.conf.d';
    const session = fakeSession({
      hostname: 'edge-box',
      processes: [K3S_AGENT],
      units:
        'Id=k3s-agent.service\nLoadState=loaded\nActiveState=active\nMainPID=812\nFragmentPath=/etc/systemd/system/k3s-agent.service\n',
      k3sLine: `--cloud-provider=external --config-dir=${dir} --hostname-override=edge-box-4f2a9c1e --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --node-ip=10.0.0.21 --node-labels= --read-only-port=0`,
      files: {
        '/etc/rancher/k3s/config.yaml': 'with-node-id: true\n',
        '/etc/rancher/node/id': '4f2a9c1e\n',
        [`${dir}/00-k3s-defaults.conf`]: `${KUBELET_CONF}staticPodPath: /var/lib/rancher/k3s/agent/pod-manifests\ncontainerRuntimeEndpoint: unix:///run/k3s/containerd/containerd.sock\n`,
        '/var/lib/rancher/k3s/agent/etc/crictl.yaml':
          'runtime-endpoint: unix:///run/k3s/containerd/containerd.sock\n',
      },
      dropIns: { [dir]: [`${dir}/00-k3s-defaults.conf`] },
      kubeconfigs: { '/etc/rancher/k3s/k3s.yaml': 'N', '/var/lib/rancher/k3s/agent/kubelet.kubeconfig': 'R' },
      tools: {
        crictl: ['/usr/local/bin/crictl'],
        kubectl: ['/usr/local/bin/kubectl'],
        journalctl: ['/usr/bin/journalctl'],
      },
    });
    const { discovery } = await discoverNodeFull(session);
    expect(discovery).toMatchObject({
      nodeName: 'edge-box-4f2a9c1e',
      staticPodPath: '/var/lib/rancher/k3s/agent/pod-manifests',
      kubeconfig: '/var/lib/rancher/k3s/agent/kubelet.kubeconfig',
      credentials: { kind: 'kubelet' },
      kubeletLog: { kind: 'journal', units: ['k3s-agent'], identifiers: ['k3s'], shared: true },
      kubeletHost: { comm: 'k3s-agent', unit: 'k3s-agent.service' },
    });
    expect(discovery.nodeNameInfo.how).toMatch(/--hostname-override=edge-box-4f2a9c1e/);
  });

  it('k3s agent as a user without root: says what it could not read, claims no path and no credentials', async () => {
    const dir = '/var/lib/rancher/k3s/agent/etc/kubelet.conf.d';
    const session = fakeSession(
      {
        user: 'ks-user',
        hostname: 'edge-box',
        processes: [K3S_AGENT],
        files: {
          '/etc/rancher/k3s/config.yaml': { error: 'Permission denied' },
          '/etc/rancher/node/id': { error: 'Permission denied' },
        },
        dropIns: { [dir]: { code: 1, err: `find: '${dir}': Permission denied` } },
        kubeconfigs: { '/var/lib/rancher/k3s/agent/kubelet.kubeconfig': 'U' },
        tools: { journalctl: ['/usr/bin/journalctl'] },
      },
      'unavailable',
    );
    const { discovery } = await discoverNodeFull(session);
    expect(discovery.readAs).toEqual({ user: 'ks-user', root: false });
    expect(discovery.staticPodPathSource).toBe('unknown');
    expect(discovery.staticPodPathExplanation).toMatch(
      /could not be read as ks-user, so this is not confirmed/,
    );
    expect(discovery.kubeconfig).toBeNull();
    expect(discovery.credentials.explanation).toMatch(/^No credentials for the API server on this node/);
    expect(discovery.nodeNameInfo.certain).toBe(false);
    expect(discovery.warnings.join(' ')).toMatch(/Permission denied/);
  });

  it('k0s worker: static pods over HTTP, not "no static pod path"', async () => {
    const session = fakeSession({
      hostname: 'worker-0',
      processes: [K0S_WORKER, K0S_KUBELET],
      files: {
        '/run/k0s/kubelet/config.yaml': `${KUBELET_CONF}containerRuntimeEndpoint: unix:///run/k0s/containerd.sock\nstaticPodURL: http://127.0.0.1:41377/manifests\n`,
      },
      kubeconfigs: { '/var/lib/k0s/kubelet.conf': 'R' },
      tools: { kubectl: ['/usr/local/bin/k0s', 'kubectl'], journalctl: ['/usr/bin/journalctl'] },
    });
    const { discovery } = await discoverNodeFull(session);
    expect(discovery).toMatchObject({
      staticPodPath: null,
      staticPodPathSource: 'url',
      staticPodURL: 'http://127.0.0.1:41377/manifests',
      setup: { kind: 'k0s', support: 'partial' },
      kubeletLog: { format: 'k0s', units: ['k0sworker'] },
      runtime: { endpoint: 'unix:///run/k0s/containerd.sock', runtime: 'containerd' },
    });
    expect(discovery.tools.crictl.missing).toMatch(/^crictl not found in PATH/);
    expect(discovery.tools.kubectl.argv).toEqual(['/usr/local/bin/k0s', 'kubectl']);
  });

  it('a config without staticPodPath: no file source, never the default directory', async () => {
    const session = fakeSession({
      hostname: 'node-1',
      processes: [KUBEADM_KUBELET],
      files: { '/var/lib/kubelet/config.yaml': KUBELET_CONF },
      kubeconfigs: { '/etc/kubernetes/kubelet.conf': 'R' },
    });
    const { discovery } = await discoverNodeFull(session);
    expect(discovery).toMatchObject({
      staticPodPath: null,
      staticPodPathSource: 'none',
      credentials: { kind: 'kubelet' },
    });
    expect(discovery.staticPodPathExplanation).toMatch(/not a default directory/);
  });
});
