/**
 * The profiles' layout decisions, checked against the upstream facts they stand for
 * (docs/distributions.md): kubeadm's unit and drop-in, the deb/rpm extra-args file, RHEL's
 * secure_path, and the profile registry's refusal of unknown names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableProfiles, profileNamed } from '../../nodes/profiles/index';
import {
  kubeadmFiles,
  kubeadmKubeletArgs,
  RHEL_SECURE_PATH,
  rhelSudoers,
} from '../../nodes/profiles/kubeadm-common';
import { CONTAINERD } from '../../nodes/profiles/kubeadm-ubuntu';
import { launchLine } from '../../nodes/profiles/node-build';
import type { NodeInput } from '../../nodes/profiles/types';

const input: NodeInput = {
  name: 'controlplane',
  role: 'control-plane',
  nodeIp: '127.1.2.1',
  sandboxDir: '/state/sandbox',
  nodeBinary: '/usr/bin/node',
};

describe('profile registry', () => {
  it('starts with kubeadm-ubuntu and refuses unknown names, listing the known ones', () => {
    expect(profileNamed().name).toBe('kubeadm-ubuntu');
    expect(() => profileNamed('minikube')).toThrow(
      /unknown test node profile "minikube" \(known: kubeadm-ubuntu/,
    );
    expect(availableProfiles().map((p) => p.name)).toContain('kubeadm-ubuntu');
  });
});

describe('kubeadm files (kubernetes/release kubelet.spec, kubeadm.spec)', () => {
  it('puts the unit and kubeadm drop-in in /usr/lib/systemd/system, the extra args by package type', () => {
    const deb = kubeadmFiles({ os: 'debian', runtime: CONTAINERD, extraArgs: [] });
    const rpm = kubeadmFiles({ os: 'rhel', runtime: CONTAINERD, extraArgs: ['--v=2'] });
    expect(deb.map((f) => f.path)).toEqual([
      '/usr/lib/systemd/system/kubelet.service',
      '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
      '/var/lib/kubelet/kubeadm-flags.env',
      '/etc/default/kubelet',
    ]);
    expect(rpm.at(-1)).toMatchObject({
      path: '/etc/sysconfig/kubelet',
      content: 'KUBELET_EXTRA_ARGS=--v=2\n',
    });
    const dropIn = rpm[1]?.content ?? '';
    expect(dropIn).toContain('EnvironmentFile=-/etc/sysconfig/kubelet');
    expect(dropIn).toContain(
      'ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
    );
    expect(deb[2]?.content).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    );
  });

  it('orders the kubelet argv as the drop-in expands it: kubeconfig, config, kubeadm flags, extra args', () => {
    expect(kubeadmKubeletArgs(CONTAINERD, ['--v=2'])).toEqual([
      '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
      '--kubeconfig=/etc/kubernetes/kubelet.conf',
      '--config=/var/lib/kubelet/config.yaml',
      '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
      '--pod-infra-container-image=registry.k8s.io/pause:3.10',
      '--v=2',
    ]);
  });
});

describe("RHEL's sudo secure_path", () => {
  it("replaces Debian's secure_path line of this machine's sudoers with RHEL's", () => {
    const host = readFileSync('/etc/sudoers', 'utf8');
    const rhel = rhelSudoers(host);
    expect(rhel).toContain(`Defaults    secure_path = ${RHEL_SECURE_PATH}`);
    expect(rhel).not.toMatch(/secure_path=.*\/usr\/local\/bin/);
    expect(rhel.split('\n').filter((l) => /^Defaults\s+secure_path/.test(l))).toHaveLength(1);
  });

  it('appends the line to a sudoers that has none', () => {
    expect(rhelSudoers('root ALL=(ALL:ALL) ALL\n')).toMatch(
      /\nDefaults {4}secure_path = \/sbin:\/bin:\/usr\/sbin:\/usr\/bin\n$/,
    );
  });
});

describe('kubeadm-ubuntu (the default test node)', () => {
  it('keeps the old kubelet command line, with containerd socket, and the tools in /usr/local/bin', () => {
    const { facts, build } = profileNamed('kubeadm-ubuntu').node(input);
    expect(build.launch.argv0).toBe('kubelet');
    expect(build.launch.args).toEqual([
      '/state/sandbox/kubelet.cjs',
      '--config=/var/lib/kubelet/config.yaml',
      '--kubeconfig=/etc/kubernetes/kubelet.conf',
      '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
      '--hostname-override=controlplane',
      '--node-ip=127.1.2.1',
      '--role=control-plane',
    ]);
    expect(facts.tools).toMatchObject({ crictl: '/usr/local/bin/crictl', crictlOnPath: true });
    expect(facts.kubelet.log).toEqual({ kind: 'journal', unit: 'kubelet.service', identifier: 'kubelet' });
    expect(facts.adminKubeconfig).toBe('/etc/kubernetes/admin.conf');
    expect(
      profileNamed('kubeadm-ubuntu').node({ ...input, role: 'worker' }).facts.adminKubeconfig,
    ).toBeUndefined();
  });
});

describe('launch line', () => {
  it("runs the file under the profile's argv[0], env and cwd, quoting every word", () => {
    const line = launchLine({
      argv0: '/usr/local/bin/k3s',
      file: "/x/it's k3s-agent",
      args: ['agent'],
      env: { A: 'b c' },
      cwd: '/run/x',
    });
    expect(line).toBe(
      `(cd '/run/x' && exec env 'A=b c' /bin/bash -c 'exec -a "$0" "$@"' '/usr/local/bin/k3s' '/x/it'\\''s k3s-agent' 'agent') </dev/null 2>&1 | cat >>/var/log/kubelet-sim.out &`,
    );
  });
});

describe('kubeadm-rhel-crio', () => {
  const { facts, build } = profileNamed('kubeadm-rhel-crio').node(input);
  it('keeps crictl/kubectl in /usr/local/bin, which RHEL’s secure_path leaves out, and no other kubectl', () => {
    expect(facts.tools).toMatchObject({ crictl: '/usr/local/bin/crictl', kubectl: '/usr/local/bin/kubectl' });
    expect(facts.sudoSecurePath.split(':')).not.toContain('/usr/local/bin');
    expect(build.hidden).toContain('/usr/bin/kubectl');
    expect(build.sudoers('Defaults\tsecure_path="/usr/local/bin:/usr/bin"\n')).toBe(
      'Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin\n',
    );
  });

  it("answers on CRI-O's socket, named by the cri-o package's /etc/crictl.yaml; kubelet --v=2 in /etc/sysconfig", () => {
    expect(facts.runtime).toEqual({
      name: 'cri-o',
      version: '1.32.1',
      endpoint: 'unix:///var/run/crio/crio.sock',
    });
    const file = (p: string) => build.files.find((f) => f.path === p)?.content;
    expect(file('/etc/crictl.yaml')).toBe(
      'runtime-endpoint: "unix:///var/run/crio/crio.sock"\ntimeout: 0\ndebug: false\n',
    );
    expect(file('/etc/sysconfig/kubelet')).toBe('KUBELET_EXTRA_ARGS=--node-ip=127.1.2.1 --v=2\n');
    expect(build.launch.args).toContain('--v=2');
    expect(build.launch.argv0).toBe('/usr/bin/kubelet');
  });
});

describe('kubeadm-json-logs', () => {
  it('sets --logging-format=json in /etc/default/kubelet and on the command line', () => {
    const { facts, build } = profileNamed('kubeadm-json-logs').node(input);
    expect(facts.kubelet.logging).toBe('json');
    expect(build.files.find((f) => f.path === '/etc/default/kubelet')?.content).toBe(
      'KUBELET_EXTRA_ARGS=--node-ip=127.1.2.1 --logging-format=json\n',
    );
    expect(build.launch.args).toContain('--logging-format=json');
  });
});

describe('rke2-server (docs/distributions.md "RKE2")', () => {
  const { facts, build } = profileNamed('rke2-server').node({ ...input, kubeletLogMaxSizeMb: 1 });
  it('keeps crictl and kubectl only in /var/lib/rancher/rke2/bin, with agent/etc/crictl.yaml', () => {
    expect(facts.tools).toMatchObject({
      crictl: '/var/lib/rancher/rke2/bin/crictl',
      kubectl: '/var/lib/rancher/rke2/bin/kubectl',
      crictlConfig: '/var/lib/rancher/rke2/agent/etc/crictl.yaml',
      crictlOnPath: false,
      kubectlOnPath: false,
    });
    expect(build.localBinCommands).toEqual(['journalctl']);
    expect(build.hidden).toContain('/usr/bin/kubectl');
    expect(build.files.find((f) => f.path === '/var/lib/rancher/rke2/bin')?.symlink).toMatch(
      /^\/var\/lib\/rancher\/rke2\/data\/v1\.32\.2-rke2r1-[0-9a-f]+\/bin$/,
    );
  });

  it('runs `rke2 server` from rke2-server.service; the kubelet logs to agent/logs/kubelet.log', () => {
    expect(build.launch).toMatchObject({
      argv0: '/usr/local/bin/rke2',
      file: '/usr/local/bin/rke2',
      args: ['server'],
    });
    expect(facts.kubelet).toMatchObject({
      processComm: 'kubelet',
      supervisorComm: 'rke2',
      configDir: '/var/lib/rancher/rke2/agent/etc/kubelet.conf.d',
      staticPodPath: '/var/lib/rancher/rke2/agent/pod-manifests',
      fileCheckSeconds: 5,
      log: { kind: 'file', path: '/var/lib/rancher/rke2/agent/logs/kubelet.log', maxSizeMb: 1, backups: 3 },
    });
    const unit = build.files.find(
      (f) => f.path === '/usr/local/lib/systemd/system/rke2-server.service',
    )?.content;
    expect(unit).toContain('ExecStart=/usr/local/bin/rke2 server\n');
    expect(build.files.find((f) => f.path === '/etc/rancher/rke2/config.yaml')?.content).toBe(
      'node-ip: 127.1.2.1\nkubelet-arg:\n- "config-dir=/etc/rancher/rke2/kubelet.conf.d"\n- "log-file-max-size=1"\n',
    );
    expect(facts.adminKubeconfig).toBe('/etc/rancher/rke2/rke2.yaml');
    expect(build.absentDirs).toEqual(['/etc/kubernetes']);
  });
});

describe('k3s-agent (docs/distributions.md "k3s")', () => {
  const { facts, build } = profileNamed('k3s-agent').node(input);
  it('has no kubelet process: `/usr/local/bin/k3s agent`, comm k3s-agent, logs under k3s-agent.service / k3s', () => {
    expect(build.launch).toMatchObject({ argv0: '/usr/local/bin/k3s', args: ['agent'] });
    expect(build.launch.file).toMatch(/\/bin\/k3s-agent$/);
    expect(facts.kubelet).toMatchObject({
      processComm: 'k3s-agent',
      processArgsPrefix: '/usr/local/bin/k3s agent',
      log: { kind: 'journal', unit: 'k3s-agent.service', identifier: 'k3s' },
    });
    expect(build.localBinKubelet).toBe(false);
  });

  it('names the node <hostname>-<id>, the id in /etc/rancher/node/id; no admin kubeconfig', () => {
    const id = build.files.find((f) => f.path === '/etc/rancher/node/id')?.content ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}\n$/);
    expect(facts.nodeName).toBe(`controlplane-${id.trim()}`);
    expect(build.files.find((f) => f.path === '/etc/rancher/k3s/config.yaml')?.content).toContain(
      'with-node-id: true\n',
    );
    expect(facts.adminKubeconfig).toBeUndefined();
    expect(build.credentials.admin).toBeUndefined();
  });

  it('links crictl, kubectl and ctr in /usr/local/bin to k3s', () => {
    for (const c of ['crictl', 'kubectl', 'ctr'])
      expect(build.files.find((f) => f.path === `/usr/local/bin/${c}`)?.symlink).toBe('k3s');
  });
});
