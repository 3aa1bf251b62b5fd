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
      `(cd '/run/x' && exec env 'A=b c' /bin/bash -c 'exec -a "$0" "$@"' '/usr/local/bin/k3s' '/x/it'\\''s k3s-agent' 'agent') </dev/null >>/var/log/kubelet-sim.out 2>&1 &`,
    );
  });
});
