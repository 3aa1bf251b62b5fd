import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../../src-main/sandbox/commands/kubectl';
import { PatchError, patchPod } from '../../../../src-main/sandbox/commands/pod-patch';
import type { ApiPod } from '../../../../src-main/sandbox/model';
import { nodeState, run, simRoot } from './sim-fixture';
import { fakeDaemon, realMirrorPod } from './api-fixture';

// `kubectl patch` on the real kube-scheduler mirror (../fixtures/real/kubectl-mirror-pod-…):
// the finalizer that holds a mirror the kubelet wants to replace (docs/kubelet.md §2.2).
const NAME = 'kube-scheduler-controlplane';
const HOLD = '{"metadata":{"finalizers":["example.com/hold"]}}';

function mirrorWith(extra: Partial<ApiPod['metadata']> = {}): ApiPod {
  const pod = realMirrorPod();
  pod.metadata = { ...pod.metadata, ...extra };
  return pod;
}

describe('patchPod: the API server side of a patch', () => {
  it('merge patch: labels and annotations merge, null deletes, finalizers replace', () => {
    const pod = mirrorWith({ finalizers: ['a.io/x'] });
    const r = patchPod(
      pod,
      {
        metadata: {
          labels: { tier: null, team: 'blue' },
          annotations: { note: 'hi' },
          finalizers: ['b.io/y'],
        },
      },
      'merge',
    );
    expect(r.changed).toBe(true);
    expect(r.change).toEqual({
      labels: { tier: null, team: 'blue' },
      annotations: { note: 'hi' },
      finalizers: ['b.io/y'],
    });
    expect(r.pod.metadata.labels).toEqual({ component: 'kube-scheduler', team: 'blue' });
    expect(patchPod(pod, { metadata: { finalizers: null } }, 'merge').change.finalizers).toEqual([]);
  });

  it('strategic merge: finalizers merge as a set; $deleteFromPrimitiveList removes one', () => {
    const pod = mirrorWith({ finalizers: ['a.io/x'] });
    expect(
      patchPod(pod, { metadata: { finalizers: ['b.io/y', 'a.io/x'] } }, 'strategic').change.finalizers,
    ).toEqual(['a.io/x', 'b.io/y']);
    expect(
      patchPod(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'] } }, 'strategic').change
        .finalizers,
    ).toEqual([]);
  });

  it('json patch: add, remove, test; a missing path is refused', () => {
    const pod = mirrorWith({ finalizers: ['a.io/x'] });
    expect(patchPod(pod, [{ op: 'remove', path: '/metadata/finalizers' }], 'json').change.finalizers).toEqual(
      [],
    );
    expect(
      patchPod(pod, [{ op: 'add', path: '/metadata/finalizers/-', value: 'b.io/y' }], 'json').change
        .finalizers,
    ).toEqual(['a.io/x', 'b.io/y']);
    expect(
      patchPod(pod, [{ op: 'add', path: '/metadata/labels/a~1b', value: 'c' }], 'json').change.labels,
    ).toEqual({ 'a/b': 'c' });
    expect(() => patchPod(mirrorWith(), [{ op: 'remove', path: '/metadata/finalizers' }], 'json')).toThrow(
      PatchError,
    );
    expect(() => patchPod(pod, [{ op: 'test', path: '/metadata/name', value: 'other' }], 'json')).toThrow(
      'testing value /metadata/name failed',
    );
  });

  it('no change; spec changes Forbidden (§2.4); status dropped; other metadata immutable', () => {
    const pod = mirrorWith();
    expect(patchPod(pod, { metadata: { labels: { component: 'kube-scheduler' } } }, 'merge')).toMatchObject({
      changed: false,
      pod,
    });
    expect(patchPod(pod, { status: { phase: 'Failed' } }, 'merge').changed).toBe(false);
    expect(() => patchPod(pod, { spec: { priority: 1 } }, 'merge')).toThrow(
      /^The Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\]\.image`/,
    );
    expect(() => patchPod(pod, { metadata: { uid: 'x' } }, 'merge')).toThrow(
      'The Pod "kube-scheduler-controlplane" is invalid: metadata.uid: Invalid value: "x": field is immutable',
    );
    expect(() => patchPod(pod, { metadata: { labels: { a: 1 } } }, 'merge')).toThrow(
      'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });
});

describe('kubectl patch', () => {
  it('sends the finalizers to the daemon and prints pod/NAME patched, then (no change)', async () => {
    const state = nodeState({ apiPods: [mirrorWith()] });
    const root = simRoot(state);
    const daemon = await fakeDaemon(root, state);
    try {
      const r = await run(
        runKubectl,
        ['patch', 'pod', '-n', 'kube-system', NAME, '--type=merge', '-p', HOLD],
        root,
      );
      expect(r).toMatchObject({ code: 0, out: `pod/${NAME} patched\n`, err: '' });
      expect(daemon.requests).toEqual([
        {
          method: 'pods.patchMetadata',
          params: {
            namespace: 'kube-system',
            name: NAME,
            labels: {},
            annotations: {},
            finalizers: ['example.com/hold'],
          },
        },
      ]);
      const again = await run(runKubectl, ['-n', 'kube-system', 'patch', `pod/${NAME}`, '-p', HOLD], root);
      expect(again).toMatchObject({ code: 0, out: `pod/${NAME} patched (no change)\n` });
      expect(daemon.requests).toHaveLength(1);
      const removed = await run(
        runKubectl,
        [
          'patch',
          'pod',
          '-n',
          'kube-system',
          NAME,
          '--type',
          'merge',
          '-p',
          '{"metadata":{"finalizers":null}}',
          '-o',
          'name',
        ],
        root,
      );
      expect(removed).toMatchObject({ code: 0, out: `pod/${NAME}\n` });
      expect(daemon.requests[1]?.params).toMatchObject({ finalizers: [] });
    } finally {
      await daemon.close();
    }
  });

  it('errors as kubectl prints them', async () => {
    const root = simRoot(nodeState({ apiPods: [mirrorWith()] }));
    const notFound = await run(runKubectl, ['patch', 'pod', 'ghost', '-p', HOLD], root);
    expect(notFound).toMatchObject({
      code: 1,
      out: '',
      err: 'Error from server (NotFound): pods "ghost" not found\n',
    });
    expect((await run(runKubectl, ['patch', 'pod', NAME, '-n', 'kube-system'], root)).err).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect((await run(runKubectl, ['patch', 'pod', NAME, '--type=xml', '-p', HOLD], root)).err).toBe(
      'error: --type must be one of [json merge strategic], not "xml"\n',
    );
    const spec = await run(
      runKubectl,
      ['patch', 'pod', NAME, '-n', 'kube-system', '-p', '{"spec":{"nodeName":"other"}}'],
      root,
    );
    expect(spec.code).toBe(1);
    expect(spec.err).toMatch(
      /^The Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than /,
    );
    expect((await run(runKubectl, ['get', 'pods', '-p', 'x'], root)).err).toBe(
      "error: unknown shorthand flag: 'p' in -p\nSee 'kubectl get --help' for usage.\n",
    );
  });
});
