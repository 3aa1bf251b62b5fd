/**
 * crictl list JSON. No complete real modern sample exists (fixtures/real/README.md), so
 * the samples are built from docs/kubelet.md §3.3: the static kube-scheduler pod of the
 * real mirror-pod fixture, printed by crictl ≤1.30 (jsonpb) and ≥1.31 (protojson, both
 * whitespace variants).
 */
import { describe, expect, it } from 'vitest';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../../../src-main/node/cri/crictl-list-json';

const SANDBOX_ID = 'a1a964ab46b50f3d8d503ddcf93c8076a9c554ba229614d2c70e736e4790dca1';
const CONTAINER_ID = '57d5d2282719b6ddaed9c9f5492758bfa91179c5e02e1c777c932f4dc01a8042';
const STATIC_UID = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const IMAGE_ID = 'sha256:334e4a014c81b0a3a3f5bbdd1e4ad1a83a1a5b6f6ba7b8e9d3c2d94a1c0c2f11';

/** protojson (crictl ≥1.31): unset sub-messages omitted, `{}` for empty maps. */
const podsProtojson = `{
  "items": [
    {
      "id": "${SANDBOX_ID}",
      "metadata": {
        "name": "kube-scheduler-controlplane",
        "uid": "${STATIC_UID}",
        "namespace": "kube-system",
        "attempt": 0
      },
      "state": "SANDBOX_READY",
      "createdAt": "1717032224000000000",
      "labels": {
        "component": "kube-scheduler",
        "io.kubernetes.pod.name": "kube-scheduler-controlplane",
        "io.kubernetes.pod.namespace": "kube-system",
        "io.kubernetes.pod.uid": "${STATIC_UID}",
        "tier": "control-plane"
      },
      "annotations": {
        "kubernetes.io/config.hash": "${STATIC_UID}",
        "kubernetes.io/config.seen": "2024-05-30T01:23:32.875874677Z",
        "kubernetes.io/config.source": "file"
      },
      "runtimeHandler": ""
    }
  ]
}`;

/** protobuf-go's whitespace destabilisation: `"key":  value` (§3.3). */
function doubleSpace(json: string): string {
  return json.replace(/^(\s*"[^"]*"): /gm, '$1:  ');
}

/** jsonpb (crictl ≤1.30): EmitDefaults, empty maps as `{` newline `}`, unset = null. */
const containersJsonpb = `{
  "containers": [
    {
      "id": "${CONTAINER_ID}",
      "podSandboxId": "${SANDBOX_ID}",
      "metadata": {
        "name": "kube-scheduler",
        "attempt": 4
      },
      "image": {
        "image": "${IMAGE_ID}",
        "annotations": {
        }
      },
      "imageRef": "registry.k8s.io/kube-scheduler@sha256:5df310234e4f9463b15d166778d697830a51c0037ff28a1759daaad2d3cde991",
      "state": "CONTAINER_EXITED",
      "createdAt": "1717032325123456789",
      "labels": {
        "io.kubernetes.container.name": "kube-scheduler",
        "io.kubernetes.pod.name": "kube-scheduler-controlplane",
        "io.kubernetes.pod.namespace": "kube-system",
        "io.kubernetes.pod.uid": "${STATIC_UID}"
      },
      "annotations": {
        "io.kubernetes.container.hash": "7d165558",
        "io.kubernetes.container.restartCount": "4",
        "io.kubernetes.container.terminationMessagePath": "/dev/termination-log",
        "io.kubernetes.container.terminationMessagePolicy": "File",
        "io.kubernetes.pod.terminationGracePeriod": "30"
      }
    },
    {
      "id": "0ad4683fc9548c2e1f5b7e4e0a1b9c3d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b",
      "podSandboxId": "${SANDBOX_ID}",
      "metadata": null,
      "image": null,
      "imageRef": "",
      "state": "CONTAINER_CREATED",
      "createdAt": 1717032325000000000,
      "labels": {
      },
      "annotations": {
      }
    }
  ]
}`;

describe('parseCrictlPodsJson', () => {
  const expected = {
    id: SANDBOX_ID,
    name: 'kube-scheduler-controlplane',
    namespace: 'kube-system',
    uid: STATIC_UID,
    attempt: 0,
    state: 'ready',
    createdAtNs: '1717032224000000000',
    createdAtMs: 1717032224000,
    runtimeHandler: '',
    configHash: STATIC_UID,
  };

  it('reads protojson (crictl ≥1.31), one space', () => {
    const r = parseCrictlPodsJson(podsProtojson);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject(expected);
    expect(r.value[0]!.labels['io.kubernetes.pod.uid']).toBe(STATIC_UID);
    expect(r.value[0]!.annotations['kubernetes.io/config.source']).toBe('file');
    expect(r.issues).toEqual([]);
  });

  it('reads the double-space protojson variant identically', () => {
    const text = doubleSpace(podsProtojson);
    expect(text).toContain('"id":  "');
    expect(parseCrictlPodsJson(text)).toEqual(parseCrictlPodsJson(podsProtojson));
  });

  it('reads a jsonpb sandbox with null sub-messages and int64 as number', () => {
    const r = parseCrictlPodsJson(
      '{\n  "items": [\n    {\n      "id": "abc",\n      "metadata": null,\n      "state": "SANDBOX_NOTREADY",\n      "createdAt": 1512524016760395386,\n      "labels": {\n      },\n      "annotations": null,\n      "runtimeHandler": "runc",\n      "someFutureField": {"x": 1}\n    }\n  ]\n}',
    );
    expect(r.ok && r.value[0]).toMatchObject({
      id: 'abc',
      name: '',
      state: 'notready',
      labels: {},
      annotations: {},
      runtimeHandler: 'runc',
      configHash: null,
    });
    // A JSON number of this size already lost precision; it is kept as an integer string.
    expect(r.ok && r.value[0]!.createdAtNs).toMatch(/^15125240167603\d{5}$/);
  });

  it('treats items: null and a missing items key as an empty list', () => {
    expect(parseCrictlPodsJson('{"items": null}')).toMatchObject({ ok: true, value: [] });
    const r = parseCrictlPodsJson('{}');
    expect(r).toMatchObject({ ok: true, value: [] });
    expect(r.issues[0]!.message).toContain('no "items" key');
  });

  it('fails cleanly on non-JSON and empty output', () => {
    expect(parseCrictlPodsJson('')).toMatchObject({ ok: false, error: 'empty output' });
    expect(parseCrictlPodsJson('FATA[0000] connect: connection refused')).toMatchObject({ ok: false });
  });

  it('keeps the complete sandboxes of truncated output', () => {
    const cut = podsProtojson.slice(0, podsProtojson.indexOf('"runtimeHandler"') + 5);
    const r = parseCrictlPodsJson(cut);
    expect(r.ok && r.truncated).toBe(true);
    expect(r.ok && r.value[0]).toMatchObject({ id: SANDBOX_ID, configHash: STATIC_UID });
  });
});

describe('parseCrictlContainersJson', () => {
  it('reads jsonpb (crictl ≤1.30) with `{\\n}` maps, null messages and numeric int64', () => {
    const r = parseCrictlContainersJson(containersJsonpb);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(2);
    expect(r.value[0]).toMatchObject({
      id: CONTAINER_ID,
      podSandboxId: SANDBOX_ID,
      name: 'kube-scheduler',
      attempt: 4,
      image: IMAGE_ID,
      imageRef:
        'registry.k8s.io/kube-scheduler@sha256:5df310234e4f9463b15d166778d697830a51c0037ff28a1759daaad2d3cde991',
      imageId: '',
      state: 'exited',
      createdAtNs: '1717032325123456789',
      createdAtMs: 1717032325123,
      podName: 'kube-scheduler-controlplane',
      podNamespace: 'kube-system',
      podUid: STATIC_UID,
    });
    expect(r.value[0]!.annotations['io.kubernetes.container.hash']).toBe('7d165558');
    expect(r.value[1]).toMatchObject({ name: '', attempt: 0, image: '', state: 'created', podUid: null });
  });

  it('reads protojson (omitted sub-messages) in both whitespace variants', () => {
    const protojson = JSON.stringify(
      {
        containers: [
          {
            id: CONTAINER_ID,
            podSandboxId: SANDBOX_ID,
            metadata: { name: 'kube-scheduler', attempt: 0 },
            image: {
              image: IMAGE_ID,
              annotations: {},
              userSpecifiedImage: '',
              runtimeHandler: '',
              imageRef: '',
            },
            imageRef: 'registry.k8s.io/kube-scheduler@sha256:5df3',
            state: 'CONTAINER_RUNNING',
            createdAt: '1717032330000000000',
            labels: { 'io.kubernetes.pod.uid': STATIC_UID },
            annotations: {},
            imageId: 'sha256:beef',
          },
          {
            id: 'x',
            podSandboxId: 'y',
            state: 'CONTAINER_UNKNOWN',
            createdAt: '0',
            labels: {},
            annotations: {},
          },
        ],
      },
      null,
      2,
    );
    for (const text of [protojson, doubleSpace(protojson)]) {
      const r = parseCrictlContainersJson(text);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value[0]).toMatchObject({ state: 'running', imageId: 'sha256:beef', podUid: STATIC_UID });
      expect(r.value[1]).toMatchObject({ name: '', state: 'unknown', createdAtNs: '0', createdAtMs: null });
    }
  });
});
