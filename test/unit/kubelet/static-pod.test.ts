// The kubelet's file-source rules for one manifest: decode, defaults, static pod name and UID,
// validation (docs/kubelet.md §1.3, §1.4).
import { describe, expect, it } from 'vitest';
import { decodeManifest } from '../../../src-main/kubelet/manifest-decode';
import { staticPodFromManifest, staticPodName } from '../../../src-main/kubelet/static-pod';

const P = '/etc/kubernetes/manifests/x.yaml';

describe('manifest → static pod', () => {
  const yaml =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
  it('names, namespaces and hashes deterministically over content + node + path', () => {
    const a = staticPodFromManifest(yaml, 'Node1', P);
    const b = staticPodFromManifest(yaml + '# comment\n', 'Node1', P);
    const c = staticPodFromManifest(yaml, 'Node2', P);
    const d = staticPodFromManifest(yaml, 'Node1', P + '.bak');
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error('parse');
    expect(a.pod.name).toBe('web-node1');
    expect(staticPodName('etcd', 'ControlPlane')).toBe('etcd-controlplane');
    expect(a.pod.namespace).toBe('default');
    expect(a.pod.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(b.pod.uid).toBe(a.pod.uid);
    expect(new Set([a.pod.uid, c.pod.uid, d.pod.uid]).size).toBe(3);
    expect(a.pod.pod.metadata.annotations?.['kubernetes.io/config.hash']).toBe(a.pod.uid);
    expect(a.pod.pod.spec.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
  });
  it('uses the first YAML document only and reports the real decode errors', () => {
    const two = staticPodFromManifest(yaml + '---\nkind: Namespace\n', 'n', P);
    expect(two.ok).toBe(true);
    expect(decodeManifest('', P)).toEqual({
      ok: false,
      error: `${P}: couldn't parse as pod(Object 'Kind' is missing in 'null'), please check config file`,
    });
    const noVersion = decodeManifest('apiVersio: v1\nkind: Pod\n', P);
    expect(!noVersion.ok && noVersion.error).toBe(
      `${P}: couldn't parse as pod(Object 'apiVersion' is missing in '{"apiVersio":"v1","kind":"Pod"}'), please check config file`,
    );
    const tab = decodeManifest('a:\n\t- b\n', P);
    expect(!tab.ok && tab.error).toContain('(yaml: line 2: found character that cannot start any token)');
    const badType = decodeManifest(
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    command: sleep\n',
      P,
    );
    expect(!badType.ok && badType.error).toContain(
      'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string',
    );
    const noContainers = staticPodFromManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', 'n', P);
    expect(!noContainers.ok && noContainers.error).toBe('invalid pod: [spec.containers: Required value]');
    const cm = staticPodFromManifest(
      yaml + '  volumes:\n  - name: v\n    configMap:\n      name: x\n',
      'n',
      P,
    );
    expect(!cm.ok && cm.error).toBe('static pods may not reference configmaps');
    const pvc = staticPodFromManifest(
      yaml + '  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: x\n',
      'n',
      P,
    );
    expect(!pvc.ok && pvc.error).toBe('static pods may not reference persistentvolumeclaims');
  });
});
