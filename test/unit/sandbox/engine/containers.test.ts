import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers';

let h: Harness;
afterEach(() => h?.cleanup());

describe('containers that fail like real ones', () => {
  it('unknown flag on kube-apiserver: real error in the CRI log, CrashLoopBackOff 10s, 20s, rising attempts', async () => {
    h = await harness();
    const file = h.manifest('kube-apiserver.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(
          '    - --allow-privileged=true\n',
          '    - --allow-privileged=true\n    - --this-is-very-wrong\n',
        ),
    );
    h.kubelet.relist();
    const apiContainers = () => h.kubelet.state().containers.filter((c) => c.name === 'kube-apiserver');
    await h.until(() => apiContainers().some((c) => c.attempt === 1 && c.state === 'CONTAINER_EXITED'));
    const exited = apiContainers().find((c) => c.attempt === 0) ?? apiContainers()[0];
    const log = fs.readFileSync(path.join(h.root, apiContainers()[0].logPath), 'utf8');
    expect(log).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stderr F Error: unknown flag: --this-is-very-wrong$/m,
    );
    expect(apiContainers()[0].logPath).toMatch(
      /^\/var\/log\/pods\/kube-system_kube-apiserver-controlplane_[0-9a-f]{32}\/kube-apiserver\/\d\.log$/,
    );
    expect(exited.exitCode).toBe(1);
    // one exited container kept per name
    expect(apiContainers().filter((c) => c.state === 'CONTAINER_EXITED')).toHaveLength(1);
    const backoffs = () => h.messages().filter((m) => m.includes('CrashLoopBackOff'));
    expect(backoffs().at(-1)).toMatch(
      /"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-apiserver\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=kube-apiserver pod=kube-apiserver-controlplane_kube-system\([0-9a-f]{32}\)\\"" pod="kube-system\/kube-apiserver-controlplane" podUID="[0-9a-f]{32}"$/,
    );
    await h.run(9_000);
    expect(apiContainers().some((c) => c.attempt === 2)).toBe(false);
    await h.until(() => apiContainers().some((c) => c.attempt === 2), 2_000);
    await h.until(() => backoffs().some((m) => m.includes('back-off 20s')), 2_000);
    expect(h.kubelet.state().apiServerUp).toBe(false);
  });

  it('missing image tag: ErrImagePull then ImagePullBackOff, no container', async () => {
    h = await harness({ role: 'worker', nodeName: 'w' });
    fs.writeFileSync(
      h.manifest('x.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: registry.k8s.io/kube-scheduler:v1.99.0\n',
    );
    h.kubelet.relist();
    await h.until(() => h.messages().some((m) => m.includes('ImagePullBackOff')));
    expect(
      h
        .messages()
        .some((m) =>
          m.includes(
            'with ErrImagePull: \\"rpc error: code = NotFound desc = failed to pull and unpack image',
          ),
        ),
    ).toBe(true);
    expect(h.kubelet.state().containers).toHaveLength(0);
    await h.until(() => h.kubelet.state().apiPods.length > 0);
    await h.run(1500);
    const st = h.kubelet.state().apiPods.find((p) => p.metadata.name === 'x-w')!.status as {
      containerStatuses: Array<{ state: { waiting?: { reason: string } } }>;
    };
    expect(st.containerStatuses[0].state.waiting?.reason).toBe('ImagePullBackOff');
  });

  it('sh -c "exit 1" crash-loops; mirror status shows CrashLoopBackOff with restartCount', async () => {
    h = await harness({ role: 'worker', nodeName: 'w' });
    fs.writeFileSync(
      h.manifest('bad.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "exit 1"]\n',
    );
    h.kubelet.relist();
    await h.until(
      () => h.kubelet.state().containers.some((c) => c.attempt === 3 && c.state === 'CONTAINER_EXITED'),
      120_000,
    );
    await h.run(2000);
    const st = h.kubelet.state().apiPods.find((p) => p.metadata.name === 'bad-w')!.status as {
      containerStatuses: Array<{
        restartCount: number;
        state: { waiting?: { reason: string; message: string } };
      }>;
    };
    expect(st.containerStatuses[0].restartCount).toBe(3);
    expect(st.containerStatuses[0].state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: expect.stringMatching(
        /^back-off 40s restarting failed container=c pod=bad-w_default\([0-9a-f]{32}\)$/,
      ),
    });
  });
});

describe('API actions on mirror pods', () => {
  it('kubectl delete recreates the mirror with a new UID while containers keep running; patches are kept; config.mirror change recreates', async () => {
    h = await harness();
    await h.until(
      () =>
        h.kubelet.state().apiPods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'])
          .length === 4,
    );
    const find = () => h.kubelet.state().apiPods.find((p) => p.metadata.name === 'etcd-controlplane');
    const uid1 = find()!.metadata.uid;
    const containers1 = h.kubelet
      .state()
      .containers.map((c) => c.id)
      .sort();
    h.kubelet.deletePod('kube-system', 'etcd-controlplane');
    expect(find()).toBeUndefined();
    await h.until(() => find() !== undefined);
    expect(find()!.metadata.uid).not.toBe(uid1);
    expect(find()!.status.phase).toBe('Pending');
    expect(
      h.kubelet
        .state()
        .containers.map((c) => c.id)
        .sort(),
    ).toEqual(containers1);
    h.kubelet.patchMetadata('kube-system', 'etcd-controlplane', { team: 'db' }, { note: 'x' });
    await h.run(5000);
    expect(find()!.metadata.labels?.team).toBe('db');
    const uid2 = find()!.metadata.uid;
    h.kubelet.patchMetadata('kube-system', 'etcd-controlplane', undefined, {
      'kubernetes.io/config.mirror': null,
    });
    await h.until(
      () =>
        find()?.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined &&
        find()!.metadata.uid !== uid2,
    );
    // kubectl apply of a manifest: an ordinary pod without node suffix next to the mirror
    const { pod, created } = h.kubelet.applyPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
      spec: {
        hostNetwork: true,
        containers: [
          {
            name: 'kube-scheduler',
            image: 'registry.k8s.io/kube-scheduler:v1.32.2',
            command: ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf'],
          },
        ],
      },
    });
    expect(created).toBe(true);
    expect(pod.metadata.annotations?.['kubernetes.io/config.mirror']).toBeUndefined();
    await h.until(() => h.kubelet.state().sandboxes.some((s) => s.name === 'kube-scheduler'));
    expect(find()).toBeDefined();
  });

  it('removing the apiserver manifest takes the API down', async () => {
    h = await harness();
    await h.until(() => h.kubelet.state().apiServerUp);
    fs.rmSync(h.manifest('kube-apiserver.yaml'));
    await h.until(() => !h.kubelet.state().apiServerUp);
    await h.until(() => !h.kubelet.state().sandboxes.some((s) => s.name.startsWith('kube-apiserver')));
    expect(() => h.kubelet.deletePod('kube-system', 'etcd-controlplane')).toThrow(
      'The connection to the server 192.168.97.4:6443 was refused',
    );
  });
});
