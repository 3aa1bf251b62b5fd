/**
 * k3s runs the kubelet inside its own process [src: k3s-io/k3s pkg/daemons/executor/embed.go,
 * Embedded.Kubelet], so the k3s-agent unit's journal (identifier k3s, one pid) mixes the
 * kubelet's klog lines with k3s's own logrus lines. The Logs pane keeps the kubelet's — and k3s's
 * two lines about the kubelet, `Running kubelet …` and `kubelet exited: …` — and says so in its
 * origin line. Lines as k3s v1.30 writes them when its output is not a terminal (logrus's text
 * format), and the kubelet's klog header (docs/kubelet.md §5.3).
 */
import { describe, expect, it } from 'vitest';
import { fakeJournalNode } from './fake-journal-node';
import type { NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import { rowsOf } from '../../../src-main/logs/log-rows';
import { LogSession } from '../../../src-main/logs/log-session';
import {
  K3S_KUBELET_LINES_ONLY,
  logTargetOf,
  type KubeletLogTarget,
} from '../../../src-main/logs/log-target';
import { isK3sOwnLine } from '../../../src-main/node/journal/k3s-own-lines';

const RUNNING_KUBELET =
  'time="2024-06-11T08:15:02Z" level=info msg="Running kubelet --address=0.0.0.0 --anonymous-auth=false --authentication-token-webhook=true --cgroup-driver=systemd --client-ca-file=/var/lib/rancher/k3s/agent/client-ca.crt --cloud-provider=external --cluster-dns=10.43.0.10 --cluster-domain=cluster.local --container-runtime-endpoint=unix:///run/k3s/containerd/containerd.sock --hostname-override=worker-1-6f1c2a9b --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --node-ip=10.0.0.22 --pod-manifest-path=/var/lib/rancher/k3s/agent/pod-manifests"';
const K3S_JOURNAL = [
  'time="2024-06-11T08:15:01Z" level=info msg="Starting k3s agent v1.30.2+k3s1 (faa4eb1b)"',
  'time="2024-06-11T08:15:01Z" level=info msg="Adding server to load balancer k3s-agent-load-balancer: 10.0.0.21:6443"',
  RUNNING_KUBELET,
  'I0611 08:15:02.512345     812 server.go:484] "Kubelet version" kubeletVersion="v1.30.2+k3s1"',
  'I0611 08:15:02.600000     812 config.go:100] "Loaded config" config=<',
  '\tapiVersion: v1',
  ' >',
  'time="2024-06-11T08:15:02Z" level=info msg="Connecting to proxy" url="wss://10.0.0.21:6443/v1-k3s/connect"',
  'E0611 08:15:05.100000     812 kubelet.go:2900] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
  'time="2024-06-11T08:15:05Z" level=warning msg="Unable to watch for tunnel endpoints: unknown (get endpoints kubernetes)"',
  'time="2024-06-11T08:16:00Z" level=fatal msg="kubelet exited: failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/k3s/containerd/containerd.sock\\""',
];

describe('isK3sOwnLine', () => {
  it("k3s's logrus lines are its own; the kubelet's klog lines and k3s's lines about the kubelet are not", () => {
    expect(K3S_JOURNAL.filter(isK3sOwnLine)).toEqual([
      K3S_JOURNAL[0],
      K3S_JOURNAL[1],
      K3S_JOURNAL[7],
      K3S_JOURNAL[9],
    ]);
  });

  it('a klog line that quotes logrus, or a line that only looks alike, is kept', () => {
    expect(
      isK3sOwnLine('I0611 08:15:02.512345     812 log.go:1] time="2024-06-11T08:15:01Z" level=info msg=x'),
    ).toBe(false);
    expect(isK3sOwnLine('time="2024-06-11T08:15:01Z" level=notice msg=x')).toBe(false);
    expect(isK3sOwnLine('time="2024-06-11T08:15:01Z" level=error msg="failed to get CA certs"')).toBe(true);
  });
});

const fakeNode = () => fakeJournalNode(K3S_JOURNAL, () => ({ SYSLOG_IDENTIFIER: 'k3s', _PID: '812' }));

const k3sAgent = {
  nodeName: 'worker-1-6f1c2a9b',
  setup: {
    kind: 'k3s',
    role: 'agent',
    label: 'k3s agent',
    evidence: [],
    support: 'supported',
    supportNote: null,
  },
  kubeletLog: {
    kind: 'journal',
    units: ['k3s-agent'],
    identifiers: ['k3s'],
    file: null,
    format: 'klog',
    shared: true,
    explanation: 'k3s runs its kubelet inside the k3s-agent.service process',
  },
  tools: { journalctl: { path: '/usr/bin/journalctl' } },
  readAs: { user: 'root', root: true },
} as unknown as NodeDiscovery;

async function follow(target: KubeletLogTarget) {
  const log = new LogSession('k3s', fakeNode, 100, { history: 100, follow: false, retryMs: 1 }, () =>
    Promise.resolve(target),
  );
  await log.done;
  return log;
}

describe("the Logs pane on k3s: the kubelet's lines only", () => {
  it('discovery of a k3s node gives a target that leaves out k3s’s own lines, and says so', () => {
    const target = logTargetOf(k3sAgent);
    expect(target).toMatchObject({ kind: 'journal', drop: 'k3s-own', why: K3S_KUBELET_LINES_ONLY });
    expect(K3S_KUBELET_LINES_ONLY).toMatch(
      /^k3s unit, kubelet lines only \(k3s runs the kubelet in its own process\)/,
    );
  });

  it("stores the kubelet's records whole and k3s's lines about the kubelet, none of k3s's own", async () => {
    const log = await follow(logTargetOf(k3sAgent));
    const rows = rowsOf(log.store, log.views.get(undefined), 0, 20).map((r) => r.raw);
    expect(rows).toEqual([
      RUNNING_KUBELET,
      K3S_JOURNAL[3],
      // The multi-line value stays one record; the logrus line after it is not joined to it.
      [K3S_JOURNAL[4], K3S_JOURNAL[5], K3S_JOURNAL[6]].join('\n'),
      K3S_JOURNAL[8],
      K3S_JOURNAL[10],
    ]);
    expect(log.status().origin).toBe(`journalctl -u k3s-agent — ${K3S_KUBELET_LINES_ONLY}`);
  });

  it('without the k3s target (a kubelet unit of its own) every line is kept', async () => {
    const log = await follow({
      ...(logTargetOf(k3sAgent) as KubeletLogTarget & { kind: 'journal' }),
      drop: undefined,
    });
    expect(log.store.size).toBe(K3S_JOURNAL.length - 2);
  });
});
