/**
 * The doctor connects only to addresses of the node it examines (probe-address.ts): on the app's
 * Sandbox node, whose advertised address (10.0.0.10) is on a simulated network, nothing at all;
 * on a real node, not to an IPv4 address the node does not have.
 */
import { describe, expect, it } from 'vitest';
import { probeAddressDecision } from '../../../src-main/inspect/doctor/probe-address';
import { notProbedFindings } from '../../../src-main/inspect/doctor/not-probed-findings';
import { runDoctor } from '../../../src-main/inspect/doctor/run-doctor';
import type { NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import type { NodeSession } from '../../../src-main/node/session/node-session';

const sandbox = { simulated: true, hostIps: ['192.168.1.23', '127.0.0.1'] };
const realNode = { simulated: false, hostIps: ['10.0.0.21', '127.0.0.1'] };

describe('probeAddressDecision', () => {
  it("the Sandbox node's advertised address is never probed, and the finding says why", () => {
    const decision = probeAddressDecision('10.0.0.10', sandbox);
    expect(decision).toEqual({
      probe: false,
      reason: 'not probed: simulated node, its advertised address 10.0.0.10 is not on this machine',
    });
  });

  it("the Sandbox node's loopback is this machine's, where the simulation serves nothing: not probed", () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']) {
      const decision = probeAddressDecision(host, sandbox);
      expect(decision.probe, host).toBe(false);
      if (!decision.probe)
        expect(decision.reason).toMatch(/^not probed: simulated node, .* this machine's own/);
    }
  });

  it('on the Sandbox node even an address this machine has is not probed (it is not the simulation’s)', () => {
    expect(probeAddressDecision('192.168.1.23', sandbox).probe).toBe(false);
  });

  it("a real node's own addresses, loopback and wildcard are probed", () => {
    for (const host of ['10.0.0.21', '127.0.0.1', '127.31.4.2', 'localhost', '::1', '0.0.0.0'])
      expect(probeAddressDecision(host, realNode), host).toEqual({ probe: true });
  });

  it("an IPv4 address a real node does not have is another machine's: not probed", () => {
    const decision = probeAddressDecision('10.0.0.99', realNode);
    expect(decision.probe).toBe(false);
    if (!decision.probe) expect(decision.reason).toContain('10.0.0.99 is not an address of this node');
  });

  it('without the node’s addresses, or for an IPv6 address, a real node is probed as before', () => {
    expect(probeAddressDecision('10.0.0.99', { simulated: false, hostIps: [] })).toEqual({ probe: true });
    expect(probeAddressDecision('fd00::21', realNode)).toEqual({ probe: true });
  });
});

describe('notProbedFindings', () => {
  it('one info finding per reason, naming every port skipped for it', () => {
    const reason = 'not probed: simulated node, its advertised address 10.0.0.10 is not on this machine';
    const findings = notProbedFindings([
      { what: 'kube-apiserver :6443', where: '10.0.0.10:6443', probe: { outcome: 'not-probed', reason } },
      { what: 'kubelet :10250', where: '10.0.0.10:10250', probe: { outcome: 'not-probed', reason } },
      { what: 'etcd (clients) :2379', where: '127.0.0.1:2379', probe: { outcome: 'answered', reason: null } },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'not-probed',
      severity: 'info',
      title: 'Not probed: simulated node, its advertised address 10.0.0.10 is not on this machine',
      evidence: [
        'kube-apiserver :6443 at 10.0.0.10:6443: not probed',
        'kubelet :10250 at 10.0.0.10:10250: not probed',
      ],
    });
  });

  it('nothing skipped, no finding', () => {
    expect(
      notProbedFindings([{ what: 'x', where: 'a:1', probe: { outcome: 'refused', reason: 'r' } }]),
    ).toEqual([]);
  });
});

describe('runDoctor on the Sandbox node', () => {
  it('sends no address of the simulated network (nor the healthz) to the node to connect to', async () => {
    const commands: string[][] = [];
    const session = {
      run: async (command: { argv: string[] }) => {
        commands.push(command.argv);
        return { stdout: Buffer.alloc(0), stderr: '', code: 0 };
      },
    } as unknown as NodeSession;
    const discovery = {
      nodeName: 'controlplane',
      kubeletArgs: ['/data/sandbox-node/bin/kubelet', '--node-ip=10.0.0.10'],
      staticPodPath: '/data/sandbox-node/etc/kubernetes/manifests',
      configPath: null,
      kubeconfig: null,
      setup: { simulated: true },
      hostIps: ['192.168.1.23', '127.0.0.1'],
    } as unknown as NodeDiscovery;
    const run = await runDoctor(session, discovery, Date.parse('2026-12-03T12:00:00Z'));
    const probeArgs = commands[1]?.slice(4) ?? [];
    expect(commands).toHaveLength(2);
    expect(probeArgs.join(' ')).not.toContain('10.0.0.10');
    expect(probeArgs[2]).toBe(''); // the healthz host: not asked
    const kubelet = run.report.ports.find((p) => p.component === 'kubelet');
    expect(kubelet).toMatchObject({ host: '10.0.0.10', outcome: 'not-probed', served: null });
    expect(run.report.findings.map((f) => f.title)).toContain(
      'Not probed: simulated node, its advertised address 10.0.0.10 is not on this machine',
    );
  });
});
