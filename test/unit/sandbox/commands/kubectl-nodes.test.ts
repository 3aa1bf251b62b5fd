import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runKubectl } from '../../../../src-main/sandbox/commands/kubectl';
import { newNodeObject } from '../../../../src-main/sandbox/engine/api/node-object';
import type { ApiNode, SimNodeState } from '../../../../src-main/sandbox/model';
import { simPaths } from '../../../../src-main/sandbox/paths';
import type { SimRpcRequest } from '../../../../src-main/sandbox/rpc';
import { MIN, NOW, nodeState, run, simRoot, writeState } from './sim-fixture';

// kubectl on the Node object (docs/kubelet.md §2.1, §2.4): the shapes kubectl prints, and what the
// app's snapshot reads (`get node NAME -o name`, NotFound on stderr, read-pods-snapshot.ts).
const DAY = 24 * 60 * MIN;

function node(
  p: {
    name?: string;
    role?: 'control-plane' | 'worker';
    ready?: boolean;
    ageMs?: number;
    marked?: boolean;
  } = {},
): ApiNode {
  return newNodeObject({
    name: p.name ?? 'controlplane',
    uid: '7d820f6b-95c3-43cc-a023-388ab286daf0',
    role: p.role ?? 'control-plane',
    nodeIp: '192.168.97.4',
    bootId: 'b'.repeat(32),
    resourceVersion: '512',
    nowMs: NOW - (p.ageMs ?? 15 * DAY),
    ready: p.ready ?? true,
    markedByKubeadm: p.marked ?? true,
    runtime: { name: 'containerd', version: 'v1.7.24' },
    runtimeEndpoint: 'unix:///var/run/containerd/containerd.sock',
  });
}

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The daemon's side of 'nodes.delete', on the state file as the real daemon publishes it. */
function nodeDaemon(root: string, state: SimNodeState): SimRpcRequest[] {
  const requests: SimRpcRequest[] = [];
  const sock = simPaths(root).socketPath;
  fs.mkdirSync(path.dirname(sock), { recursive: true });
  const server = net.createServer((conn) => {
    conn.setEncoding('utf8');
    let buf = '';
    conn.on('data', (d: string) => {
      buf += d;
      if (!buf.includes('\n')) return;
      const req = JSON.parse(buf.slice(0, buf.indexOf('\n'))) as SimRpcRequest<'nodes.delete'>;
      requests.push(req);
      let reply: unknown;
      if (state.node?.metadata.name === req.params.name) {
        state.node = null;
        writeState(root, state);
        reply = { ok: true, result: { deleted: true } };
      } else reply = { ok: false, error: `nodes "${req.params.name}" not found` };
      conn.end(JSON.stringify(reply) + '\n');
    });
  });
  server.listen(sock);
  servers.push(server);
  return requests;
}

describe('kubectl get nodes', () => {
  it('the table kubectl prints: NAME STATUS ROLES AGE VERSION, tabwriter padding 3', async () => {
    const r = await run(runKubectl, ['get', 'nodes'], simRoot(nodeState({ node: node() })));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION\ncontrolplane   Ready    control-plane   15d   v1.32.2\n',
    );
  });

  it('a worker, or a Node the kubelet registered again: ROLES <none>; no pod network: NotReady', async () => {
    const r = await run(
      runKubectl,
      ['get', 'node', 'node01', '--no-headers'],
      simRoot(nodeState({ node: node({ name: 'node01', role: 'worker', ready: false, ageMs: 3 * MIN }) })),
    );
    expect(r.out).toBe('node01   NotReady   <none>   3m    v1.32.2\n');
    const again = await run(
      runKubectl,
      ['get', 'no'],
      simRoot(nodeState({ node: node({ marked: false, ageMs: 40_000 }) })),
    );
    expect(again.out.split('\n')[1]).toBe('controlplane   Ready    <none>   40s   v1.32.2');
  });

  it('-o wide adds INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME', async () => {
    const n = node();
    n.status.nodeInfo.osImage = 'Ubuntu 22.04.4 LTS';
    n.status.nodeInfo.kernelVersion = '5.15.0-105-generic';
    const r = await run(runKubectl, ['get', 'nodes', '-o', 'wide'], simRoot(nodeState({ node: n })));
    expect(r.out.split('\n')[0]!.split(/ {2,}/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    expect(r.out.split('\n')[1]!.split(/ {2,}/)).toEqual([
      'controlplane',
      'Ready',
      'control-plane',
      '15d',
      'v1.32.2',
      '192.168.97.4',
      '<none>',
      'Ubuntu 22.04.4 LTS',
      '5.15.0-105-generic',
      'containerd://1.7.24',
    ]);
  });

  it('-o name, -o json (one object), -o yaml of a list, -l', async () => {
    const root = simRoot(nodeState({ node: node() }));
    expect((await run(runKubectl, ['get', 'node', 'controlplane', '-o', 'name'], root)).out).toBe(
      'node/controlplane\n',
    );
    const json = JSON.parse(
      (await run(runKubectl, ['get', 'node/controlplane', '-o', 'json'], root)).out,
    ) as ApiNode;
    expect(json.kind).toBe('Node');
    expect(json.metadata).toMatchObject({
      name: 'controlplane',
      uid: '7d820f6b-95c3-43cc-a023-388ab286daf0',
    });
    expect(json.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(json.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
    });
    expect(json.status.nodeInfo.kubeletVersion).toBe('v1.32.2');
    const yaml = (await run(runKubectl, ['get', 'nodes', '-o', 'yaml'], root)).out;
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Node\n/);
    expect(yaml).toContain('kind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(
      (
        await run(
          runKubectl,
          ['get', 'nodes', '-l', 'node-role.kubernetes.io/control-plane', '-o', 'name'],
          root,
        )
      ).out,
    ).toBe('node/controlplane\n');
    const none = await run(runKubectl, ['get', 'nodes', '-l', 'kubernetes.io/os=windows'], root);
    expect([none.code, none.out, none.err]).toEqual([0, '', 'No resources found\n']);
  });

  it('a missing node: NotFound on stderr, exit 1 (what the snapshot reads as "not registered")', async () => {
    const r = await run(
      runKubectl,
      ['get', 'node', 'controlplane', '-o', 'name'],
      simRoot(nodeState({ node: null })),
    );
    expect([r.code, r.out, r.err]).toEqual([
      1,
      '',
      'Error from server (NotFound): nodes "controlplane" not found\n',
    ]);
    const all = await run(runKubectl, ['get', 'nodes'], simRoot(nodeState({ node: null })));
    expect([all.code, all.out, all.err]).toEqual([0, '', 'No resources found\n']);
  });

  it('the API server down: refused, as for pods', async () => {
    const r = await run(
      runKubectl,
      ['get', 'nodes'],
      simRoot(nodeState({ apiServerUp: false, nodeIp: '172.30.1.2', node: node() })),
    );
    expect([r.code, r.err]).toEqual([
      1,
      'The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n',
    ]);
  });
});

describe('kubectl delete node', () => {
  it('`node "NAME" deleted`; then get says NotFound; a second delete says NotFound too', async () => {
    const state = nodeState({ node: node() });
    const root = simRoot(state);
    const requests = nodeDaemon(root, state);
    const r = await run(runKubectl, ['delete', 'node', 'controlplane'], root);
    expect([r.code, r.out, r.err]).toEqual([0, 'node "controlplane" deleted\n', '']);
    expect(requests).toEqual([{ method: 'nodes.delete', params: { name: 'controlplane' } }]);
    const get = await run(runKubectl, ['get', 'node', 'controlplane'], root);
    expect(get.err).toBe('Error from server (NotFound): nodes "controlplane" not found\n');
    const again = await run(runKubectl, ['delete', 'node/controlplane'], root);
    expect([again.code, again.err]).toEqual([
      1,
      'Error from server (NotFound): nodes "controlplane" not found\n',
    ]);
    expect((await run(runKubectl, ['delete', 'node', 'controlplane', '--ignore-not-found'], root)).code).toBe(
      0,
    );
    const noName = await run(runKubectl, ['delete', 'nodes'], root);
    expect([noName.code, noName.err]).toEqual([
      1,
      'error: resource(s) were provided, but no name was specified\n',
    ]);
  });
});
