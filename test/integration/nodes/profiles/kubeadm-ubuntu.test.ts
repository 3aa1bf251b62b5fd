/**
 * `kubeadm-ubuntu`, the default test node, over real OpenSSH, as docs/distributions.md "kubeadm
 * on Debian and Ubuntu" describes it: tools in /usr/local/bin which Debian's sudo keeps,
 * containerd's socket (kubeadm's /var/run form) without /etc/crictl.yaml — so crictl warns and
 * tries the default endpoints — the kubelet unit files, and ks-user's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import { SANDBOX_DIR } from '../helpers';
import { crictlDialError, JOURNAL_DENIED, on, processes } from './node-shell';

let nodes: TestNodeSet;

beforeAll(async () => {
  nodes = await startTestNodes({ count: 1, sandboxDir: SANDBOX_DIR });
});

afterAll(async () => {
  await nodes?.stop();
});

describe('kubeadm-ubuntu', () => {
  it('is the default profile and keeps the kubelet command line it always had', async () => {
    expect(nodes.profile).toBe('kubeadm-ubuntu');
    const kubelet = (await processes(nodes)).find((p) => p.comm === 'kubelet');
    expect(kubelet?.args).toMatch(
      /^kubelet \S+\/kubelet\.cjs --config=\/var\/lib\/kubelet\/config\.yaml --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --container-runtime-endpoint=unix:\/\/\/var\/run\/containerd\/containerd\.sock --hostname-override=controlplane /,
    );
  });

  it('sudo finds crictl in /usr/local/bin; with no /etc/crictl.yaml crictl warns and reaches containerd', async () => {
    const out = await on(nodes, 'sudo crictl pods -q');
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(4);
    const warnings = out.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(
      'msg="Config \\"/etc/crictl.yaml\\" does not exist, trying next: \\"/usr/local/bin/crictl.yaml\\""',
    );
    expect(warnings[1]).toContain('msg="runtime connect using default endpoints:');
  });

  it('has the kubelet unit, kubeadm drop-in, flags file and /etc/default/kubelet', async () => {
    const out = await on(
      nodes,
      'cat /var/lib/kubelet/kubeadm-flags.env; grep EnvironmentFile=-/etc/default/kubelet /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
    );
    expect(out.stdout).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\nEnvironmentFile=-/etc/default/kubelet\n',
    );
  });

  it("ks-user: containerd's socket refuses, the journal and the manifests are root's", async () => {
    const crictl = await on(nodes, 'crictl ps', 'ks-user');
    expect(crictl.code).toBe(1);
    expect(crictl.stderr).toContain(
      `level=error msg="${crictlDialError('unix:///run/containerd/containerd.sock', 'permission denied')}"`,
    );
    expect((await on(nodes, 'journalctl -u kubelet -n 5', 'ks-user')).stderr).toBe(JOURNAL_DENIED);
    expect((await on(nodes, 'cat /etc/kubernetes/manifests/kube-apiserver.yaml', 'ks-user')).stderr).toBe(
      'cat: /etc/kubernetes/manifests/kube-apiserver.yaml: Permission denied\n',
    );
  });
});
