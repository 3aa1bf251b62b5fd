/**
 * `k3s-agent` over real OpenSSH, as docs/distributions.md "k3s" describes it (k3s-io/k3s
 * sources, docs.k3s.io): no kubelet process — `/usr/local/bin/k3s agent` with comm `k3s-agent`
 * hosts it — the kubelet's args only in k3s's `Running kubelet …` journal line, everything under
 * unit `k3s-agent` (identifier `k3s`), `--with-node-id` naming from /etc/rancher/node/id, no
 * admin kubeconfig, crictl and kubectl as links to k3s, static pods named after the node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import { eventually, SANDBOX_DIR } from '../helpers';
import { JOURNAL_DENIED, on, processes } from './node-shell';

let nodes: TestNodeSet;
const DATA = '/var/lib/rancher/k3s';

beforeAll(async () => {
  nodes = await startTestNodes({ profile: 'k3s-agent', count: 1, sandboxDir: SANDBOX_DIR });
});

afterAll(async () => {
  await nodes?.stop();
});

async function nodeId(): Promise<string> {
  return (await on(nodes, 'cat /etc/rancher/node/id')).stdout.trim();
}

describe('the kubelet inside k3s', () => {
  it('has no kubelet process; `/usr/local/bin/k3s agent` (comm k3s-agent) hosts it', async () => {
    const ps = await processes(nodes);
    expect(ps.some((p) => p.comm === 'kubelet')).toBe(false);
    const agent = ps.find((p) => p.comm === 'k3s-agent');
    expect(agent?.args).toBe('/usr/local/bin/k3s agent');
    const cmdline = await on(nodes, `sudo cat /proc/${agent?.pid}/cmdline | od -An -c | tr -s ' '`);
    expect(cmdline.stdout.replace(/\s+/g, ' ').trim()).toBe(
      '/ u s r / l o c a l / b i n / k 3 s \\0 a g e n t \\0',
    );
  });

  it("logs its args as k3s's `Running kubelet …` line, then the kubelet's lines, all under k3s-agent / k3s", async () => {
    const id = await nodeId();
    const entries = (await on(nodes, 'sudo journalctl -u k3s-agent -o json --no-pager')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(new Set(entries.map((e) => `${e._SYSTEMD_UNIT} ${e.SYSLOG_IDENTIFIER} ${e._COMM}`))).toEqual(
      new Set(['k3s-agent.service k3s k3s-agent']),
    );
    const running = entries.find((e) => e.MESSAGE?.includes('Running kubelet'));
    expect(running?.MESSAGE).toMatch(
      new RegExp(
        `^time="[^"]+" level=info msg="Running kubelet --config-dir=${DATA}/agent/etc/kubelet.conf.d --containerd=/run/k3s/containerd/containerd.sock --hostname-override=controlplane-${id} --kubeconfig=${DATA}/agent/kubelet.kubeconfig --node-ip=[0-9.]+ --node-labels="$`,
      ),
    );
    expect(
      entries.some((e) => e.MESSAGE?.includes(`"Adding static pod path" path="${DATA}/agent/pod-manifests"`)),
    ).toBe(true);
    expect((await on(nodes, 'sudo journalctl -u kubelet --no-pager')).stdout).toBe('-- No entries --\n');
    expect((await on(nodes, 'journalctl -u k3s-agent --no-pager', 'ks-user')).stderr).toBe(JOURNAL_DENIED);
  });

  it('keeps the unit in /etc/systemd/system and the drop-ins in agent/etc/kubelet.conf.d', async () => {
    expect((await on(nodes, 'cat /etc/systemd/system/k3s-agent.service')).stdout).toContain(
      'ExecStart=/usr/local/bin/k3s \\\n    agent \\\n',
    );
    const dropIns = await on(nodes, `sudo find ${DATA}/agent/etc/kubelet.conf.d -printf '%P %m\\n' | sort`);
    expect(dropIns.stdout).toBe(' 700\n00-k3s-defaults.conf 600\n');
  });
});

describe('node name and credentials', () => {
  it('registers as <hostname>-<id> with the id from /etc/rancher/node/id', async () => {
    const id = await nodeId();
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    const kubectl = `sudo kubectl --kubeconfig ${DATA}/agent/kubelet.kubeconfig`;
    expect((await on(nodes, `${kubectl} get nodes -o name`)).stdout).toBe(`node/controlplane-${id}\n`);
  });

  it('has no admin kubeconfig: kubectl without one falls back to localhost:8080', async () => {
    expect((await on(nodes, 'ls /etc/rancher/k3s/k3s.yaml /etc/kubernetes/admin.conf 2>&1')).stdout).toBe(
      "ls: cannot access '/etc/rancher/k3s/k3s.yaml': No such file or directory\nls: cannot access '/etc/kubernetes/admin.conf': No such file or directory\n",
    );
    const out = await on(nodes, 'sudo kubectl get pods');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
  });
});

describe('crictl and kubectl are k3s', () => {
  it('links them to k3s; crictl gets its config from k3s, no warning', async () => {
    expect(
      (await on(nodes, 'readlink /usr/local/bin/crictl /usr/local/bin/kubectl /usr/local/bin/ctr')).stdout,
    ).toBe('k3s\nk3s\nk3s\n');
    for (const cmd of ['sudo crictl version', 'sudo k3s crictl version']) {
      const out = await on(nodes, cmd);
      expect(out).toMatchObject({ code: 0, stderr: '' });
      expect(out.stdout).toContain('RuntimeName:  containerd\nRuntimeVersion:  v1.7.23-k3s2\n');
    }
  });

  it('runs a static pod dropped into agent/pod-manifests, named after the node', async () => {
    const id = await nodeId();
    await nodes.controlPlane.exec([
      'sh',
      '-c',
      `cat > ${DATA}/agent/pod-manifests/web.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
EOF`,
    ]);
    const listed = async () => (await on(nodes, 'sudo crictl pods --name web -o json')).stdout;
    expect(await eventually(async () => (await listed()).includes(`"web-controlplane-${id}"`), 15_000)).toBe(
      true,
    );
  });
});

describe('restart', () => {
  it('restarting k3s-agent starts the embedded kubelet again', async () => {
    const before = (await processes(nodes)).find((p) => p.comm === 'k3s-agent')?.pid;
    await nodes.controlPlane.restartKubelet();
    const after = (await processes(nodes)).find((p) => p.comm === 'k3s-agent');
    expect(after?.pid).not.toBe(before);
    expect(after?.args).toBe('/usr/local/bin/k3s agent');
  });
});
