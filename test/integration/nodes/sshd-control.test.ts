/**
 * The sshd controls other suites build on: the verbose auth log, restarting with new host
 * keys, freezing the server (dead peer), cutting connections and counting sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNode, TestNodeSet } from '../../nodes/index';
import { startTestNodes } from '../../nodes/index';
import type { Ssh2Login } from './helpers';
import { eventually, runCommand, SANDBOX_DIR, ssh, ssh2Connect, ssh2Exec } from './helpers';

let nodes: TestNodeSet;
let node01: TestNode;

function adminLogin(node: TestNode, over: Partial<Ssh2Login> = {}): Ssh2Login {
  return {
    port: node.port,
    username: 'ks-admin',
    trusted: node.hostKeys.map((k) => k.fingerprint),
    privateKeyPath: nodes.key('ed25519').path,
    ...over,
  };
}

beforeAll(async () => {
  nodes = await startTestNodes({ count: 2, sandboxDir: SANDBOX_DIR });
  node01 = nodes.node('node01');
});

afterAll(async () => {
  await nodes?.stop();
});

describe('sshd controls', () => {
  it('logs at VERBOSE to the node log: connection, then the accepted key', async () => {
    await ssh(nodes, 'node01', 'true');
    const log = node01.readSshdLog();
    const connection = log.indexOf('Connection from 127.0.0.1');
    const accepted = log.indexOf('Accepted publickey for ks-admin');
    expect(connection).toBeGreaterThanOrEqual(0);
    expect(accepted).toBeGreaterThan(connection);
  });

  it('logs no authentication for a client that refuses the host key', async () => {
    const before = node01.readSshdLog().length;
    const out = await runCommand('ssh', [
      '-F',
      nodes.sshConfigPath,
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'UserKnownHostsFile=/dev/null',
      'node01',
      'true',
    ]);
    expect(out.stderr).toMatch(/Host key verification failed/);
    const after = node01.readSshdLog().slice(before);
    expect(after).not.toMatch(/Accepted|Failed|Postponed|publickey|password/);
  });

  it('counts session processes and returns to the baseline after a disconnect', async () => {
    // Earlier tests' connections may still be closing: an idle node settles at 0.
    expect(await eventually(() => node01.sshdSessionCount() === 0)).toBe(true);
    const baseline = 0;
    const client = await ssh2Connect(adminLogin(node01));
    expect(node01.sshdSessionCount()).toBeGreaterThan(baseline);
    client.end();
    expect(await eventually(() => node01.sshdSessionCount() === baseline)).toBe(true);
  });

  it('cuts every connection but keeps the listener', async () => {
    const client = await ssh2Connect(adminLogin(node01));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    expect(await node01.cutConnections()).toBeGreaterThan(0);
    await closed;
    expect(node01.sshdSessionCount()).toBe(0);
    expect((await ssh(nodes, 'node01', 'hostname')).stdout).toBe('node01\n');
  });

  it('freezes sshd: the client sees a dead peer, and the node recovers after thawing', async () => {
    const client = await ssh2Connect(adminLogin(node01, { keepaliveIntervalMs: 500 }));
    const lost = new Promise<number>((resolve) => {
      const started = Date.now();
      client.once('close', () => resolve(Date.now() - started));
      client.on('error', () => undefined);
    });
    expect(node01.freezeSshd()).toBeGreaterThanOrEqual(2); // listener + this connection
    const allStopped = () =>
      node01
        .processes()
        .filter((p) => p.comm === 'sshd')
        .every((p) => p.state === 'T');
    expect(await eventually(allStopped)).toBe(true);
    const attempt = await ssh(nodes, 'node01', 'true', { options: ['ConnectTimeout=2'] });
    expect(attempt.code).not.toBe(0);
    expect(await lost).toBeLessThan(10_000);
    node01.unfreezeSshd();
    await node01.cutConnections(); // the thawed half-dead sessions
    expect((await ssh(nodes, 'node01', 'hostname')).stdout).toBe('node01\n');
  });

  it('restarts sshd with new host keys: strict clients refuse the changed key', async () => {
    const oldKeys = node01.hostKeys.map((k) => k.fingerprint);
    const oldPid = node01.sshdPid;
    await node01.restartSshd({ newHostKeys: true });
    expect(node01.sshdPid).not.toBe(oldPid);
    const newKeys = node01.hostKeys.map((k) => k.fingerprint);
    expect(newKeys.some((k) => oldKeys.includes(k))).toBe(false);
    const out = await ssh(nodes, 'node01', 'true');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    // Same port, new keys: a client trusting the new fingerprints gets in.
    const client = await ssh2Connect(adminLogin(node01));
    expect((await ssh2Exec(client, 'hostname')).stdout).toBe('node01\n');
    client.end();
    // The other node is untouched.
    expect((await ssh(nodes, 'controlplane', 'hostname')).stdout).toBe('controlplane\n');
  });

  it('applies a configured MaxSessions: the channel past the limit is refused', async () => {
    const small = await startTestNodes({ count: 1, maxSessions: 2, sandboxDir: SANDBOX_DIR });
    try {
      const node = small.controlPlane;
      const client = await ssh2Connect({
        port: node.port,
        username: 'ks-admin',
        trusted: node.hostKeys.map((k) => k.fingerprint),
        privateKeyPath: small.key('ed25519').path,
      });
      const open = () =>
        new Promise<string>((resolve) => {
          client.exec('sleep 5', (error) => resolve(error ? error.message : 'open'));
        });
      expect(await Promise.all([open(), open()])).toEqual(['open', 'open']);
      expect(await open()).toMatch(/open failed|Channel open failure/i);
      client.end();
    } finally {
      await small.stop();
    }
  });

  it('runs commands as root inside the node namespaces', async () => {
    const out = await node01.exec(['sh', '-c', 'id -u; hostname; cat /etc/hostname; ps -o comm= -p 1']);
    expect(out.stdout).toBe('0\nnode01\nnode01\nsh\n');
    expect(node01.hostPath('/etc/kubernetes/manifests')).toBe(
      `${node01.info.nodeDir}/etc/kubernetes/manifests`,
    );
  });
});
