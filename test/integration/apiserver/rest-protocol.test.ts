/**
 * The simulated API server over HTTPS as API clients see it, checked against the shapes of
 * upstream: metav1.Status for every failure (apimachinery/pkg/api/errors/errors.go), metav1.Table
 * for `Accept: …;as=Table;v=v1;g=meta.k8s.io` (meta/v1/types.go; printers.go columns),
 * metav1.WatchEvent streams (meta/v1/watch.go) with resourceVersion semantics ("Resource
 * versions" in the API concepts docs), optimistic concurrency (409 Conflict), validation of pod
 * updates (422 Invalid, FieldValueForbidden on spec), authorization (403, RBAC wording), and
 * a refused connection while the kube-apiserver static pod is stopped. Then
 * @kubernetes/client-node (the app's kubeconfig reader) against the same server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiViaKubeconfig } from '../../../src-main/node/snapshot/api-via-kubeconfig';
import { callSimDaemon } from '../../../src-main/sandbox/daemon/client';
import { clientCertificate, createCa } from '../../../src-main/sandbox/apiserver/pki';
import { SimApiNode, until } from './sim-apiserver';

let node: SimApiNode;
const NS = '/api/v1/namespaces/kube-system';
const SCHEDULER = 'kube-scheduler-controlplane';
const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface Meta {
  name: string;
  namespace?: string;
  resourceVersion: string;
  uid: string;
  labels?: Record<string, string>;
}
type Obj = { kind: string; metadata: Meta; items?: Array<{ metadata: Meta }> };

beforeAll(async () => {
  node = await SimApiNode.start();
  // The mirror exists, and the status manager has written its Running status.
  await until(async () => {
    const r = await node.request(`${NS}/pods/${SCHEDULER}`);
    const pod =
      r.status === 200 ? (r.json() as { status: { containerStatuses?: Array<{ ready: boolean }> } }) : null;
    return pod?.status.containerStatuses?.[0]?.ready ? true : undefined;
  }, 'the kube-scheduler mirror pod, running');
}, 60_000);

afterAll(async () => {
  await node?.stop();
});

describe('discovery and version', () => {
  it('legacy discovery: /api, /apis, /api/v1 with pods, nodes and namespaces; /version of the kube-apiserver image', async () => {
    expect((await node.request('/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await node.request('/apis')).json()).toMatchObject({ kind: 'APIGroupList', groups: [] });
    const v1 = (await node.request('/api/v1')).json() as {
      resources: Array<{ name: string; namespaced: boolean }>;
    };
    expect(v1.resources.map((r) => [r.name, r.namespaced])).toEqual([
      ['namespaces', false],
      ['nodes', false],
      ['pods', true],
    ]);
    // The default kubeadm manifests run registry.k8s.io/kube-apiserver:v1.32.2.
    expect((await node.request('/version', { as: 'anonymous' })).json()).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.2',
    });
  });
});

describe('reads', () => {
  it('a list is a PodList with the resourceVersion to watch from; a field selector narrows it', async () => {
    const list = (
      await node.request('/api/v1/pods?fieldSelector=spec.nodeName%3Dcontrolplane')
    ).json() as Obj;
    expect(list.kind).toBe('PodList');
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(list.items!.map((p) => p.metadata.name)).toContain(SCHEDULER);
    const none = (await node.request('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode99')).json() as Obj;
    expect(none.items).toEqual([]);
    const bad = await node.request('/api/v1/pods?fieldSelector=spec.foo%3Dbar');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });
  });

  it('Table output when asked for it, as kubectl get asks', async () => {
    const r = await node.request(`${NS}/pods`, { accept: TABLE });
    const table = r.json() as {
      kind: string;
      apiVersion: string;
      columnDefinitions: Array<{ name: string }>;
      rows: Array<{ cells: unknown[]; object: { kind: string; metadata: Meta } }>;
    };
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    const row = table.rows.find((x) => x.cells[0] === SCHEDULER);
    expect(row?.cells.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(row?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: SCHEDULER } });
  });

  it('a missing pod, node or namespace is a NotFound Status', async () => {
    const missing = await node.request(`${NS}/pods/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    expect((await node.request('/api/v1/nodes/nope')).json()).toMatchObject({
      message: 'nodes "nope" not found',
    });
    expect((await node.request('/api/v1/namespaces/nope')).json()).toMatchObject({
      message: 'namespaces "nope" not found',
    });
    expect((await node.request('/api/v1/services')).status).toBe(404);
    // kubectl reads the namespace after a NotFound, to tell which of the two is missing.
    expect((await node.request('/api/v1/namespaces/kube-system')).json()).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'kube-system' },
      status: { phase: 'Active' },
    });
  });
});

describe('writes', () => {
  const web = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  };

  it('create, AlreadyExists, merge patch, Conflict on a stale resourceVersion, delete', async () => {
    const created = await node.request(`${NS}/pods`, { method: 'POST', body: web });
    expect(created.status).toBe(201);
    const pod = created.json() as Obj;
    expect(pod.metadata).toMatchObject({ name: 'web', namespace: 'kube-system', labels: { app: 'web' } });
    const again = await node.request(`${NS}/pods`, { method: 'POST', body: web });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', message: 'pods "web" already exists' });

    const patched = await node.request(`${NS}/pods/web`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { tier: 'front' } } },
    });
    expect(patched.status).toBe(200);
    const after = patched.json() as Obj;
    expect(after.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(pod.metadata.resourceVersion));

    const stale = await node.request(`${NS}/pods/web`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { resourceVersion: pod.metadata.resourceVersion, labels: { tier: 'back' } } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    });

    const deleted = await node.request(`${NS}/pods/web`, {
      method: 'DELETE',
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
    });
    expect(deleted.status).toBe(200);
    await until(
      async () => ((await node.request(`${NS}/pods/web`)).status === 404 ? true : undefined),
      'web gone',
    );
  });

  it('a spec change is refused as the API refuses it: 422 Invalid, cause FieldValueForbidden on spec', async () => {
    for (const [type, body] of [
      ['application/strategic-merge-patch+json', { spec: { priority: 5 } }],
      ['application/json-patch+json', [{ op: 'replace', path: '/spec/schedulerName', value: 'other' }]],
    ] as const) {
      const r = await node.request(`${NS}/pods/${SCHEDULER}`, { method: 'PATCH', contentType: type, body });
      expect(r.status).toBe(422);
      expect(r.json()).toMatchObject({
        reason: 'Invalid',
        details: { kind: 'Pod', name: SCHEDULER, causes: [{ reason: 'FieldValueForbidden', field: 'spec' }] },
      });
      expect((r.json() as { message: string }).message).toMatch(
        /^Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than /,
      );
    }
    const failedTest = await node.request(`${NS}/pods/${SCHEDULER}`, {
      method: 'PATCH',
      contentType: 'application/json-patch+json',
      body: [{ op: 'test', path: '/metadata/name', value: 'other' }],
    });
    expect(failedTest.json()).toMatchObject({ code: 422, reason: 'Invalid', details: {} });
  });

  it('a certificate of another cluster or a bearer token: 401 Unauthorized', async () => {
    const otherCa = createCa();
    const stranger = clientCertificate(otherCa, 'kubernetes-admin', ['kubeadm:cluster-admins']);
    for (const as of [stranger, { token: 'not-a-token' }]) {
      const r = await node.request(`${NS}/pods`, { as });
      expect(r.status).toBe(401);
      expect(r.json()).toMatchObject({
        kind: 'Status',
        reason: 'Unauthorized',
        message: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('the kubelet may read but not delete (403, RBAC wording); anonymous may read /version only', async () => {
    expect((await node.request(`${NS}/pods`, { as: 'kubelet' })).status).toBe(200);
    const denied = await node.request(`${NS}/pods/${SCHEDULER}`, { method: 'DELETE', as: 'kubelet' });
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({
      reason: 'Forbidden',
      message: `pods "${SCHEDULER}" is forbidden: User "system:node:controlplane" cannot delete resource "pods" in API group "" in the namespace "kube-system"`,
    });
    expect((await node.request('/api/v1/nodes', { as: 'anonymous' })).json()).toMatchObject({
      code: 403,
      message:
        'nodes is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "" at the cluster scope',
    });
  });
});

describe('watch', () => {
  it('from a list: every later change once, in version order; a selection narrows it', async () => {
    const list = (await node.request(`${NS}/pods`)).json() as Obj;
    const all = node.watch(`${NS}/pods?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    const one = node.watch(
      `${NS}/pods?watch=true&fieldSelector=metadata.name%3D${SCHEDULER}&resourceVersion=${list.metadata.resourceVersion}`,
    );
    await node.request(`${NS}/pods/${SCHEDULER}`, {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: { metadata: { annotations: { 'example.com/watched': 'yes' } } },
    });
    const event = await until(
      async () =>
        (one.events as Array<{ type: string; object: Obj }>).find(
          (e) => e.type === 'MODIFIED' && e.object.metadata.name === SCHEDULER,
        ),
      'the MODIFIED event',
    );
    expect(Number(event.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(list.metadata.resourceVersion),
    );
    expect((one.events as Array<{ object: Obj }>).every((e) => e.object.metadata.name === SCHEDULER)).toBe(
      true,
    );
    await until(async () => (all.events.length > 0 ? true : undefined), 'an event on the unfiltered watch');
    const versions = (all.events as Array<{ object: Obj }>).map((e) =>
      Number(e.object.metadata.resourceVersion),
    );
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    all.close();
    one.close();
  });

  it('without a resourceVersion: ADDED for what exists; from before the history: an ERROR event, 410 Expired', async () => {
    const fresh = node.watch(`${NS}/pods?watch=1&fieldSelector=metadata.name%3D${SCHEDULER}`);
    await until(async () => (fresh.events.length === 1 ? true : undefined), 'the synthetic ADDED');
    expect(fresh.events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: SCHEDULER } } });
    fresh.close();
    // The server keeps the last 1000 events (watch-hub.ts); push the first version out of them.
    const before = ((await node.request(`${NS}/pods`)).json() as Obj).metadata.resourceVersion;
    for (let i = 0; i <= 1000; i++) {
      await node.request(`${NS}/pods/${SCHEDULER}`, {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { metadata: { annotations: { 'example.com/n': String(i) } } },
      });
    }
    const old = node.watch(`${NS}/pods?watch=1&resourceVersion=${before}`);
    await old.ended;
    expect(old.events).toEqual([
      { type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) },
    ]);
  });

  it('Table watch: each event carries a one-row Table (kubectl get -w)', async () => {
    const w = node.watch(`${NS}/pods?watch=1&fieldSelector=metadata.name%3D${SCHEDULER}`, { accept: TABLE });
    const first = await until(
      async () => w.events[0] as { object: { kind: string; rows: unknown[] } } | undefined,
      'an event',
    );
    expect(first.object.kind).toBe('Table');
    expect(first.object.rows).toHaveLength(1);
    w.close();
  });
});

describe('@kubernetes/client-node against the same server', () => {
  it("reads the node's pods and its Node through a kubeconfig, and watches", async () => {
    const read = await readApiViaKubeconfig('controlplane', node.paths.adminKubeconfig);
    expect(read.reason).toBeNull();
    expect(read.nodeRegistered).toBe(true);
    expect(read.pods.map((p) => p.name)).toContain(SCHEDULER);

    const kc = new KubeConfig();
    kc.loadFromFile(node.paths.adminKubeconfig);
    const events: Array<[string, string]> = [];
    const request = await new Watch(kc).watch(
      '/api/v1/namespaces/kube-system/pods',
      { fieldSelector: `metadata.name=${SCHEDULER}` },
      (type, obj: { metadata: Meta }) => events.push([type, obj.metadata.name]),
      () => undefined,
    );
    await until(async () => (events.length > 0 ? true : undefined), 'a client-node watch event');
    expect(events[0]).toEqual(['ADDED', SCHEDULER]);
    request.abort();

    const missing = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedPod({ name: 'nope', namespace: 'kube-system' })
      .catch((e: { code?: number; body?: unknown }) => e);
    expect((missing as { code?: number }).code).toBe(404);
  });
});

describe('the API server down', () => {
  it('refuses connections while the kube-apiserver static pod is stopped, answers again once it runs', async () => {
    const manifest = path.join(node.paths.manifestDir, 'kube-apiserver.yaml');
    const aside = path.join(node.root, 'kube-apiserver.yaml');
    fs.renameSync(manifest, aside);
    const refused = await until(
      () =>
        node.request('/version').then(
          () => undefined,
          (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? e : undefined),
        ),
      'a refused connection',
    );
    expect(refused.code).toBe('ECONNREFUSED');
    const read = await readApiViaKubeconfig('controlplane', node.paths.adminKubeconfig);
    expect(read.reason).toBe(
      `The API server refused the connection (${node.server}): it is down, so no mirror pods can be read. The runtime view still shows what runs.`,
    );
    fs.renameSync(aside, manifest);
    // The kubelet takes the pod back (same UID) at a re-list once the old one is cleaned up;
    // re-list now and then instead of waiting for its 20 s period.
    await until(async () => {
      await callSimDaemon(node.paths, 'kubelet.relist', {});
      return (await node.request('/version')).status === 200 ? true : undefined;
    }, 'the API back');
  });
});
