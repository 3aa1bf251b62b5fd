/**
 * `rke2-server` over real OpenSSH, as docs/distributions.md "RKE2" describes it (rancher/rke2
 * sources and docs.rke2.io "CLI Tools", "Logging"): the kubelet a child of `rke2 server` with
 * RKE2's flags and no klog flags on its command line, its log in agent/logs/kubelet.log and
 * rotated there (lumberjack: UTC-stamped, gzip, three backups), rke2's own lines in the journal,
 * tools only in /var/lib/rancher/rke2/bin with crictl needing CRI_CONFIG_FILE or an endpoint,
 * the drop-in tree with its subdirectory, RKE2's manifests rewritten at start, rke2.yaml.
 */
import zlib from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import { eventually, SANDBOX_DIR } from '../helpers';
import { crictlDialError, JOURNAL_DENIED, on, processes } from './node-shell';

let nodes: TestNodeSet;
const DATA = '/var/lib/rancher/rke2';
const CRICTL = `${DATA}/bin/crictl`;
const CONFIG = `CRI_CONFIG_FILE=${DATA}/agent/etc/crictl.yaml`;

beforeAll(async () => {
  // RKE2's default rotation size is 50 MB; `kubelet-arg: log-file-max-size=1` makes it 1 MB.
  nodes = await startTestNodes({
    profile: 'rke2-server',
    count: 1,
    sandboxDir: SANDBOX_DIR,
    kubeletLogMaxSizeMb: 1,
  });
  await nodes.controlPlane.waitForApiServer();
});

afterAll(async () => {
  await nodes?.stop();
});

describe('processes and unit', () => {
  it('runs `rke2 server`, whose child is the kubelet with RKE2 flags and without klog flags', async () => {
    const ps = await processes(nodes);
    const rke2 = ps.find((p) => p.comm === 'rke2');
    const kubelet = ps.find((p) => p.comm === 'kubelet');
    expect(rke2?.args).toBe('/usr/local/bin/rke2 server');
    expect(kubelet?.ppid).toBe(rke2?.pid);
    expect(kubelet?.args).toMatch(
      /^kubelet \S+ --volume-plugin-dir=\/var\/lib\/kubelet\/volumeplugins --file-check-frequency=5s --sync-frequency=30s --config-dir=\/var\/lib\/rancher\/rke2\/agent\/etc\/kubelet.conf.d --containerd=\/run\/k3s\/containerd\/containerd.sock --hostname-override=controlplane --kubeconfig=\/var\/lib\/rancher\/rke2\/agent\/kubelet.kubeconfig --node-ip=\S+ --node-labels=$/,
    );
    expect(kubelet?.args).not.toContain('--log-file');
  });

  it('has rke2-server.service in /usr/local/lib/systemd/system and no kubeadm files', async () => {
    const unit = await on(nodes, 'cat /usr/local/lib/systemd/system/rke2-server.service');
    expect(unit.stdout).toContain('ExecStart=/usr/local/bin/rke2 server\n');
    expect(
      (await on(nodes, 'ls -d /etc/kubernetes /usr/lib/systemd/system/kubelet.service 2>&1')).stdout,
    ).toBe(
      "ls: cannot access '/etc/kubernetes': No such file or directory\nls: cannot access '/usr/lib/systemd/system/kubelet.service': No such file or directory\n",
    );
  });
});

describe('tools ("CLI Tools": not on PATH)', () => {
  it('finds no crictl or kubectl on PATH, nor under sudo; both in rke2/bin, a link to the data dir', async () => {
    expect(await on(nodes, 'command -v crictl kubectl rke2')).toMatchObject({
      stdout: '/usr/local/bin/rke2\n',
    });
    expect((await on(nodes, 'sudo crictl ps')).stderr).toBe('sudo: crictl: command not found\n');
    expect((await on(nodes, `readlink ${DATA}/bin`)).stdout).toMatch(
      /^\/var\/lib\/rancher\/rke2\/data\/v1\.32\.2-rke2r1-\w+\/bin\n$/,
    );
  });

  it('crictl without its config tries the deprecated defaults and fails on the last one', async () => {
    const out = await on(nodes, `sudo ${CRICTL} ps`);
    expect(out.code).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /level=warning msg="Config \\"\/etc\/crictl.yaml\\" does not exist, trying next: \\"\/var\/lib\/rancher\/rke2\/data\/[^"]+\/bin\/crictl.yaml\\""$/,
    );
    expect(lines.at(-1)).toContain(
      `level=fatal msg="${crictlDialError('unix:///var/run/cri-dockerd.sock', 'no such file or directory')}"`,
    );
  });

  it('crictl with CRI_CONFIG_FILE, or the endpoint, lists the control plane', async () => {
    for (const cmd of [
      `sudo ${CONFIG} ${CRICTL} ps`,
      `sudo ${CRICTL} -r unix:///run/k3s/containerd/containerd.sock ps`,
    ]) {
      const out = await on(nodes, cmd);
      expect(out.code).toBe(0);
      for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
        expect(out.stdout).toContain(` ${c} `);
    }
    expect((await on(nodes, `sudo ${CONFIG} ${CRICTL} version`)).stdout).toContain(
      'RuntimeVersion:  v1.7.23-k3s2\n',
    );
  });

  it("kubectl with rke2.yaml sees the mirror pods; ks-user's crictl meets the root socket", async () => {
    const out = await on(
      nodes,
      `sudo KUBECONFIG=/etc/rancher/rke2/rke2.yaml ${DATA}/bin/kubectl get pods -n kube-system -o name`,
    );
    expect(out.stdout).toContain('pod/etcd-controlplane\n');
    const user = await on(nodes, `${CRICTL} -r unix:///run/k3s/containerd/containerd.sock ps`, 'ks-user');
    expect(user.stderr).toContain(
      crictlDialError('unix:///run/k3s/containerd/containerd.sock', 'permission denied'),
    );
  });
});

describe('configuration', () => {
  it('has 00-rke2-defaults.conf (0600) and the subdirectory 20-cli-config-dir/ from kubelet-arg config-dir', async () => {
    const out = await on(nodes, `sudo find ${DATA}/agent/etc/kubelet.conf.d -printf '%P %m\\n' | sort`);
    expect(out.stdout).toBe(
      ' 700\n00-rke2-defaults.conf 600\n20-cli-config-dir 755\n20-cli-config-dir/50-max-pods.conf 644\n',
    );
    const defaults = await on(nodes, `sudo cat ${DATA}/agent/etc/kubelet.conf.d/00-rke2-defaults.conf`);
    expect(defaults.stdout).toContain(`staticPodPath: ${DATA}/agent/pod-manifests\n`);
  });

  it("keeps the static pods in agent/pod-manifests, out of ks-user's reach", async () => {
    const out = await on(nodes, `sudo ls ${DATA}/agent/pod-manifests`);
    expect(out.stdout).toBe(
      'etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n',
    );
    const user = await on(nodes, `ls ${DATA}/agent/pod-manifests`, 'ks-user');
    expect(user.stderr).toBe(`ls: cannot open directory '${DATA}/agent/pod-manifests': Permission denied\n`);
  });
});

describe('logs ("Logging": the kubelet to a file, rke2 to the journal)', () => {
  it("writes the kubelet's lines to agent/logs/kubelet.log (0600), rke2's and none of the kubelet's to the journal", async () => {
    const file = await on(
      nodes,
      `sudo stat -c '%a %U' ${DATA}/agent/logs/kubelet.log && sudo cat ${DATA}/agent/logs/kubelet.log`,
    );
    expect(file.stdout).toMatch(/^600 root\n/);
    expect(file.stdout).toContain(`"Adding static pod path" path="${DATA}/agent/pod-manifests"`);
    const journal = (await on(nodes, 'sudo journalctl -u rke2-server -o cat --no-pager')).stdout;
    expect(journal).toMatch(
      /^time="[^"]+" level=info msg="Running kubelet --alsologtostderr=false --config-dir=\S+ .*--log-file=\/var\/lib\/rancher\/rke2\/agent\/logs\/kubelet.log --log-file-max-size=1 --logtostderr=false /m,
    );
    expect(journal).not.toContain('Adding static pod path');
    expect((await on(nodes, 'sudo journalctl -u kubelet --no-pager')).stdout).toBe('-- No entries --\n');
    expect((await on(nodes, 'journalctl -u rke2-server --no-pager', 'ks-user')).stderr).toBe(JOURNAL_DENIED);
  });

  it('rotates past the size limit: a gzip backup named with the UTC time, the file going on', async () => {
    const node = nodes.controlPlane;
    const logs = node.hostPath(`${DATA}/agent/logs`);
    // ~1.3 MB of kubelet lines through the kubelet's own output.
    const batch = Array.from(
      { length: 12_000 },
      (_, i) => `rotation line ${String(i).padStart(6, '0')} ${'x'.repeat(40)}`,
    );
    await node.emitKubeletLog(batch);
    expect(await eventually(() => readdirSync(logs).some((n) => n.endsWith('.log.gz')), 10_000)).toBe(true);
    const names = readdirSync(logs).sort();
    expect(names.at(-1)).toBe('kubelet.log');
    const backup = names.find((n) => /^kubelet-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}\.log\.gz$/.test(n));
    expect(backup).toBeDefined();
    const old = zlib.gunzipSync(readFileSync(path.join(logs, backup as string))).toString();
    expect(old).toContain('rotation line 000000');
    expect(
      await eventually(
        () => readFileSync(path.join(logs, 'kubelet.log'), 'utf8').includes('rotation line 011999'),
        10_000,
      ),
    ).toBe(true);
  });
});

describe('restart', () => {
  it('restarting rke2 restarts the kubelet and puts back a hand-edited manifest', async () => {
    const node = nodes.controlPlane;
    const manifest = `${DATA}/agent/pod-manifests/kube-scheduler.yaml`;
    const before = (await on(nodes, `sudo cat ${manifest}`)).stdout;
    await on(nodes, `sudo sh -c 'echo "# edited by hand" >> ${manifest}'`);
    const kubeletBefore = (await processes(nodes)).find((p) => p.comm === 'kubelet')?.pid;
    await node.restartKubelet();
    const kubeletAfter = (await processes(nodes)).find((p) => p.comm === 'kubelet')?.pid;
    expect(kubeletAfter).not.toBe(kubeletBefore);
    expect((await on(nodes, `sudo cat ${manifest}`)).stdout).toBe(before);
    const runs = (await on(nodes, 'sudo journalctl -u rke2-server -o cat | grep -c "Running kubelet"'))
      .stdout;
    expect(runs).toBe('2\n');
  });
});
