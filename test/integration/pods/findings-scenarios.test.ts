import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingKind, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { NODES_UNDER_TEST, START_TIMEOUT_MS } from './nodes-under-test';
import { crashingManifest, sleepingManifest, type PodsScenario } from './sandbox-scenario';

// Issue 6 acceptance: each finding of point 2, produced by arranging the node the way a user
// would (files in the static pod path, kubectl on the node) and asserting its evidence; on the
// Sandbox node and on an OpenSSH test node, through the same core operations.
const find = (snap: NodePodsSnapshot, kind: FindingKind, text = ''): Finding | undefined =>
  snap.findings.find((f) => f.kind === kind && `${f.title} ${f.manifestPath ?? ''}`.includes(text));

describe.each(NODES_UNDER_TEST)('findings on $label', ({ start }) => {
  let s: PodsScenario;
  beforeAll(async () => {
    s = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => s?.dispose());
  /** A node path in the static pod path, and where this process writes it. */
  const at = (name: string) => path.posix.join(s.manifests, name);
  const host = (nodePath: string) => s.hostPath(nodePath);

  it('a settled kubeadm control plane has no error findings', async () => {
    const snap = await s.until((x) => !x.findings.some((f) => f.severity === 'error'));
    expect(snap.roundTrips).toBe(1);
    expect(snap.manifests.entries.map((e) => e.name)).toEqual([
      'etcd.yaml',
      'kube-apiserver.yaml',
      'kube-controller-manager.yaml',
      'kube-scheduler.yaml',
    ]);
    for (const pod of snap.pods.filter((p) => p.origin === 'static'))
      expect(pod.manifestPaths).toHaveLength(1);
  });

  it('a crash-looping container: restart count, exit code and its last log lines, read in one extra round trip', async () => {
    fs.writeFileSync(host(at('crasher.yaml')), crashingManifest('crasher'));
    const snap = await s.until((x) =>
      Boolean(
        find(x, 'crash-loop', 'crasher')?.evidence.some((e) =>
          e.includes('unknown flag: --this-is-very-wrong-crasher'),
        ),
      ),
    );
    const f = find(snap, 'crash-loop', 'crasher') as Finding;
    expect(f.severity).toBe('error');
    expect(f.evidence[0]).toMatch(
      /container main attempt \d+, (exited|created); restarts [1-9]\d*; last exit code 1/,
    );
    expect(f.evidence).toContain('Error: unknown flag: --this-is-very-wrong-crasher');
    expect(f.manifestPath).toBe(at('crasher.yaml'));
    expect(snap.roundTrips).toBe(2);
    fs.rmSync(host(at('crasher.yaml')));
  });

  it('a pod being torn down or orphaned after its manifest is removed: sandbox without a manifest', async () => {
    fs.writeFileSync(host(at('leaving.yaml')), sleepingManifest('leaving'));
    await s.until((x) =>
      x.pods.some(
        (p) => p.name === 'leaving-controlplane' && p.containers.some((c) => c.state === 'running'),
      ),
    );
    fs.renameSync(host(at('leaving.yaml')), host(path.posix.join(s.aside, 'leaving.yaml')));
    const snap = await s.until((x) => Boolean(find(x, 'sandbox-without-manifest', 'leaving')));
    const f = find(snap, 'sandbox-without-manifest', 'leaving') as Finding;
    expect(f.evidence.join('\n')).toMatch(
      /crictl: sandbox [0-9a-f]{13} (ready|notready) uid [0-9a-f]{32} \(config\.source file\)/,
    );
    expect(f.evidence).toContain(`No file in ${s.manifests} declares kube-system/leaving-controlplane.`);
  });

  it('two files declaring one pod: which one the kubelet uses, which it ignores', async () => {
    const backup = host(at('kube-scheduler.yaml.bak'));
    fs.copyFileSync(host(at('kube-scheduler.yaml')), backup);
    const snap = await s.until((x) => Boolean(find(x, 'duplicate-manifest')));
    const f = find(snap, 'duplicate-manifest') as Finding;
    expect(f.severity).toBe('error');
    expect(f.title).toBe('2 files declare the pod kube-system/kube-scheduler');
    expect(f.evidence[0]).toMatch(
      /kube-scheduler\.yaml \(sha256 [0-9a-f]{12}…, \d+ bytes\) declares kube-system\/kube-scheduler ← ignored$/,
    );
    expect(f.evidence[1]).toMatch(/kube-scheduler\.yaml\.bak .* ← used$/);
    fs.rmSync(backup);
  });

  it('an ordinary pod created with kubectl apply -f of a manifest, beside the mirror', async () => {
    const file = at('web.yaml');
    fs.writeFileSync(host(file), sleepingManifest('web'));
    await s.until((x) => x.pods.some((p) => p.name === 'web-controlplane' && p.apiPod));
    await s.tool('kubectl', ['apply', '-f', file]);
    const snap = await s.until((x) => Boolean(find(x, 'applied-manifest-pod')));
    const f = find(snap, 'applied-manifest-pod') as Finding;
    expect(f.title).toBe('web: an ordinary pod made from the static manifest');
    expect(f.evidence[0]).toMatch(/^kubectl: kube-system\/web uid [0-9a-f-]{36}, no owner/);
    expect(f.evidence[1]).toMatch(
      /^mirror of the static pod: kube-system\/web-controlplane uid [0-9a-f-]{36}$/,
    );
    await s.tool('kubectl', ['delete', 'pod', '-n', 'kube-system', 'web', '--wait=false']);
    fs.rmSync(host(file));
  });

  it('labels and annotations changed on the mirror through the API', async () => {
    await s.tool('kubectl', [
      'label',
      'pod',
      '-n',
      'kube-system',
      'kube-scheduler-controlplane',
      'team=blue',
    ]);
    await s.tool('kubectl', [
      'annotate',
      'pod',
      '-n',
      'kube-system',
      'kube-scheduler-controlplane',
      'note=hi',
    ]);
    const snap = await s.until((x) =>
      Boolean(find(x, 'mirror-metadata-changed')?.evidence.some((e) => e.includes('note'))),
    );
    const f = find(snap, 'mirror-metadata-changed') as Finding;
    expect(f.evidence).toEqual(
      expect.arrayContaining([
        'label team: "blue" on the mirror only',
        'annotation note: "hi" on the mirror only',
      ]),
    );
    expect(f.nextStep).toContain(at('kube-scheduler.yaml'));
  });

  it('the static pod path missing', async () => {
    const moved = host(path.posix.join(s.aside, 'manifests-away'));
    fs.renameSync(host(s.manifests), moved);
    try {
      const snap = await s.until((x) => Boolean(find(x, 'static-path-missing')));
      const f = find(snap, 'static-path-missing') as Finding;
      expect(f.title).toBe(`The static pod path ${s.manifests} does not exist`);
      expect(f.evidence).toContain(`${s.manifests} does not exist on the node.`);
    } finally {
      fs.renameSync(moved, host(s.manifests));
    }
  });
});
