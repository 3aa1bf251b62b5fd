/**
 * Test nodes work from wherever the repository is cloned. Most clones live under /home, /root
 * or /tmp, which a node replaces with its own (node-local) directories; the state dir below
 * them, and a node binary there (nvm under $HOME), are bound back into the node at their own
 * paths (test/nodes/init-script.ts), while the node's /tmp, /home and /root stay its own.
 */
import { existsSync, linkSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index';
import { hostMountsUnder, startTestNodes } from '../../nodes/index';
import { SANDBOX_DIR, ssh } from './helpers';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDirIn(base: string, prefix: string): string {
  const dir = mkdtempSync(path.join(base, prefix));
  made.push(dir);
  return dir;
}

/** This process's node, linked (or copied) into `dir`, as nvm would have it below $HOME. */
function nodeBinaryIn(dir: string): string {
  const file = path.join(dir, 'node');
  try {
    linkSync(process.execPath, file);
  } catch {
    copyFileSync(process.execPath, file);
  }
  return file;
}

const LOCATIONS = [
  { name: 'the temp dir', base: os.tmpdir() },
  { name: 'the home dir', base: os.homedir() },
];

describe.each(LOCATIONS)('a state dir and node binary below $name', ({ base }) => {
  let nodes: TestNodeSet | undefined;
  let stateDir = '';

  afterAll(async () => {
    await nodes?.stop();
  });

  it('starts a node that serves logins and runs the simulated commands from there', async () => {
    const clone = tempDirIn(base, 'ks-clone-');
    stateDir = path.join(clone, '.test-nodes', 'suite');
    const nodeBinary = nodeBinaryIn(tempDirIn(base, 'ks-node-bin-'));
    nodes = await startTestNodes({ count: 1, stateDir, sandboxDir: SANDBOX_DIR, nodeBinary });

    const who = await ssh(nodes, 'controlplane', 'whoami');
    expect(who, who.stderr).toMatchObject({ code: 0, stdout: 'ks-admin\n' });
    // The kubelet runs the bundle at its host path, with the carried node binary.
    const ps = await ssh(nodes, 'controlplane', 'ps -o args= -C kubelet');
    expect(ps.stdout).toMatch(new RegExp(`^kubelet ${stateDir}/sandbox/kubelet\\.cjs --config=`));
    expect(await nodes.controlPlane.exec(['readlink', '/usr/local/bin/kubelet'])).toMatchObject({
      stdout: `${nodeBinary}\n`,
    });
    // A user without sudo reaches the wrapper, the node binary and the bundle: the simulated
    // crictl runs and meets the runtime's root-only socket, as on a real node.
    const denied = await ssh(nodes, 'controlplane', 'crictl pods -o json', { user: 'ks-user' });
    expect(denied.stderr).toContain('dial unix /run/containerd/containerd.sock: connect: permission denied');
    const crictl = await ssh(nodes, 'controlplane', 'sudo crictl pods -o json');
    expect(crictl.code, crictl.stderr).toBe(0);
    expect(JSON.parse(crictl.stdout)).toHaveProperty('items');
  });

  it("keeps the node's /tmp, /home and /root its own", async () => {
    if (!nodes) throw new Error('no nodes: the start test failed');
    const hostOnly = path.join(tempDirIn(os.tmpdir(), 'ks-host-only-'), 'marker');
    writeFileSync(hostOnly, 'host\n');
    const seen = await ssh(nodes, 'controlplane', `test -e ${hostOnly}`);
    expect(seen.code, 'a host file under /tmp is visible in the node').not.toBe(0);

    const written = await ssh(nodes, 'controlplane', 'echo node > /tmp/node-only', { user: 'ks-user' });
    expect(written.code, written.stderr).toBe(0);
    expect(existsSync(nodes.controlPlane.hostPath('/tmp/node-only'))).toBe(true);
    expect(existsSync('/tmp/node-only')).toBe(false);

    const homes = await ssh(nodes, 'controlplane', 'ls /home');
    expect(homes.stdout.split('\n')).toEqual(expect.arrayContaining(['ks-admin', 'ks-user']));
    const rootList = await ssh(nodes, 'controlplane', 'ls /root', { user: 'ks-user' });
    expect(rootList.stderr).toContain('Permission denied');
  });

  it('stops with no process and no mount left', async () => {
    if (!nodes) throw new Error('no nodes: the start test failed');
    const processes = nodes.controlPlane.processes();
    expect(processes.length).toBeGreaterThan(0);
    await nodes.stop();
    expect(nodes.controlPlane.processes()).toEqual([]);
    expect(hostMountsUnder(stateDir)).toEqual([]);
  });
});

it('refuses a state dir that holds a node-local root', async () => {
  await expect(startTestNodes({ count: 1, stateDir: '/var', sandboxDir: SANDBOX_DIR })).rejects.toThrow(
    /holds \/var\/lib, \/var\/log/,
  );
});
