/**
 * crictl and the runtime behind the node's CRI socket: where crictl v1.32 finds its endpoint
 * (flag, CRI_CONFIG_FILE, /etc/crictl.yaml, the deprecated defaults — cri-tools
 * `cmd/crictl/main.go`, `pkg/common/config.go`), how it fails when the socket is not there or
 * refuses, and CRI-O's shapes when CRI-O answers (cri-o `server/container_status.go`,
 * `server/sandbox_status.go`, `internal/oci/container.go`).
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCrictl } from '../../../../src-main/sandbox/commands/crictl';
import { serveRuntimeSocket, type RuntimeSocket } from '../../../../src-main/sandbox/daemon/runtime-socket';
import type { SimNodeState } from '../../../../src-main/sandbox/model';
import { container, hexId, nodeState, run, sandbox, simRoot, writeNodeFile } from './sim-fixture';

const sockets: RuntimeSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) await s.close();
});

const CRIO = 'unix:///var/run/crio/crio.sock';

function crioNode(): SimNodeState {
  const sb = sandbox({ id: hexId('5e1b0c'), name: 'kube-apiserver-controlplane' });
  return nodeState({
    sandboxes: [{ ...sb, labels: { ...sb.labels, 'io.kubernetes.container.name': 'POD' } }],
    containers: [container({ id: hexId('c0ffee'), name: 'kube-apiserver', sb })],
    runtime: { name: 'cri-o', version: '1.30.4', endpoint: CRIO },
  });
}

/** A sim root whose runtime listens on `endpoint`, with the files given. */
async function rootWith(
  state: SimNodeState,
  socket: { path: string; name: 'cri-o' | 'containerd'; version: string },
  files: Record<string, string> = {},
): Promise<string> {
  const root = simRoot(state);
  sockets.push(
    await serveRuntimeSocket(path.join(root, socket.path), { name: socket.name, version: socket.version }),
  );
  for (const [file, text] of Object.entries(files)) writeNodeFile(root, file, text);
  return root;
}

const crioSocket = { path: '/var/run/crio/crio.sock', name: 'cri-o', version: '1.30.4' } as const;
const CRICTL_YAML = { '/etc/crictl.yaml': `runtime-endpoint: "${CRIO}"\n` };

describe('finding the endpoint', () => {
  it('reads /etc/crictl.yaml (as the cri-o package installs it) and says nothing on stderr', async () => {
    const root = await rootWith(crioNode(), crioSocket, CRICTL_YAML);
    const r = await run(runCrictl, ['version'], root);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: 'Version:  0.1.0\nRuntimeName:  cri-o\nRuntimeVersion:  1.30.4\nRuntimeApiVersion:  v1\n',
    });
  });

  it('without a config: warns twice, logs containerd’s failure, then reaches CRI-O, the second default', async () => {
    const root = await rootWith(crioNode(), { ...crioSocket, path: '/run/crio/crio.sock' });
    const r = await run(runCrictl, ['pods', '-q'], root, { env: { KUBELET_SIM_EXE: '/usr/bin/crictl' } });
    expect(r.code).toBe(0);
    const err = r.err.trimEnd().split('\n');
    expect(err[0]).toContain(
      'level=warning msg="Config \\"/etc/crictl.yaml\\" does not exist, trying next: \\"/usr/bin/crictl.yaml\\""',
    );
    expect(err[1]).toContain('level=warning msg="runtime connect using default endpoints:');
    expect(err[2]).toContain(
      'level=error msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""',
    );
    expect(err).toHaveLength(3);
    expect(r.out).toBe(`${hexId('5e1b0c')}\n`);
  });

  it('a wrong --runtime-endpoint fails at once with the socket error, no warning, exit 1', async () => {
    const root = await rootWith(crioNode(), crioSocket, CRICTL_YAML);
    const r = await run(
      runCrictl,
      ['--runtime-endpoint', 'unix:///run/containerd/containerd.sock', 'ps'],
      root,
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'time="2024-05-30T02:00:00Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""\n',
    );
  });

  it('CRI_CONFIG_FILE (RKE2, k3s) names the config; a missing one is fatal after the fallback warning', async () => {
    const root = await rootWith(crioNode(), crioSocket, {
      '/var/lib/rancher/rke2/agent/etc/crictl.yaml': `runtime-endpoint: ${CRIO}\n`,
    });
    const ok = await run(runCrictl, ['pods', '-q'], root, {
      env: { CRI_CONFIG_FILE: '/var/lib/rancher/rke2/agent/etc/crictl.yaml' },
    });
    expect(ok).toMatchObject({ code: 0, err: '' });
    const missing = await run(runCrictl, ['pods'], root, {
      env: { CRI_CONFIG_FILE: '/nope.yaml', KUBELET_SIM_EXE: '/var/lib/rancher/rke2/bin/crictl' },
    });
    expect(missing.code).toBe(1);
    expect(missing.err.trimEnd().split('\n')).toEqual([
      'time="2024-05-30T02:00:00Z" level=warning msg="Config \\"/nope.yaml\\" does not exist, trying next: \\"/var/lib/rancher/rke2/bin/crictl.yaml\\""',
      'time="2024-05-30T02:00:00Z" level=fatal msg="load config file: stat /var/lib/rancher/rke2/bin/crictl.yaml: no such file or directory"',
    ]);
  });

  it('a socket file nobody listens on is "connection refused"', async () => {
    const root = simRoot(crioNode());
    const stale = path.join(root, 'var/run/crio/crio.sock');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    // A runtime that died without cleaning up: its socket file stays, nothing accepts.
    spawnSync(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    expect(fs.statSync(stale).isSocket()).toBe(true);
    const r = await run(runCrictl, ['-r', CRIO, 'ps'], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('dial unix /var/run/crio/crio.sock: connect: connection refused');
  });
});

describe("CRI-O's shapes", () => {
  it('inspect: info is {sandboxID, pid, runtimeSpec, privileged}; image IDs bare hex', async () => {
    const root = await rootWith(crioNode(), crioSocket, CRICTL_YAML);
    const r = await run(runCrictl, ['inspect', 'c0ffee'], root);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { info: Record<string, unknown>; status: Record<string, unknown> };
    expect(Object.keys(doc.info)).toEqual(['pid', 'privileged', 'runtimeSpec', 'sandboxID']);
    expect(doc.info).toMatchObject({ privileged: false, sandboxID: hexId('5e1b0c') });
    const annotations = (doc.info.runtimeSpec as { annotations: Record<string, string> }).annotations;
    expect(annotations['io.kubernetes.cri-o.ContainerType']).toBe('container');
    expect(annotations['io.kubernetes.cri-o.Name']).toBe(
      'k8s_kube-apiserver_kube-apiserver-controlplane_kube-system_23ace3c8b1dea5b6d6b30e6bcbb810a7_0',
    );
    expect(doc.status.imageId).toBe(hexId('334e4a014c81b'));
  });

  it('inspectp: info is {image, pid, runtimeSpec}; the sandbox carries io.kubernetes.container.name=POD', async () => {
    const root = await rootWith(crioNode(), crioSocket, CRICTL_YAML);
    const r = await run(runCrictl, ['inspectp', '5e1b0c'], root);
    const doc = JSON.parse(r.out) as {
      info: Record<string, unknown>;
      status: { labels: Record<string, string> };
    };
    expect(Object.keys(doc.info)).toEqual(['image', 'pid', 'runtimeSpec']);
    expect(doc.info.image).toBe('registry.k8s.io/pause:3.10');
    expect(doc.status.labels['io.kubernetes.container.name']).toBe('POD');
  });

  it('ps: IMAGE is the image the pod asked for, untruncated (containerd’s sha256 ID is cut to 13)', async () => {
    const root = await rootWith(crioNode(), crioSocket, CRICTL_YAML);
    const r = await run(runCrictl, ['ps'], root);
    expect(r.out.split('\n')[1]).toContain('registry.k8s.io/kube-apiserver:v1.29.0');
    const containerd = await rootWith(
      {
        ...crioNode(),
        runtime: {
          name: 'containerd',
          version: 'v1.7.24',
          endpoint: 'unix:///run/containerd/containerd.sock',
        },
      },
      { path: '/run/containerd/containerd.sock', name: 'containerd', version: 'v1.7.24' },
    );
    const c = await run(runCrictl, ['ps'], containerd, {
      env: { CONTAINER_RUNTIME_ENDPOINT: 'unix:///run/containerd/containerd.sock' },
    });
    expect(c.out.split('\n')[1]).toMatch(/\s334e4a014c81b\s/);
  });
});
