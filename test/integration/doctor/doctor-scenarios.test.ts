/**
 * The doctor on an OpenSSH test node (docs/doctor.md): each cause arranged on the node the way
 * it happens on a real one, each finding asserted with its evidence and next step; the same node
 * without the causes gives none of them; with the API server down the findings still come from
 * the node. etcd is reached only through `crictl exec` into the etcd container.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorFinding, DoctorReport } from '../../../src-main/contract/domain/doctor';
import { startSshPodsScenario, type SshPodsScenario } from '../pods/ssh-scenario';
import { serialOf, signWithNodeCa } from './node-certs';

let s: SshPodsScenario;
const DAY = 86_400_000;
const CAUSE_KINDS: DoctorFinding['kind'][] = [
  'cert-expired',
  'cert-expiring',
  'cert-not-reloaded',
  'cgroup-driver-mismatch',
  'etcd-alarm',
  'etcd-stale-member',
  'disk-pressure',
  'cni-missing',
  'image-missing',
];
const run = (): Promise<DoctorReport> => s.core.handlers['doctor.run']({ id: s.nodeId });
const of = (r: DoctorReport, kind: DoctorFinding['kind']) => r.findings.filter((f) => f.kind === kind);
const node = () => s.testNodes.controlPlane;
const sh = async (script: string) => {
  const r = await node().exec(['sh', '-c', script]);
  if (r.code !== 0) throw new Error(`${script}: ${r.stderr}`);
  return r.stdout;
};
const etcdctl = (args: string) =>
  sh(
    `crictl exec -s $(crictl ps --name '^etcd$' --state Running -q | head -n 1) etcdctl --endpoints=https://127.0.0.1:2379 ` +
      `--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key ${args}`,
  );
const CNI = '/etc/cni/net.d/10-bridge.conflist';
/** Waits until a pod's sandbox has been re-created at least `attempt` times (crictl pods). */
const sandboxAttempt = async (pod: string, attempt: number) => {
  const deadline = Date.now() + 60_000;
  const highest = async () => {
    const r = await node().exec(['crictl', 'pods', '--name', pod, '-o', 'json']);
    const items = (JSON.parse(r.stdout || '{}') as { items?: Array<{ metadata: { attempt: number } }> })
      .items;
    return Math.max(-1, ...(items ?? []).map((i) => i.metadata.attempt));
  };
  let seen = await highest();
  while (seen < attempt && Date.now() < deadline) seen = await highest();
  expect(seen, `${pod} sandbox attempt`).toBeGreaterThanOrEqual(attempt);
};
/** Waits until the API's Node has the condition at that status (the kubelet's status loop). */
const conditionIs = async (type: string, status: 'True' | 'False') => {
  const deadline = Date.now() + 60_000;
  const read = () =>
    sh(`kubectl get node controlplane -o jsonpath='{.status.conditions[?(@.type=="${type}")].status}'`);
  let seen = await read().catch(() => '');
  // kubectl fails while the API server restarts: not yet.
  while (seen.trim() !== status && Date.now() < deadline) seen = await read().catch(() => '');
  expect(seen.trim(), `${type} condition`).toBe(status);
};

beforeAll(async () => {
  s = await startSshPodsScenario();
  // A working node has a pod network: the CNI plugin's installer writes its config.
  await sh(
    `mkdir -p /etc/cni/net.d && printf '%s' '{"cniVersion":"1.0.0","name":"bridge","plugins":[{"type":"bridge"}]}' > ${CNI}`,
  );
}, 180_000);
afterAll(async () => {
  await s?.dispose();
});

describe('doctor on an SSH test node', () => {
  it('a node without the causes gives none of their findings, and each check says whether it ran', async () => {
    const report = await run();
    expect(report.findings.filter((f) => CAUSE_KINDS.includes(f.kind))).toEqual([]);
    expect(report.checks.find((c) => c.name === 'etcdctl member list')).toMatchObject({ ran: true });
    expect(report.checks.find((c) => c.name === 'cgroup drivers')).toMatchObject({ ran: true });
    // Every port is read on the node with openssl, and serves the file it is configured with:
    // kube-apiserver --tls-cert-file, etcd --cert-file/--peer-cert-file, the kubelet's
    // self-signed <cert-dir>/kubelet.crt (no tlsCertFile in kubeadm's config).
    const port = (n: number) => report.ports.find((p) => p.port === n);
    for (const [n, file] of [
      [6443, '/etc/kubernetes/pki/apiserver.crt'],
      [2379, '/etc/kubernetes/pki/etcd/server.crt'],
      [2380, '/etc/kubernetes/pki/etcd/peer.crt'],
      [10250, '/var/lib/kubelet/pki/kubelet.crt'],
    ] as const)
      expect(port(n), `port ${n}`).toMatchObject({
        tool: 'openssl s_client',
        outcome: 'answered',
        file,
        matchesFile: true,
      });
    expect(port(10250)?.served?.subject).toMatch(/^CN=controlplane@\d+$/);
    // kubeadm gives the controller-manager and the scheduler no --tls-cert-file: each serves a
    // certificate it made in memory for localhost, which no file can be compared with.
    for (const n of [10257, 10259]) {
      expect(port(n), `port ${n}`).toMatchObject({ outcome: 'answered', file: null, matchesFile: null });
      expect(port(n)?.served?.subject).toMatch(/^CN=localhost@\d+$/);
      expect(port(n)?.served?.issuer).toMatch(/^CN=localhost-ca@\d+$/);
    }
    // The kubelet's healthz answered ok, so nothing is said about it.
    expect(report.checks.find((c) => c.name === 'kubelet healthz')).toMatchObject({ ran: true });
    expect(report.checks.find((c) => c.name === 'kubelet healthz')?.detail).toMatch(
      /^curl: .* answered "ok"$/,
    );
    expect(report.findings.filter((f) => f.kind.startsWith('kubelet-'))).toEqual([]);
  });

  it('a healthz port nothing listens on is "not listening", one that never answers is no finding', async () => {
    const config = '/var/lib/kubelet/config.yaml';
    const original = await sh(`cat ${config}`);
    // The configuration edited, the kubelet not restarted: it still serves the old port.
    await sh(`sed -i 's/^healthzPort: .*/healthzPort: 10299/' ${config}`);
    try {
      const refused = await run();
      const [notListening] = of(refused, 'kubelet-not-listening');
      expect(notListening?.title).toBe(
        `Nothing listens on the kubelet's healthz address ${node().info.nodeIp}:10299`,
      );
      expect(notListening?.evidence[0]).toMatch(
        /^curl http:\/\/.*:10299\/healthz: \* connect to .* port 10299 failed: Connection refused$/,
      );
      expect(of(refused, 'kubelet-unhealthy')).toEqual([]);
      // A port that accepts and never answers: no answer is not evidence of anything.
      const silent = net.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(10299, node().info.nodeIp, resolve));
      try {
        const timedOut = await run();
        expect(timedOut.findings.filter((f) => f.kind.startsWith('kubelet-'))).toEqual([]);
        const check = timedOut.checks.find((c) => c.name === 'kubelet healthz');
        expect(check?.ran).toBe(false);
        expect(check?.detail).toMatch(
          /^no answer from .*:10299 within 5 s \(curl: curl: \(28\) .*\); that is not evidence that it is down$/,
        );
      } finally {
        silent.close();
      }
    } finally {
      fs.writeFileSync(node().hostPath(config), original);
    }
  });

  it('etcd NOSPACE: the alarm, the DB size against the quota, and the commands that clear it', async () => {
    await sh('mkdir -p /var/lib/etcd/member/snap && truncate -s 2300M /var/lib/etcd/member/snap/db');
    try {
      const [alarm] = of(await run(), 'etcd-alarm');
      expect(alarm?.title).toMatch(/NOSPACE/);
      expect(alarm?.evidence.join('\n')).toMatch(/alarm list: memberID [0-9a-f]+ alarm NOSPACE/);
      expect(alarm?.evidence.join('\n')).toMatch(/DB size 2\.2 GiB .*quota 2\.0 GiB|quota 2\.0 GiB/s);
      expect(alarm?.nextStep).toMatch(/crictl exec .* etcdctl .*defrag .*alarm disarm/);
    } finally {
      await sh('rm -f /var/lib/etcd/member/snap/db');
      await etcdctl('alarm disarm');
    }
    expect(of(await run(), 'etcd-alarm')).toEqual([]);
  });

  it('a stale etcd member left by a failed join', async () => {
    const added = await etcdctl('member add node09 --peer-urls=https://10.9.9.9:2380');
    const id = /Member\s+([0-9a-f]+) added/.exec(added)?.[1] as string;
    try {
      const [stale] = of(await run(), 'etcd-stale-member');
      expect(stale?.subject).toBe(id);
      expect(stale?.evidence[0]).toContain('peer https://10.9.9.9:2380');
      expect(stale?.evidence[0]).toContain('unstarted');
      expect(stale?.nextStep).toMatch(new RegExp(`etcdctl .* member remove ${id}$`));
    } finally {
      await etcdctl(`member remove ${id}`);
    }
  });

  it('a control-plane image the runtime no longer has', async () => {
    await sh('crictl rmi registry.k8s.io/kube-scheduler:v1.32.2');
    try {
      const [missing] = of(await run(), 'image-missing');
      expect(missing?.subject).toBe('registry.k8s.io/kube-scheduler:v1.32.2');
      expect(missing?.evidence.join('\n')).toMatch(/kube-scheduler\.yaml: container kube-scheduler image/);
      expect(missing?.evidence.join('\n')).toContain('registry the node pulls from: registry.k8s.io');
      expect(missing?.nextStep).toBe('crictl pull registry.k8s.io/kube-scheduler:v1.32.2');
    } finally {
      await sh('rm -f /var/lib/containerd/sim-removed-images.json');
    }
  });

  it('cgroup driver mismatch: kubelet systemd, containerd SystemdCgroup = false', async () => {
    await sh("sed -i 's/SystemdCgroup = true/SystemdCgroup = false/' /etc/containerd/config.toml");
    try {
      // What the mismatch does: the pods' sandboxes are killed and re-created over and over.
      await sandboxAttempt('kube-scheduler-controlplane', 2);
      const [mismatch] = of(await run(), 'cgroup-driver-mismatch');
      expect(mismatch?.evidence.join('\n')).toMatch(
        /^crictl pods: kube-scheduler-controlplane sandbox attempt ([2-9]|\d\d+) \(/m,
      );
      expect(mismatch?.evidence[0]).toBe(
        'kubelet: cgroupDriver systemd (/var/lib/kubelet/config.yaml: cgroupDriver: systemd)',
      );
      expect(mismatch?.evidence[1]).toContain('SystemdCgroup = false');
      expect(mismatch?.evidence[2]).toMatch(/^node: cgroup v[12]/);
      expect(mismatch?.nextStep).toMatch(/SystemdCgroup = true .*systemctl restart containerd/);
    } finally {
      await sh("sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml");
      await node().waitForApiServer();
    }
  });

  it('DiskPressure from the image filesystem: df of the mount crictl imagefsinfo names, against imagefs.available', async () => {
    await sh(
      'mkdir -p /var/lib/containerd && mount -t tmpfs -o size=64m tmpfs /var/lib/containerd && head -c 60000000 /dev/zero > /var/lib/containerd/fill',
    );
    try {
      // The kubelet's eviction manager sees it too, and the API says so.
      await conditionIs('DiskPressure', 'True');
      const pressure = of(await run(), 'disk-pressure').find((f) => f.subject === 'imagefs.available');
      expect(pressure?.evidence).toContain(
        'kubectl: condition DiskPressure=True reason KubeletHasDiskPressure: kubelet has disk pressure',
      );
      expect(pressure?.evidence[0]).toMatch(
        /^df -P -k \/var\/lib\/containerd\/io\.containerd\.snapshotter\.v1\.overlayfs: tmpfs on \/var\/lib\/containerd/,
      );
      expect(pressure?.evidence[1]).toMatch(/^threshold imagefs\.available<15%/);
      expect(pressure?.nextStep).toBe('crictl rmi --prune && df -h /var/lib/containerd');
    } finally {
      await sh('umount /var/lib/containerd');
    }
    await conditionIs('DiskPressure', 'False');
  });

  it('expired and soon-expiring certificates, with kubeadm renew and the static pod restart', async () => {
    const pki = node().hostPath('/etc/kubernetes/pki');
    const now = Date.now();
    fs.writeFileSync(
      `${pki}/apiserver-kubelet-client.crt`,
      signWithNodeCa({
        pkiDir: pki,
        cn: 'kube-apiserver-kubelet-client',
        notBefore: new Date(now - 400 * DAY),
        notAfter: new Date(now - 35 * DAY),
      }),
    );
    fs.writeFileSync(
      `${pki}/apiserver-etcd-client.crt`,
      signWithNodeCa({
        pkiDir: pki,
        cn: 'kube-apiserver-etcd-client',
        notBefore: new Date(now - 350 * DAY),
        notAfter: new Date(now + 12 * DAY),
      }),
    );
    try {
      const report = await run();
      const [expired] = of(report, 'cert-expired');
      expect(expired).toMatchObject({ severity: 'error', subject: 'apiserver-kubelet-client' });
      expect(expired?.evidence[0]).toMatch(
        /^\/etc\/kubernetes\/pki\/apiserver-kubelet-client\.crt: subject "CN=kube-apiserver-kubelet-client", serial [0-9A-F]+, not after .* \(-3[56] days left\)/,
      );
      expect(expired?.evidence[1]).toMatch(/chain: verified/);
      expect(expired?.nextStep).toBe(
        'kubeadm certs renew apiserver-kubelet-client && mv /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/tmp/kube-apiserver.yaml && sleep 20 && mv /etc/kubernetes/tmp/kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml',
      );
      const [expiring] = of(report, 'cert-expiring');
      expect(expiring).toMatchObject({ severity: 'warning', subject: 'apiserver-etcd-client' });
      expect(expiring?.title).toMatch(/expires in 1[12] days/);
      expect(expiring?.nextStep).toMatch(/^kubeadm certs renew apiserver-etcd-client && mv /);
    } finally {
      fs.rmSync(`${pki}/apiserver-kubelet-client.crt`);
      fs.rmSync(`${pki}/apiserver-etcd-client.crt`);
    }
  });

  it('renewed but not reloaded: the file on disk is newer than what port 6443 serves; etcd, which reloads, is not flagged', async () => {
    const pki = node().hostPath('/etc/kubernetes/pki');
    const original = fs.readFileSync(`${pki}/apiserver.crt`, 'utf8');
    const etcdOriginal = fs.readFileSync(`${pki}/etcd/server.crt`, 'utf8');
    // Renewed with a new key that was not put in place: the API server's reload rejects the pair
    // (X509KeyPair fails) and keeps serving the old one [src: staging/src/k8s.io/apiserver/pkg/
    // server/dynamiccertificates/dynamic_serving_content.go loadCertKeyPair].
    const renewed = signWithNodeCa({
      pkiDir: pki,
      cn: 'kube-apiserver',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 365 * DAY),
      san: `DNS:kubernetes,IP:${node().info.nodeIp}`,
    });
    // etcd reads its pair at every handshake (etcd client/pkg/transport/listener.go).
    const etcdRenewed = signWithNodeCa({
      pkiDir: `${pki}/etcd`,
      cn: 'controlplane',
      keyFile: `${pki}/etcd/server.key`,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 365 * DAY),
      san: `DNS:controlplane,DNS:localhost,IP:${node().info.nodeIp},IP:127.0.0.1`,
    });
    fs.writeFileSync(`${pki}/apiserver.crt`, renewed);
    fs.writeFileSync(`${pki}/etcd/server.crt`, etcdRenewed);
    try {
      const report = await run();
      const stale = of(report, 'cert-not-reloaded');
      expect(stale.map((f) => f.subject)).toEqual(['port 6443']);
      expect(stale[0]?.evidence[0]).toContain(`serial ${serialOf(original)}`);
      expect(stale[0]?.evidence[1]).toBe(`/etc/kubernetes/pki/apiserver.crt: serial ${serialOf(renewed)}`);
      expect(stale[0]?.nextStep).toMatch(/^mv \/etc\/kubernetes\/manifests\/kube-apiserver\.yaml /);
      expect(report.ports.find((p) => p.port === 2379)).toMatchObject({
        matchesFile: true,
        served: expect.objectContaining({ serial: serialOf(etcdRenewed) }),
      });
      // Renewed with its own key: the API server reloads it, the doctor's probe sees it.
      const rotated = signWithNodeCa({
        pkiDir: pki,
        cn: 'kube-apiserver',
        keyFile: `${pki}/apiserver.key`,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 365 * DAY),
        san: `DNS:kubernetes,IP:${node().info.nodeIp}`,
      });
      fs.writeFileSync(`${pki}/apiserver.crt`, rotated);
      const after = await run();
      expect(of(after, 'cert-not-reloaded')).toEqual([]);
      expect(after.ports.find((p) => p.port === 6443)).toMatchObject({
        matchesFile: true,
        served: expect.objectContaining({ serial: serialOf(rotated) }),
      });
    } finally {
      fs.writeFileSync(`${pki}/apiserver.crt`, original);
      fs.writeFileSync(`${pki}/etcd/server.crt`, etcdOriginal);
    }
  });

  it('an empty CNI directory, and with the API server down the findings still come from the node', async () => {
    await sh(`rm -f ${CNI}`);
    // With the API up, its NotReady condition is part of the evidence.
    await conditionIs('Ready', 'False');
    const [notReady] = of(await run(), 'cni-missing');
    expect(notReady?.evidence).toContain(
      'kubectl: condition Ready=False reason KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
    await sh('mv /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/kube-apiserver.yaml');
    await sh('mkdir -p /var/lib/etcd/member/snap && truncate -s 2300M /var/lib/etcd/member/snap/db');
    try {
      let report = await run();
      const deadline = Date.now() + 60_000;
      while (report.api.available && Date.now() < deadline) report = await run();
      expect(report.api.available).toBe(false);
      expect(report.checks.find((c) => c.name === 'API node conditions')).toMatchObject({ ran: false });
      const [cni] = of(report, 'cni-missing');
      expect(cni?.evidence[0]).toBe('/etc/cni/net.d: empty');
      expect(cni?.evidence[1]).toBe(
        'crictl info: NetworkReady=false reason NetworkPluginNotReady: Network plugin returns error: cni plugin not initialized',
      );
      expect(of(report, 'etcd-alarm')[0]?.title).toMatch(/NOSPACE/);
    } finally {
      await sh(
        'rm -f /var/lib/etcd/member/snap/db && mv /etc/kubernetes/kube-apiserver.yaml /etc/kubernetes/manifests/',
      );
      await etcdctl('alarm disarm');
    }
  });
});
