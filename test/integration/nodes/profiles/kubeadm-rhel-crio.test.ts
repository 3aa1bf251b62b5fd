/**
 * `kubeadm-rhel-crio` over real OpenSSH, as docs/distributions.md describes kubeadm on RHEL
 * with CRI-O: RHEL's sudo secure_path hides /usr/local/bin (real sudo's own words), CRI-O
 * behind /var/run/crio/crio.sock named by /etc/crictl.yaml, CRI-O's inspect info, the kubelet
 * unit with /etc/sysconfig/kubelet and a chatty --v=2 kubelet, and what a user without sudo
 * meets: a 0660 root socket, root's 0600 manifests, a journal for systemd-journal only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import { eventually, SANDBOX_DIR } from '../helpers';
import { crictlDialError, JOURNAL_DENIED, on, processes } from './node-shell';

let nodes: TestNodeSet;

beforeAll(async () => {
  nodes = await startTestNodes({ profile: 'kubeadm-rhel-crio', count: 1, sandboxDir: SANDBOX_DIR });
  await nodes.controlPlane.waitForApiServer();
});

afterAll(async () => {
  await nodes?.stop();
});

const CRICTL = '/usr/local/bin/crictl';

describe('tools and sudo (docs/distributions.md "kubeadm on RHEL")', () => {
  it('the login user finds crictl and kubectl in /usr/local/bin; sudo does not, in its own words', async () => {
    expect((await on(nodes, 'command -v crictl kubectl')).stdout).toBe(
      '/usr/local/bin/crictl\n/usr/local/bin/kubectl\n',
    );
    for (const tool of ['crictl', 'kubectl']) {
      const out = await on(nodes, `sudo ${tool} version`);
      expect(out).toMatchObject({ code: 1, stdout: '', stderr: `sudo: ${tool}: command not found\n` });
    }
    expect((await on(nodes, 'sudo grep -E "^Defaults\\s+secure_path" /etc/sudoers')).stdout).toBe(
      'Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin\n',
    );
  });

  it('crictl by its path reaches CRI-O through /etc/crictl.yaml, without a warning', async () => {
    expect((await on(nodes, 'cat /etc/crictl.yaml')).stdout).toContain(
      'runtime-endpoint: "unix:///var/run/crio/crio.sock"',
    );
    const out = await on(nodes, `sudo ${CRICTL} version`);
    expect(out).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'Version:  0.1.0\nRuntimeName:  cri-o\nRuntimeVersion:  1.32.1\nRuntimeApiVersion:  v1\n',
    });
  });

  it("inspectp and inspect show CRI-O's info, sandboxes carry io.kubernetes.container.name=POD", async () => {
    const id = (await on(nodes, `sudo ${CRICTL} pods -q --name etcd`)).stdout.trim();
    const pod = JSON.parse((await on(nodes, `sudo ${CRICTL} inspectp ${id}`)).stdout) as {
      info: Record<string, unknown>;
      status: { labels: Record<string, string> };
    };
    expect(Object.keys(pod.info)).toEqual(['image', 'pid', 'runtimeSpec']);
    expect(pod.status.labels['io.kubernetes.container.name']).toBe('POD');
    const cid = (await on(nodes, `sudo ${CRICTL} ps -q --name etcd`)).stdout.trim();
    const ctr = JSON.parse((await on(nodes, `sudo ${CRICTL} inspect ${cid}`)).stdout) as {
      info: Record<string, unknown>;
    };
    expect(Object.keys(ctr.info)).toEqual(['pid', 'privileged', 'runtimeSpec', 'sandboxID']);
  });

  it('the API reports cri-o:// container IDs and the runtime version (real or simulated kubectl)', async () => {
    const kubectl = 'sudo /usr/local/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf';
    const ids = await on(
      nodes,
      `${kubectl} get pod -n kube-system etcd-controlplane -o jsonpath='{.status.containerStatuses[*].containerID}'`,
    );
    expect(ids.stdout).toMatch(/^cri-o:\/\/[0-9a-f]{64}$/);
    const node = await on(
      nodes,
      `${kubectl} get node controlplane -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}'`,
    );
    expect(node.stdout).toBe('cri-o://1.32.1');
  });
});

describe('kubelet unit and process (docs/kubelet.md §6, kubernetes/release kubeadm.spec)', () => {
  it('kubelet.service and 10-kubeadm.conf in /usr/lib/systemd/system; extra args from /etc/sysconfig/kubelet', async () => {
    const dropIn = await on(nodes, 'cat /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf');
    expect(dropIn.stdout).toContain('EnvironmentFile=-/etc/sysconfig/kubelet\n');
    expect((await on(nodes, 'cat /usr/lib/systemd/system/kubelet.service')).stdout).toContain(
      'ExecStart=/usr/bin/kubelet\n',
    );
    expect((await on(nodes, 'cat /etc/sysconfig/kubelet')).stdout).toMatch(
      /^KUBELET_EXTRA_ARGS=--node-ip=\S+ --v=2\n$/,
    );
    expect((await on(nodes, 'test -e /etc/default/kubelet; echo $?')).stdout).toBe('1\n');
  });

  it('runs as /usr/bin/kubelet with the flags the drop-in expands to', async () => {
    const kubelet = (await processes(nodes)).find((p) => p.comm === 'kubelet');
    expect(kubelet?.args).toMatch(
      /^\/usr\/bin\/kubelet \S+ --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet.conf --kubeconfig=\/etc\/kubernetes\/kubelet.conf --config=\/var\/lib\/kubelet\/config.yaml --container-runtime-endpoint=unix:\/\/\/var\/run\/crio\/crio.sock --pod-infra-container-image=registry.k8s.io\/pause:3.10 --node-ip=\S+ --v=2$/,
    );
  });

  it("logs at v=2: SyncLoop lines, and a 1.30 kubelet's 'Pod status updated' every 10 s", async () => {
    const count = async () =>
      Number(
        (await on(nodes, 'sudo journalctl -u kubelet -o cat | grep -c "Pod status updated"')).stdout.trim(),
      );
    const before = await count();
    expect(await eventually(async () => (await count()) >= before + 4, 25_000)).toBe(true);
    const text = (await on(nodes, 'sudo journalctl -u kubelet -o cat')).stdout;
    expect(text).toMatch(
      /kubelet\.go:\d+\] "SyncLoop ADD" source="file" pods=\["kube-system\/etcd-controlplane"\]/,
    );
    expect(text).toMatch(
      /kubelet_getters\.go:187\] "Pod status updated" pod="kube-system\/etcd-controlplane" status="Running"/,
    );
  });
});

describe('a user without sudo (ks-user)', () => {
  it('crictl fails on the root 0660 socket with the permission error', async () => {
    expect((await on(nodes, 'ls -l /var/run/crio/crio.sock')).stdout).toMatch(/^srw-rw---- 1 root root /);
    const out = await on(nodes, 'crictl ps', 'ks-user');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      `level=fatal msg="${crictlDialError('unix:///var/run/crio/crio.sock', 'permission denied')}"`,
    );
  });

  it('journalctl says what Debian’s says to a user outside systemd-journal', async () => {
    const out = await on(nodes, 'journalctl -u kubelet --no-pager', 'ks-user');
    expect(out).toMatchObject({ code: 1, stdout: '', stderr: JOURNAL_DENIED });
  });

  it("cannot read root's 0600 manifests", async () => {
    expect((await on(nodes, 'ls -l /etc/kubernetes/manifests/etcd.yaml')).stdout).toMatch(
      /^-rw------- 1 root root /,
    );
    const out = await on(nodes, 'cat /etc/kubernetes/manifests/etcd.yaml', 'ks-user');
    expect(out).toMatchObject({
      code: 1,
      stderr: 'cat: /etc/kubernetes/manifests/etcd.yaml: Permission denied\n',
    });
  });
});
