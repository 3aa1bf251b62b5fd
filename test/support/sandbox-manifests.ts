/**
 * Manifests the e2e tests write into the Sandbox node's static pod path (its root lies in the
 * served app's data dir): small pods that run and stay up, so a node looks like a typical one
 * (kubeadm's four control-plane pods plus a few of the operator's own).
 */
import fs from 'node:fs';
import path from 'node:path';

export function sandboxManifestDir(dataDir: string): string {
  return path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests');
}

/** A busybox pod that sleeps: it runs and becomes ready in the simulation as on a node. */
export function sleeperManifest(name: string, namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    '  containers:',
    '  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}',
    '',
  ].join('\n');
}

/** kube-scheduler given a flag it does not know: it exits at once, again and again. */
export const CRASHER_MANIFEST = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: crasher, namespace: kube-system}',
  'spec:',
  '  hostNetwork: true',
  '  containers:',
  '  - {name: main, image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --this-is-very-wrong]}',
  '',
].join('\n');

/** Writes `count` sleeper pods named `<prefix>-1` … and returns their file names. */
export function writeSleepers(dataDir: string, prefix: string, count: number): string[] {
  const names: string[] = [];
  for (let i = 1; i <= count; i++) {
    const file = `${prefix}-${i}.yaml`;
    fs.writeFileSync(path.join(sandboxManifestDir(dataDir), file), sleeperManifest(`${prefix}-${i}`), {
      mode: 0o600,
    });
    names.push(file);
  }
  return names;
}

/** Adds sleeper pods (`app-1` …) until the static pod path holds `total` manifests. */
export function fillManifestsTo(dataDir: string, total: number): void {
  const dir = sandboxManifestDir(dataDir);
  for (let i = 1; fs.readdirSync(dir).length < total; i++) {
    const file = path.join(dir, `app-${i}.yaml`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, sleeperManifest(`app-${i}`), { mode: 0o600 });
  }
}
