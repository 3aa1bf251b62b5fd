/**
 * The app's Sandbox node is told by what its own `systemctl` says of its kubelet unit (the
 * Description written into the shim by sandbox-bin.ts), not by its paths: it is a simulated
 * kubeadm node, its kubelet's lines are in its simulated journal (unit kubelet), not in the
 * daemon log file its standard error goes to.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SANDBOX_KUBELET_UNIT_DESCRIPTION } from '../../../../src-main/contract/domain/node-setup';
import { kubeletLogLocation } from '../../../../src-main/node/discovery/kubelet-log-location';
import { SETUP_UNITS, parseSystemctlShow } from '../../../../src-main/node/discovery/node-facts';
import { identifySetup, sandboxLabel } from '../../../../src-main/node/discovery/setup-kind';
import { writeSandboxBin } from '../../../../src-main/sandbox/local/sandbox-bin';
import { simPaths } from '../../../../src-main/sandbox/paths';
import { facts, KUBEADM_KUBELET, proc, unit } from './node-samples';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** The Sandbox node's real systemctl shim, answering discovery's own question (node-facts.ts). */
function sandboxSystemctlShow(kubeletPid: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-identity-'));
  roots.push(root);
  const paths = simPaths(root);
  fs.mkdirSync(path.dirname(paths.pidFile), { recursive: true });
  fs.writeFileSync(paths.pidFile, String(kubeletPid));
  const bin = writeSandboxBin(paths, root, process.execPath);
  const props = ['Id', 'LoadState', 'ActiveState', 'MainPID', 'FragmentPath', 'Description'];
  return execFileSync(
    path.join(bin, 'systemctl'),
    ['show', ...props.flatMap((p) => ['-p', p]), '--', ...SETUP_UNITS],
    { encoding: 'utf8' },
  );
}

describe('the Sandbox node is identified as the simulated kubeadm node it is', () => {
  it("its systemctl's kubelet unit carries the Sandbox description, and discovery says so", () => {
    const units = parseSystemctlShow(sandboxSystemctlShow(4242));
    expect(units.get('kubelet.service')).toMatchObject({
      loadState: 'loaded',
      activeState: 'active',
      mainPid: 4242,
      description: SANDBOX_KUBELET_UNIT_DESCRIPTION,
    });
    expect(units.get('containerd.service')?.loadState).toBe('not-found');
    const kubelet = proc(4242, 'kubelet', [
      '/data/sandbox-node/bin/kubelet',
      '/opt/app/out/sandbox/kubelet.cjs',
      '--config=/data/sandbox-node/var/lib/kubelet/config.yaml',
    ]);
    const found = identifySetup(facts({ processes: [kubelet], units }));
    expect(found.setup).toMatchObject({
      kind: 'kubeadm',
      label: 'Sandbox node (simulated kubeadm)',
      simulated: true,
    });
    expect(found.setup.label).not.toContain('not recognised');
    expect(found.kubelet?.pid).toBe(4242);
    expect(found.setup.evidence[0]).toContain(`Description=${SANDBOX_KUBELET_UNIT_DESCRIPTION}`);
  });

  it('stays the Sandbox node while k3s or RKE2 runs on the same machine (one process table)', () => {
    const units = parseSystemctlShow(sandboxSystemctlShow(4243));
    const kubelet = proc(4243, 'kubelet', [
      '/data/sandbox-node/bin/kubelet',
      '/opt/app/out/sandbox/kubelet.cjs',
    ]);
    const k3s = proc(900, 'k3s-agent', ['/usr/local/bin/k3s', 'agent']);
    const rke2 = proc(901, 'rke2', ['/usr/local/bin/rke2', 'server']);
    const found = identifySetup(facts({ processes: [k3s, rke2, kubelet], units }));
    expect(found.setup).toMatchObject({ kind: 'kubeadm', simulated: true });
    expect(found.kubelet?.pid).toBe(4243);
  });

  it('a real kubeadm node (its unit described by the kubelet package) is not simulated', () => {
    const [id, state] = unit('kubelet.service', 'active', 1204);
    const found = identifySetup(
      facts({
        processes: [KUBEADM_KUBELET],
        units: new Map([[id, { ...state, description: 'kubelet: The Kubernetes Node Agent' }]]),
      }),
    );
    expect(found.setup.kind).toBe('kubeadm');
    expect(found.setup.simulated).toBeUndefined();
    expect(found.setup.label).toBe('kubeadm');
  });

  it('the label names the kubelet version once it is known', () => {
    expect(sandboxLabel('v1.30.4')).toBe('Sandbox node (simulated kubeadm, kubelet v1.30.4)');
    expect(sandboxLabel(null)).toBe('Sandbox node (simulated kubeadm)');
  });

  it("its kubelet log is the simulated journal, even though its stderr is the daemon's log file", () => {
    const location = kubeletLogLocation({
      kind: 'kubeadm',
      simulated: true,
      role: null,
      unit: 'kubelet.service',
      systemd: true,
      kubeletFlags: new Map(),
      loggingFormat: null,
      stderrTarget: '/data/sandbox-node/run/kubelet-sim/daemon.log',
      dataDir: null,
    });
    expect(location).toMatchObject({ kind: 'journal', units: ['kubelet'], identifiers: ['kubelet'] });
    expect(location.explanation).toContain("Sandbox node's simulated journal");
  });
});
