import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSYBOX, harness, type Harness } from './helpers';

let h: Harness;
afterEach(() => h?.cleanup());

const worker = () => harness({ role: 'worker', nodeName: 'Node01' });
const sandboxes = (name: string) => h.kubelet.state().sandboxes.filter((s) => s.name === name);

describe('file source', () => {
  it('worker starts with an empty manifest dir; a new file becomes a pod with defaults', async () => {
    h = await worker();
    expect(fs.readdirSync(h.paths.manifestDir)).toEqual([]);
    fs.writeFileSync(h.manifest('static-busybox.yaml'), BUSYBOX('static-busybox'));
    await h.until(() => sandboxes('static-busybox-node01').length === 1);
    const sb = sandboxes('static-busybox-node01')[0];
    expect(sb.namespace).toBe('default');
    expect(sb.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(sb.annotations['kubernetes.io/config.hash']).toBe(sb.uid);
    expect(sb.annotations['kubernetes.io/config.source']).toBe('file');
    expect(sb.annotations['kubernetes.io/config.seen']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(sb.labels['io.kubernetes.pod.uid']).toBe(sb.uid);
    await h.until(() => h.kubelet.state().apiPods.some((p) => p.metadata.name === 'static-busybox-node01'));
    const mirror = h.kubelet.state().apiPods.find((p) => p.metadata.name === 'static-busybox-node01')!;
    expect(mirror.spec.tolerations).toContainEqual({ operator: 'Exists', effect: 'NoExecute' });
  });

  it('identical rewrite changes nothing; a content change replaces sandbox and mirror', async () => {
    h = await worker();
    fs.writeFileSync(h.manifest('a.yaml'), BUSYBOX('web'));
    await h.until(() => h.kubelet.state().apiPods.some((p) => p.metadata.name === 'web-node01'));
    const first = sandboxes('web-node01')[0];
    const mirror1 = h.kubelet.state().apiPods.find((p) => p.metadata.name === 'web-node01')!;
    fs.writeFileSync(h.manifest('a.yaml'), BUSYBOX('web'));
    await h.run(25_000);
    expect(sandboxes('web-node01').map((s) => s.id)).toEqual([first.id]);
    fs.writeFileSync(h.manifest('a.yaml'), BUSYBOX('web', '  terminationGracePeriodSeconds: 1\n'));
    await h.until(() =>
      sandboxes('web-node01').some((s) => s.id !== first.id && s.state === 'SANDBOX_READY'),
    );
    const second = sandboxes('web-node01').find((s) => s.id !== first.id)!;
    expect(second.uid).not.toBe(first.uid);
    expect(second.attempt).toBe(0);
    await h.until(
      () =>
        h.kubelet.state().apiPods.find((p) => p.metadata.name === 'web-node01')?.metadata.annotations?.[
          'kubernetes.io/config.mirror'
        ] === second.uid,
    );
    expect(h.kubelet.state().apiPods.find((p) => p.metadata.name === 'web-node01')!.metadata.uid).not.toBe(
      mirror1.metadata.uid,
    );
    const msgs = h.messages();
    expect(
      msgs.some((m) =>
        m.includes(`"Trying to delete pod" pod="default/web-node01" podUID="${mirror1.metadata.uid}"`),
      ),
    ).toBe(true);
    expect(
      msgs.some((m) => m.includes('"Deleted mirror pod because it is outdated" pod="default/web-node01"')),
    ).toBe(true);
  });

  it('broken edit keeps the pod until the re-list, then removes it, with the real messages', async () => {
    h = await worker();
    fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web'));
    await h.until(() => sandboxes('web-node01').length === 1);
    fs.writeFileSync(
      h.manifest('web.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   bad: x: y\n',
    );
    await h.until(() => h.messages().some((m) => m.includes('Unable to process watch event')), 5000);
    expect(sandboxes('web-node01')[0].state).toBe('SANDBOX_READY');
    const watchLine = h.messages().find((m) => m.includes('Unable to process watch event'))!;
    expect(watchLine).toContain(
      `err="can't process config file \\"/etc/kubernetes/manifests/web.yaml\\": /etc/kubernetes/manifests/web.yaml: couldn't parse as pod(yaml: line 5: mapping values are not allowed in this context), please check config file"`,
    );
    await h.until(() => h.messages().some((m) => m.includes('"Could not process manifest file"')), 21_000);
    const relistLine = h.messages().find((m) => m.includes('Could not process manifest file'))!;
    expect(relistLine).toMatch(
      /^E\d{4} [\d:.]+ {3}20023 file\.go:187\] "Could not process manifest file" err="\/etc\/kubernetes\/manifests\/web\.yaml: couldn't parse as pod\(yaml: line 5: .*\), please check config file" path="\/etc\/kubernetes\/manifests\/web\.yaml"$/,
    );
    await h.until(() => sandboxes('web-node01').length === 0);
  });

  it('deleted manifest removes pod and mirror; dot-files ignored; last file in sort order wins; no recursion', async () => {
    h = await worker();
    fs.writeFileSync(h.manifest('.hidden.yaml'), BUSYBOX('hidden'));
    fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web'));
    fs.writeFileSync(h.manifest('web.yaml.bak'), BUSYBOX('web', '  hostNetwork: true\n'));
    fs.mkdirSync(h.manifest('backup'));
    h.kubelet.relist();
    await h.until(() => sandboxes('web-node01').length === 1);
    expect(sandboxes('hidden-node01')).toHaveLength(0);
    expect(sandboxes('web-node01')[0].hostNetwork).toBe(true);
    expect(
      h
        .messages()
        .some((m) =>
          m.includes(
            '"Provided manifest path is a directory, not recursing into manifest path" path="/etc/kubernetes/manifests/backup"',
          ),
        ),
    ).toBe(true);
    fs.rmSync(h.manifest('web.yaml.bak'));
    fs.rmSync(h.manifest('web.yaml'));
    await h.until(
      () =>
        sandboxes('web-node01').length === 0 &&
        !h.kubelet.state().apiPods.some((p) => p.metadata.name === 'web-node01'),
    );
  });

  it('validation errors: volumeMount without volume, API references, size limit', async () => {
    h = await worker();
    fs.writeFileSync(
      h.manifest('a.yaml'),
      BUSYBOX('a', '    volumeMounts:\n    - name: etcd-cert\n      mountPath: /x\n'),
    );
    fs.writeFileSync(
      h.manifest('b.yaml'),
      BUSYBOX('b', '  volumes:\n  - name: s\n    secret:\n      secretName: x\n'),
    );
    fs.writeFileSync(h.manifest('c.yaml'), BUSYBOX('c', '  serviceAccountName: default\n'));
    fs.writeFileSync(h.manifest('d.yaml'), BUSYBOX('d') + '#'.repeat(10 * 1024 * 1024));
    h.kubelet.relist();
    const msgs = h.messages();
    expect(
      msgs.some((m) =>
        m.includes(
          'err="invalid pod: [spec.containers[0].volumeMounts[0].name: Not found: \\"etcd-cert\\"]" path="/etc/kubernetes/manifests/a.yaml"',
        ),
      ),
    ).toBe(true);
    expect(
      msgs.some((m) =>
        m.includes('err="static pods may not reference secrets" path="/etc/kubernetes/manifests/b.yaml"'),
      ),
    ).toBe(true);
    expect(msgs.some((m) => m.includes('err="static pods may not reference serviceaccounts"'))).toBe(true);
    expect(
      msgs.some((m) => m.includes('err="the read limit is reached" path="/etc/kubernetes/manifests/d.yaml"')),
    ).toBe(true);
  });

  it('re-lists every fileCheckFrequency (0s in the kubeadm config = 20 s)', async () => {
    h = await worker();
    fs.mkdirSync(h.manifest('sub'));
    const count = () => h.messages().filter((m) => m.includes('not recursing')).length;
    const c0 = count();
    await h.run(20_000, 1000);
    expect(count()).toBe(c0 + 1);
    await h.run(20_000, 1000);
    expect(count()).toBe(c0 + 2);
  });

  it('--v=4 adds Reading config file, SyncLoop ADD, Receiving a new pod, Creating a mirror pod', async () => {
    h = await harness({ role: 'worker', nodeName: 'n1', verbosity: 4 });
    fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web'));
    h.kubelet.relist();
    await h.until(() => h.kubelet.state().apiPods.length > 0);
    const msgs = h.messages().join('\n');
    for (const m of [
      '"Reading config file" path="/etc/kubernetes/manifests/web.yaml"',
      '"SyncLoop ADD" source="file" pods=["default/web-n1"]',
      '"Receiving a new pod" pod="default/web-n1"',
      '"Creating a mirror pod for static pod" pod="default/web-n1"',
    ]) {
      expect(msgs).toContain(m);
    }
  });
});
