import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, JoinedPod, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { NODES_UNDER_TEST, START_TIMEOUT_MS } from './nodes-under-test';
import type { PodsScenario } from './sandbox-scenario';

// Issue 6 acceptance, the "stale mirror" finding, arranged as it persists on a real node
// (docs/kubelet.md §2.2, §2.1): a finalizer on the mirror, then a manifest edit. The kubelet's
// delete of the outdated mirror only marks it, its create of the new one fails with
// AlreadyExists, and the API keeps the old mirror beside the running pod's new static UID until
// the finalizer is removed; then the new mirror carries the new hash.

const NAME = 'kube-scheduler-controlplane';
const HOLD = 'example.com/hold';
const row = (snap: NodePodsSnapshot) => snap.pods.find((p) => p.name === NAME) as JoinedPod;
const stale = (snap: NodePodsSnapshot) =>
  snap.findings.find((f) => f.kind === 'mirror-stale' && f.title === `The mirror pod of ${NAME} is stale`);
const healthy = (p: JoinedPod | undefined) =>
  Boolean(p && p.apiPod && !p.mirrorStale && p.containers[0]?.state === 'running');
const FAILED_CREATE = new RegExp(
  `"Failed creating a mirror pod for" err="pods \\\\"${NAME}\\\\" already exists" pod="kube-system/${NAME}"$`,
);

describe.each(NODES_UNDER_TEST)('a stale mirror held by a finalizer on $label', ({ start }) => {
  let s: PodsScenario;
  beforeAll(async () => {
    s = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => s?.dispose());

  it(
    'persists with its evidence until the finalizer is removed; then the new mirror carries the new hash',
    { timeout: 120_000 },
    async () => {
      const file = s.hostPath(path.posix.join(s.manifests, 'kube-scheduler.yaml'));
      const original = fs.readFileSync(file, 'utf8');
      const before = row(await s.until((x) => healthy(row(x))));
      const oldStatic = before.uid;
      const oldMirror = before.apiPod?.uid as string;
      const kubectlPatch = (patch: string) =>
        s.tool('kubectl', ['patch', 'pod', '-n', 'kube-system', NAME, '--type=merge', '-p', patch]);
      expect((await kubectlPatch(`{"metadata":{"finalizers":["${HOLD}"]}}`)).stdout).toBe(
        `pod/${NAME} patched\n`,
      );
      try {
        expect(original).toContain('    - kube-scheduler\n');
        fs.writeFileSync(
          file,
          original.replace('    - kube-scheduler\n', '    - kube-scheduler\n    - --v=2\n'),
        );

        // The state under test: the edited pod's new instance (a new static UID) runs beside the
        // held old mirror. Until the old instance has stopped (its grace period), a snapshot can
        // still show it running with its mirror already marked and the failed create logged, so
        // the wait names the new instance rather than any running row.
        const snap = await s.until(
          (x) =>
            row(x).uid !== oldStatic &&
            row(x).containers[0]?.state === 'running' &&
            row(x).apiPod?.uid === oldMirror &&
            Boolean(stale(x)?.evidence.some((e) => FAILED_CREATE.test(e))),
        );
        const held = row(snap);
        const f = stale(snap) as Finding;
        expect(held.uid).toMatch(/^[0-9a-f]{32}$/);
        expect(held.uid).not.toBe(oldStatic);
        expect(held.containers[0]?.state).toBe('running');
        expect(held.apiPod).toMatchObject({
          uid: oldMirror,
          config: { mirror: oldStatic },
          finalizers: [HOLD],
        });
        const deletedAt = held.apiPod?.deletionTimestamp as string;
        expect(deletedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(f.evidence[0]).toBe(
          `mirror kube-system/${NAME} (uid ${oldMirror}): kubernetes.io/config.mirror=${oldStatic}, deletionTimestamp ${deletedAt}, finalizers [${HOLD}]`,
        );
        expect(f.evidence[1]).toBe(`running sandbox: io.kubernetes.pod.uid=${held.uid}`);
        expect(f.evidence).toContainEqual(
          expect.stringMatching(
            /"Deleted mirror pod because it is outdated" pod="kube-system\/kube-scheduler-controlplane"$/,
          ),
        );
        expect(f.explanation).toContain(`the finalizer ${HOLD} keeps the object`);
        expect(f.nextStep).toContain(
          `kubectl patch pod -n kube-system ${NAME} --type=merge -p '{"metadata":{"finalizers":null}}'`,
        );
        expect(f.manifestPath).toBe(path.posix.join(s.manifests, 'kube-scheduler.yaml'));
        expect(snap.findings.map((x) => x.kind)).not.toContain('mirror-missing');
        expect(snap.findings.map((x) => x.kind)).not.toContain('mirror-metadata-changed');
        // kubectl on the node prints such a pod as Terminating (printPod, §4.2).
        expect((await s.tool('kubectl', ['get', 'pod', '-n', 'kube-system', NAME])).stdout).toMatch(
          new RegExp(`^${NAME} +\\d+/\\d+ +Terminating +`, 'm'),
        );

        // It persists: several refreshes over a few seconds, well past the ~1 s in which the
        // kubelet replaces an outdated mirror nothing holds, all show the same old mirror.
        const since = Date.now();
        for (let refreshes = 0; refreshes < 3 || Date.now() - since < 4_000; refreshes++) {
          const again = await s.snapshot();
          expect(row(again).apiPod).toMatchObject({
            uid: oldMirror,
            config: { mirror: oldStatic },
            deletionTimestamp: deletedAt,
          });
          expect(row(again).uid).toBe(held.uid);
          expect(stale(again)?.evidence[0]).toBe(f.evidence[0]);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }

        expect((await kubectlPatch('{"metadata":{"finalizers":null}}')).stdout).toBe(`pod/${NAME} patched\n`);
        const freed = await s.until((x) => healthy(row(x)) && row(x).apiPod?.uid !== oldMirror);
        expect(row(freed).uid).toBe(held.uid);
        expect(row(freed).apiPod).toMatchObject({
          config: { mirror: held.uid },
          deletionTimestamp: null,
          finalizers: [],
        });
        expect(stale(freed)).toBeUndefined();
      } finally {
        // Leave the node as found: no finalizer on whatever mirror is there, the original manifest.
        await kubectlPatch('{"metadata":{"finalizers":null}}').catch(() => undefined);
        fs.writeFileSync(file, original);
      }
      const restored = row(await s.until((x) => healthy(row(x)) && row(x).uid === oldStatic));
      expect(restored.apiPod?.config.mirror).toBe(oldStatic);
    },
  );
});
