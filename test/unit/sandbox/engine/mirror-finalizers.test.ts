import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiPod } from '../../../../src-main/sandbox/model';
import { BUSYBOX, harness, type Harness } from './helpers';

// A finalizer on a mirror pod (docs/kubelet.md §2.2, §2.1): the kubelet's delete of an outdated
// mirror only marks it, its create of the new one fails with AlreadyExists, and both repeat
// (logged once a minute, repeat-limiter.ts) until the finalizer is removed.
let h: Harness;
afterEach(() => h?.cleanup());

const HOLD = 'example.com/hold';
const mirror = (): ApiPod | undefined =>
  h.kubelet.state().apiPods.find((p) => p.metadata.name === 'web-node01');
const runningUid = () =>
  h.kubelet.state().sandboxes.find((s) => s.name === 'web-node01' && s.state === 'SANDBOX_READY')?.uid;
const webContainers = () => {
  const ids = h.kubelet
    .state()
    .sandboxes.filter((s) => s.name === 'web-node01')
    .map((s) => s.id);
  return h.kubelet
    .state()
    .containers.filter((c) => ids.includes(c.podSandboxId))
    .map((c) => c.id);
};
const count = (text: string) => h.messages().filter((m) => m.includes(text)).length;

async function webWithMirror(): Promise<ApiPod> {
  h = await harness({ role: 'worker', nodeName: 'Node01' });
  fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web'));
  await h.until(() => mirror() !== undefined && webContainers().length === 1);
  return mirror() as ApiPod;
}

describe('mirror pods held by a finalizer', () => {
  it('a manifest edit leaves the old mirror marked beside the new pod until the finalizer goes', async () => {
    const first = await webWithMirror();
    const oldHash = first.metadata.annotations?.['kubernetes.io/config.mirror'];
    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, [HOLD]);
    expect(mirror()?.metadata.finalizers).toEqual([HOLD]);
    fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web', '  terminationGracePeriodSeconds: 1\n'));
    await h.until(
      () =>
        runningUid() !== undefined &&
        runningUid() !== oldHash &&
        mirror()?.metadata.deletionTimestamp !== undefined,
    );
    const held = mirror() as ApiPod;
    expect(held.metadata).toMatchObject({
      uid: first.metadata.uid,
      deletionGracePeriodSeconds: 0,
      finalizers: [HOLD],
    });
    expect(held.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(oldHash);
    const failed = `"Failed creating a mirror pod for" err="pods \\"web-node01\\" already exists" pod="default/web-node01"`;
    await h.until(() => count(failed) === 1);
    expect(count(`"Trying to delete pod" pod="default/web-node01" podUID="${first.metadata.uid}"`)).toBe(1);
    expect(count('"Deleted mirror pod because it is outdated" pod="default/web-node01"')).toBe(1);

    // It persists, and the kubelet says so again once a minute, not on every tick.
    await h.run(61_000, 500);
    expect(mirror()?.metadata.uid).toBe(first.metadata.uid);
    expect(count(failed)).toBe(2);
    expect(() =>
      h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, [HOLD, 'example.com/more']),
    ).toThrow(
      'The Pod "web-node01" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    );

    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, []);
    await h.until(() => mirror() !== undefined && mirror()?.metadata.uid !== first.metadata.uid);
    const fresh = mirror() as ApiPod;
    expect(fresh.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(runningUid());
    expect(fresh.metadata.deletionTimestamp).toBeUndefined();
    expect(fresh.metadata.finalizers).toBeUndefined();
  });

  it('kubectl delete of a held mirror marks it; the kubelet keeps the pod running and cannot recreate it', async () => {
    const first = await webWithMirror();
    const containers = webContainers();
    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, [HOLD]);
    h.kubelet.deletePod('default', 'web-node01');
    expect(mirror()?.metadata.deletionTimestamp).toBeDefined();
    await h.run(3000);
    expect(mirror()?.metadata.uid).toBe(first.metadata.uid);
    expect(webContainers()).toEqual(containers);
    expect(count('"Failed creating a mirror pod for" err="pods \\"web-node01\\" already exists"')).toBe(1);
    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, []);
    await h.until(() => mirror() !== undefined && mirror()?.metadata.uid !== first.metadata.uid);
  });

  it('an orphaned mirror with a finalizer stays until it is removed', async () => {
    const first = await webWithMirror();
    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, [HOLD]);
    fs.rmSync(h.manifest('web.yaml'));
    await h.until(() => runningUid() === undefined && mirror()?.metadata.deletionTimestamp !== undefined);
    await h.run(3000);
    expect(mirror()?.metadata.uid).toBe(first.metadata.uid);
    h.kubelet.patchMetadata('default', 'web-node01', undefined, undefined, []);
    expect(mirror()).toBeUndefined();
  });
});
