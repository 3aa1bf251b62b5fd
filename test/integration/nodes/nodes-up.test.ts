/**
 * Three test nodes come up as separate machines would look over SSH: their own hostnames,
 * their own processes (exactly one kubelet each), the node commands on PATH, reachable with
 * plain OpenSSH and strict host-key checking, directly and through a jump host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index';
import { startTestNodes } from '../../nodes/index';
import { runCommand, SANDBOX_DIR, ssh } from './helpers';

let nodes: TestNodeSet;

beforeAll(async () => {
  nodes = await startTestNodes({ count: 3, sandboxDir: SANDBOX_DIR });
});

afterAll(async () => {
  await nodes?.stop();
});

describe('three test nodes', () => {
  it('answers plain `ssh -F <ssh_config> controlplane hostname` with controlplane', async () => {
    const out = await ssh(nodes, 'controlplane', 'hostname');
    expect(out.stderr).toBe('');
    expect(out).toMatchObject({ code: 0, stdout: 'controlplane\n' });
  });

  it('gives each node its own hostname, over SSH and via nsenter', async () => {
    expect(nodes.nodes.map((n) => n.name)).toEqual(['controlplane', 'node01', 'node02']);
    for (const node of nodes.nodes) {
      expect((await ssh(nodes, node.name, 'hostname')).stdout).toBe(`${node.name}\n`);
      expect((await node.exec(['hostname'])).stdout).toBe(`${node.name}\n`);
    }
  });

  it('reaches node01 through controlplane with ProxyJump', async () => {
    const jump = nodes.info.jumpHosts.find((j) => j.target === 'node01');
    expect(jump).toBeDefined();
    const out = await ssh(nodes, jump!.alias, 'hostname');
    expect(out).toMatchObject({ code: 0, stdout: 'node01\n' });
    // The second hop's TCP connection came out of controlplane's sshd (a direct-tcpip channel).
    expect(nodes.node('controlplane').readSshdLog()).toMatch(/direct-tcpip|Connection from 127\.0\.0\.1/);
  });

  it('shows each node only its own processes, with exactly one kubelet', async () => {
    for (const node of nodes.nodes) {
      const out = await ssh(nodes, node.name, 'ps -o args= -C kubelet');
      const lines = out.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^kubelet \S+\/kubelet\.cjs --config=\/var\/lib\/kubelet\/config\.yaml /);
      expect(lines[0]).toContain(`--hostname-override=${node.name}`);
      expect(lines[0]).toContain(`--role=${node.name === 'controlplane' ? 'control-plane' : 'worker'}`);
      const all = await ssh(nodes, node.name, 'ps -e -o pid=,comm=');
      const pid1 = all.stdout.trim().split('\n')[0]?.trim();
      expect(pid1).toMatch(/^1 sh$/);
    }
  });

  it('has the kubeadm kubelet config with the static pod path', async () => {
    const out = await ssh(nodes, 'node01', 'grep staticPodPath /var/lib/kubelet/config.yaml');
    expect(out.stdout).toBe('staticPodPath: /etc/kubernetes/manifests\n');
  });

  it('puts crictl, kubectl and journalctl on PATH for sudo and for login shells', async () => {
    const viaSudo = await ssh(
      nodes,
      'controlplane',
      'sudo -n sh -c "for c in crictl kubectl journalctl; do command -v \\$c; done"',
    );
    expect(viaSudo.stdout.split('\n').filter(Boolean)).toEqual([
      '/usr/local/sbin/crictl',
      '/usr/local/sbin/kubectl',
      '/usr/local/sbin/journalctl',
    ]);
    const login = await ssh(
      nodes,
      'controlplane',
      'bash -lc "for c in crictl kubectl journalctl; do command -v \\$c; done"',
    );
    expect(login.stdout).toBe('/usr/local/bin/crictl\n/usr/local/bin/kubectl\n/usr/local/bin/journalctl\n');
    // /usr/bin/journalctl is shadowed inside the node only.
    const inside = await ssh(nodes, 'controlplane', 'head -c 200 /usr/bin/journalctl');
    expect(inside.stdout).toContain('journalctl.cjs');
    const host = await runCommand('/usr/bin/journalctl', ['--version']);
    expect(host.stdout).toMatch(/^systemd \d+/);
  });

  it('keeps the host /usr/local/bin commands reachable inside the node', async () => {
    const hostEntries = (await runCommand('ls', ['/usr/local/bin'])).stdout.split('\n').filter(Boolean);
    const inside = await ssh(nodes, 'node02', 'ls /usr/local/bin');
    for (const entry of hostEntries) expect(inside.stdout.split('\n')).toContain(entry);
    const firstExecutable = hostEntries.find((e) => !e.includes('.'));
    if (firstExecutable) {
      const check = await ssh(nodes, 'node02', `test -x /usr/local/bin/${firstExecutable} && echo ok`);
      expect(check.stdout).toBe('ok\n');
    }
  });

  it('publishes host key fingerprints as ssh-keygen -lf prints them', async () => {
    for (const node of nodes.nodes) {
      expect(node.hostKeys.map((k) => k.type).sort()).toEqual(['ecdsa', 'ed25519', 'rsa']);
      for (const key of node.hostKeys) {
        const out = await runCommand('ssh-keygen', ['-lf', `${key.path}.pub`]);
        expect(out.stdout.split(' ')[1]).toBe(key.fingerprint);
      }
    }
  });

  it('starts three more nodes in under 3 s once keys are cached', async () => {
    const started = Date.now();
    const more = await startTestNodes({ count: 3, sandboxDir: SANDBOX_DIR });
    const elapsed = Date.now() - started;
    await more.stop();
    expect(elapsed).toBeLessThan(3_000);
  });
});
