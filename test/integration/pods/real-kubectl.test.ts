/**
 * The app against real kubectl binaries, oldest and newest of the supported skew (1.27, 1.33,
 * as the Google Cloud SDK installs them beside its `kubectl`), on an OpenSSH test node whose
 * simulated API server (src-main/sandbox/apiserver, v1.32.2) they talk to over HTTPS:
 * - the Pods view joins every static pod with its mirror read through that kubectl;
 * - kubectl's failures reach the app's parser as it expects them (kubectl-error.ts): NotFound,
 *   Invalid for a pod spec change, Forbidden for the kubelet's credentials, and a refused
 *   connection (plus the Pods view's reason) while the kube-apiserver static pod is stopped;
 * - `kubectl get -w` shows a change made through the API;
 * - @kubernetes/client-node, through the node's admin.conf, reads the same pods.
 * A version not installed beside `kubectl` on PATH is skipped, and the suite's name says so.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { parseKubectlError } from '../../../src-main/node/api/kubectl-error';
import { callSimDaemon } from '../../../src-main/sandbox/daemon/client';
import { versionedKubectl } from '../../nodes';
import { nsenterArgv } from '../../nodes/namespace';
import { cleanEnv } from '../../nodes/process';
import { START_TIMEOUT_MS } from './nodes-under-test';
import { startSshPodsScenario, type SshPodsScenario } from './ssh-scenario';

const SCHEDULER = 'kube-scheduler-controlplane';

/** Every static pod with a sandbox and its mirror. */
const joined = (s: NodePodsSnapshot) =>
  s.pods.filter((p) => p.origin === 'static' && p.apiPod && p.sandboxes.length > 0);

describe.each(['1.27', '1.33'])('kubectl %s on a test node', (minor) => {
  const binary = versionedKubectl(minor);
  const suite = binary ? describe : describe.skip;

  suite(binary ?? `(kubectl.${minor} is not installed beside kubectl on PATH)`, () => {
    let s: SshPodsScenario;
    const cp = () => s.testNodes.controlPlane;
    const kubectl = (args: string[]) => cp().exec(['kubectl', ...args], { allowFailure: true });

    beforeAll(async () => {
      s = await startSshPodsScenario({ kubectl: binary ?? undefined });
    }, START_TIMEOUT_MS);

    afterAll(async () => {
      await s?.dispose();
    });

    it('is the kubectl on the node', async () => {
      const out = await kubectl(['version', '--client', '-o', 'json']);
      expect(JSON.parse(out.stdout)).toMatchObject({
        clientVersion: { major: '1', minor: minor.split('.')[1] },
      });
    });

    it('the Pods view joins every static pod with its mirror read through it', async () => {
      const snap = await s.until((x) => joined(x).length === 4 && x.api.nodeRegistered === true);
      expect(snap.api).toMatchObject({ available: true, via: 'node-kubectl', reason: null });
      for (const pod of joined(snap)) {
        // The mirror carries the running static pod's UID in kubernetes.io/config.mirror (§2.1).
        expect(pod.apiPod?.config.mirror).toBe(pod.uid);
        expect(pod.apiPod?.node).toBe('controlplane');
        expect(pod.mirrorStale).toBe(false);
      }
      expect(snap.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('NotFound, Invalid (a spec change), Forbidden (the kubelet credentials) come through as the app parses them', async () => {
      const missing = await kubectl(['get', 'pod', '-n', 'kube-system', 'nope']);
      expect(missing.code).toBe(1);
      expect(parseKubectlError(missing.stderr)).toEqual({
        kind: 'not-found',
        message: 'Error from server (NotFound): pods "nope" not found',
        server: null,
        reason: 'NotFound',
      });

      const spec = await kubectl([
        'patch',
        'pod',
        '-n',
        'kube-system',
        SCHEDULER,
        '-p',
        '{"spec":{"priority":5}}',
      ]);
      expect(spec.code).toBe(1);
      const invalid = parseKubectlError(spec.stderr);
      expect(invalid).toMatchObject({ kind: 'invalid', reason: 'Invalid' });
      expect(invalid?.message).toMatch(
        /^The Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than /,
      );

      const denied = await kubectl([
        '--kubeconfig',
        '/etc/kubernetes/kubelet.conf',
        'delete',
        'pod',
        '-n',
        'kube-system',
        SCHEDULER,
      ]);
      expect(parseKubectlError(denied.stderr)).toEqual({
        kind: 'forbidden',
        message: `Error from server (Forbidden): pods "${SCHEDULER}" is forbidden: User "system:node:controlplane" cannot delete resource "pods" in API group "" in the namespace "kube-system"`,
        server: null,
        reason: 'Forbidden',
      });
    });

    it('kubectl get -w shows a change made through the API', async () => {
      const [file, ...args] = nsenterArgv(cp().info.initPid, [
        'kubectl',
        'get',
        'pods',
        '-n',
        'kube-system',
        '-w',
        '--output-watch-events',
      ]);
      const child = spawn(file!, args, { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      try {
        const waitFor = async (re: RegExp) => {
          for (const end = Date.now() + 20_000; !re.test(out);) {
            if (Date.now() > end) throw new Error(`no ${re} in kubectl get -w output:\n${out}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        await waitFor(new RegExp(`^ADDED\\s+${SCHEDULER}\\s`, 'm'));
        const labelled = await kubectl(['label', 'pod', '-n', 'kube-system', SCHEDULER, 'watched=yes']);
        expect(labelled.stdout).toBe(`pod/${SCHEDULER} labeled\n`);
        await waitFor(new RegExp(`^MODIFIED\\s+${SCHEDULER}\\s+1/1\\s+Running`, 'm'));
      } finally {
        child.kill('SIGTERM');
      }
    });

    it('@kubernetes/client-node reads the same mirror pods through the node’s admin.conf', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-real-kubectl-'));
      try {
        const kubeconfig = path.join(dir, 'admin.conf');
        fs.copyFileSync(s.hostPath('/etc/kubernetes/admin.conf'), kubeconfig);
        const viaNode = await s.until((x) => joined(x).length === 4);
        const viaKubeconfig = await s.core.handlers['pods.snapshot']({
          id: s.nodeId,
          api: { kind: 'kubeconfig', path: kubeconfig },
        });
        expect(viaKubeconfig.api).toMatchObject({ via: 'kubeconfig', available: true, nodeRegistered: true });
        const mirrors = (x: NodePodsSnapshot) => joined(x).map((p) => [p.name, p.apiPod?.uid]);
        expect(mirrors(viaKubeconfig)).toEqual(mirrors(viaNode));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('with the API server stopped: a refused connection, and the Pods view says so', async () => {
      const nodeIp = cp().info.nodeIp;
      const manifest = s.hostPath('/etc/kubernetes/manifests/kube-apiserver.yaml');
      const aside = s.hostPath('/etc/kubernetes/kube-apiserver.yaml');
      fs.renameSync(manifest, aside);
      try {
        const snap = await s.until((x) => x.api.available === false);
        expect(snap.api.reason).toBe(
          `The API server refused the connection (${nodeIp}:6443): it is down, so no mirror pods can be read. The runtime view still shows what runs.`,
        );
        const down = await kubectl(['get', 'pods', '-A']);
        expect(down.code).toBe(1);
        expect(parseKubectlError(down.stderr)).toMatchObject({
          kind: 'connection-refused',
          server: `${nodeIp}:6443`,
        });
      } finally {
        fs.renameSync(aside, manifest);
      }
      // The kubelet takes the pod back (same UID) at a re-list once the old one is cleaned up;
      // re-list now and then instead of waiting for its 20 s period.
      const socketPath = s.hostPath('/run/kubelet-sim/sim.sock');
      await s.until((x) => {
        void callSimDaemon({ socketPath }, 'kubelet.relist', {}).catch(() => undefined);
        return x.api.available && joined(x).length === 4;
      });
    });
  });
});
