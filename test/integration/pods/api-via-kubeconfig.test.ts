import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { startPodsScenario, type PodsScenario } from './sandbox-scenario';

// Issue 6 point 4: the API view read with the user's own kubeconfig (@kubernetes/client-node on
// this machine) gives the same joined table as kubectl on the node. The API server is a tiny
// fake on 127.0.0.1 serving exactly what the Sandbox node's API says (its own kubectl's JSON).
let s: PodsScenario;
let server: http.Server;
let kubeconfig: string;
/** What the fake API server serves for the node's pods; refreshed from the node's kubectl. */
let podsJson = '';
const requests: string[] = [];

beforeAll(async () => {
  s = await startPodsScenario();
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (
      url.pathname === '/api/v1/pods' &&
      url.searchParams.get('fieldSelector') === 'spec.nodeName=controlplane'
    )
      return send(200, podsJson);
    if (url.pathname === '/api/v1/nodes/controlplane')
      return send(200, { kind: 'Node', apiVersion: 'v1', metadata: { name: 'controlplane' } });
    send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: `${url.pathname} not found`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  kubeconfig = path.join(s.aside, 'user-kubeconfig.yaml');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // client-node refuses plain http unless TLS verification is explicitly off.
      `- {name: fake, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}`,
      'users:',
      '- {name: me, user: {token: not-a-secret}}',
      'contexts:',
      '- {name: other, context: {cluster: nowhere, user: me}}',
      '- {name: fake-ctx, context: {cluster: fake, user: me}}',
      'current-context: other',
      '',
    ].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await s?.dispose();
});

const viaNode = () => s.core.handlers['pods.snapshot']({ id: s.nodeId });
const viaKubeconfig = () =>
  s.core.handlers['pods.snapshot']({
    id: s.nodeId,
    api: { kind: 'kubeconfig', path: kubeconfig, context: 'fake-ctx' },
  });
const nodePodsJson = async () =>
  (
    await s.tool('kubectl', [
      'get',
      'pods',
      '-A',
      '-o',
      'json',
      '--field-selector',
      'spec.nodeName=controlplane',
    ])
  ).stdout;
/** The table and what it says, without when it was taken or how the API was reached. */
const table = (x: NodePodsSnapshot) => ({
  pods: x.pods,
  findings: x.findings,
  manifests: x.manifests,
  runtime: x.runtime,
  apiAvailable: x.api.available,
});

describe("the API view through the user's kubeconfig", () => {
  it('produces the same joined table as kubectl on the node', async () => {
    await s.until((x) => !x.findings.some((f) => f.severity !== 'info'));
    // The simulated kubelet keeps updating statuses; compare a pair taken while the API stood still.
    for (let tries = 0; ; tries++) {
      podsJson = await nodePodsJson();
      const [kube, node] = [await viaKubeconfig(), await viaNode()];
      if ((await nodePodsJson()) !== podsJson && tries < 10) continue;
      expect(kube.api).toMatchObject({
        via: 'kubeconfig',
        available: true,
        reason: null,
        nodeRegistered: true,
      });
      expect(node.api).toMatchObject({ via: 'node-kubectl', available: true, reason: null });
      expect(kube.pods.filter((p) => p.apiPod).length).toBeGreaterThanOrEqual(4);
      expect(table(kube)).toEqual(table(node));
      break;
    }
    expect(
      requests.some(
        (r) => r.startsWith('/api/v1/pods?') && r.includes('fieldSelector=spec.nodeName%3Dcontrolplane'),
      ),
    ).toBe(true);
  });

  it('the same context through pods.apiSource.set is used by every later refresh', async () => {
    await s.core.handlers['pods.apiSource.set']({
      id: s.nodeId,
      source: { kind: 'kubeconfig', path: kubeconfig, context: 'fake-ctx' },
    });
    try {
      expect(await s.core.handlers['pods.apiSource.get']({ id: s.nodeId })).toEqual({
        kind: 'kubeconfig',
        path: kubeconfig,
        context: 'fake-ctx',
      });
      const before = requests.length;
      const snap = await s.snapshot();
      expect(snap.api.via).toBe('kubeconfig');
      expect(requests.length).toBeGreaterThan(before);
    } finally {
      await s.core.handlers['pods.apiSource.set']({ id: s.nodeId, source: { kind: 'node' } });
    }
  });

  it('with the API server unreachable: the runtime side stays complete and the API side says why', async () => {
    const down = path.join(s.aside, 'down-kubeconfig.yaml');
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    fs.writeFileSync(
      down,
      fs.readFileSync(kubeconfig, 'utf8').replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`),
    );
    const snap = await s.core.handlers['pods.snapshot']({
      id: s.nodeId,
      api: { kind: 'kubeconfig', path: down, context: 'fake-ctx' },
    });
    expect(snap.api).toMatchObject({ via: 'kubeconfig', available: false });
    expect(snap.api.reason).toContain(`The API server refused the connection (http://127.0.0.1:${port})`);
    expect(snap.pods.filter((p) => p.origin === 'static' && p.sandboxes.length > 0)).toHaveLength(4);
  });

  it('a plain http server without insecure-skip-tls-verify: says what to change', async () => {
    const strict = path.join(s.aside, 'strict-kubeconfig.yaml');
    fs.writeFileSync(
      strict,
      fs.readFileSync(kubeconfig, 'utf8').replace(', insecure-skip-tls-verify: true', ''),
    );
    const snap = await s.core.handlers['pods.snapshot']({
      id: s.nodeId,
      api: { kind: 'kubeconfig', path: strict, context: 'fake-ctx' },
    });
    expect(snap.api.available).toBe(false);
    expect(snap.api.reason).toMatch(
      /^The kubeconfig's server http:\/\/127\.0\.0\.1:\d+ is plain http, .*insecure-skip-tls-verify: true/,
    );
  });

  it('a context the kubeconfig does not have: a clear reason, nothing read', async () => {
    const snap = await s.core.handlers['pods.snapshot']({
      id: s.nodeId,
      api: { kind: 'kubeconfig', path: kubeconfig, context: 'other' },
    });
    expect(snap.api.available).toBe(false);
    expect(snap.api.reason).toMatch(/no cluster for context "other"|nowhere/);
  });
});
