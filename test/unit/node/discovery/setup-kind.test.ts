/**
 * The set-up told from what each kind of node shows (docs/distributions.md): processes and
 * their command lines, units, marker paths. An RKE2 or k0s node also has a process named
 * kubelet, so distribution processes must be looked at first.
 */
import { describe, expect, it } from 'vitest';
import { identifySetup } from '../../../../src-main/node/discovery/setup-kind';
import {
  facts,
  K0S_KUBELET,
  K0S_WORKER,
  K3S_AGENT,
  K3S_CONTAINERD,
  K3S_SERVER,
  KUBEADM_KUBELET,
  MICROK8S_KUBELITE,
  OPENSHIFT_KUBELET,
  proc,
  RKE2_KUBELET,
  RKE2_SERVER,
  unit,
} from './node-samples';

describe('identifySetup', () => {
  it('kubeadm: the kubelet unit, kubeadm-flags.env and --config=/var/lib/kubelet/config.yaml', () => {
    const found = identifySetup(
      facts({
        processes: [KUBEADM_KUBELET, proc(900, 'containerd', ['/usr/bin/containerd'])],
        units: new Map([unit('kubelet.service', 'active', 1204), unit('containerd.service', 'active', 900)]),
        paths: new Map([['/var/lib/kubelet/kubeadm-flags.env', 'exists']]),
      }),
    );
    expect(found.setup).toMatchObject({ kind: 'kubeadm', support: 'supported', supportNote: null });
    expect(found.kubelet?.pid).toBe(1204);
    expect(found.unit).toBe('kubelet.service');
    expect(found.setup.evidence.join(' ')).toContain('kubeadm-flags.env');
  });

  it('RKE2 server: rke2 is the supervisor and the kubelet under /var/lib/rancher/rke2 is the kubelet', () => {
    const found = identifySetup(
      facts({
        processes: [RKE2_SERVER, RKE2_KUBELET],
        units: new Map([unit('rke2-server.service', 'active', 702), unit('kubelet.service', 'inactive')]),
      }),
    );
    expect(found.setup).toMatchObject({
      kind: 'rke2',
      role: 'server',
      label: 'RKE2 server',
      support: 'supported',
    });
    expect(found.kubelet?.pid).toBe(981);
    expect(found.supervisor?.pid).toBe(702);
    expect(found.unit).toBe('rke2-server.service');
    expect(found.setup.evidence).toContain('kubelet (pid 981) runs from /var/lib/rancher/rke2');
  });

  it('k3s agent: no kubelet process at all; the k3s-agent process (comm after its re-exec) runs it', () => {
    const found = identifySetup(
      facts({
        processes: [K3S_AGENT, K3S_CONTAINERD],
        units: new Map([unit('k3s-agent.service', 'active', 812)]),
      }),
    );
    expect(found.setup).toMatchObject({ kind: 'k3s', role: 'agent', label: 'k3s agent' });
    expect(found.kubelet).toBeNull();
    expect(found.supervisor?.pid).toBe(812);
    expect(found.unit).toBe('k3s-agent.service');
  });

  it('k3s server without systemd (OpenRC): the process alone is enough', () => {
    const found = identifySetup(
      facts({ processes: [K3S_SERVER], units: null, unitsError: 'System has not been booted with systemd' }),
    );
    expect(found.setup).toMatchObject({ kind: 'k3s', role: 'server' });
  });

  it('k0s worker: partial support, the kubelet is its child under /var/lib/k0s', () => {
    const found = identifySetup(facts({ processes: [K0S_WORKER, K0S_KUBELET] }));
    expect(found.setup).toMatchObject({ kind: 'k0s', role: 'worker', support: 'partial' });
    expect(found.setup.supportNote).toMatch(/over HTTP/);
    expect(found.kubelet?.pid).toBe(611);
  });

  it('MicroK8s: kubelite', () => {
    const found = identifySetup(facts({ processes: [MICROK8S_KUBELITE] }));
    expect(found.setup).toMatchObject({ kind: 'microk8s', support: 'partial' });
    expect(found.kubelet).toBeNull();
  });

  it('OpenShift: RHCOS in /etc/os-release with a CRI-O kubelet', () => {
    const found = identifySetup(
      facts({
        processes: [OPENSHIFT_KUBELET],
        osRelease: new Map([
          ['ID', 'rhcos'],
          ['NAME', 'Red Hat Enterprise Linux CoreOS'],
        ]),
        units: new Map([unit('kubelet.service', 'active', 2101), unit('crio.service', 'active')]),
      }),
    );
    expect(found.setup).toMatchObject({ kind: 'openshift', support: 'partial' });
    expect(found.kubelet?.pid).toBe(2101);
  });

  it('a kubelet of an unknown installer is followed, and says so', () => {
    const found = identifySetup(
      facts({
        processes: [proc(77, 'kubelet', ['/opt/k8s/kubelet', '--config=/opt/k8s/kubelet.yaml'])],
        units: null,
      }),
    );
    expect(found.setup).toMatchObject({ kind: 'kubelet', support: 'partial' });
    expect(found.kubelet?.pid).toBe(77);
  });

  it('no kubelet anywhere: unsupported, in plain words', () => {
    const found = identifySetup(facts({ processes: [proc(5, 'containerd', ['containerd'])] }));
    expect(found.setup).toMatchObject({ kind: 'unknown', support: 'unsupported' });
    expect(found.setup.supportNote).toMatch(/No kubelet was found/);
  });

  it('picks the unit MainPID among several kubelets, else the oldest', () => {
    const older = { ...proc(50, 'kubelet', ['/usr/bin/kubelet']), startedAt: 1 };
    const withUnit = identifySetup(
      facts({
        processes: [older, KUBEADM_KUBELET],
        units: new Map([unit('kubelet.service', 'active', 1204)]),
      }),
    );
    expect(withUnit.kubelet?.pid).toBe(1204);
    expect(identifySetup(facts({ processes: [KUBEADM_KUBELET, older], units: null })).kubelet?.pid).toBe(50);
  });
});
