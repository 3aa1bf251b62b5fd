import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../../src-main/sandbox/commands/kubectl';
import { MIN, nodeState, run, simRoot } from './sim-fixture';
import { apiPod, fakeDaemon, realMirrorPod } from './api-fixture';
import { readReal, tableAt } from './fixtures';

const S = 1000;

/** The pods behind the second table of ../fixtures/real/kubectl-get-pods-A-v1.29-static-and-plain.txt. */
function staticAndPlain() {
  const running = (ns: string, name: string, ageMs: number) =>
    apiPod({ ns, name, ageMs, containers: [{ ready: true }] });
  return nodeState({
    apiPods: [
      apiPod({
        ns: 'kube-system',
        name: 'kube-scheduler-controlplane',
        ageMs: 10 * S,
        containers: [{ ready: false }],
      }),
      apiPod({
        ns: 'kube-system',
        name: 'kube-scheduler',
        ageMs: 3 * S,
        containers: [
          {
            ready: false,
            restarts: 1,
            lastFinishedAgoMs: 2 * S,
            terminated: { reason: 'Error', exitCode: 1 },
          },
        ],
      }),
      running('default', 'app-5646649cc9-cvmnm', 9 * MIN + 5 * S),
      running('kube-flannel', 'kube-flannel-ds-2rpsp', 17 * MIN),
      running('kube-system', 'coredns-69f9c977-8nbbx', 17 * MIN),
      running('kube-system', 'coredns-69f9c977-xtj2l', 17 * MIN),
      running('kube-system', 'etcd-controlplane', 18 * MIN),
      running('kube-system', 'kube-apiserver-controlplane', 18 * MIN),
      running('kube-system', 'kube-controller-manager-controlplane', 18 * MIN),
      running('kube-system', 'kube-proxy-kt6cb', 17 * MIN),
    ],
  });
}

describe('kubectl get pods', () => {
  it('-A reproduces a real kubectl table (NAMESPACE first, Error with "1 (2s ago)", 0/1 Running)', async () => {
    const r = await run(runKubectl, ['get', 'pods', '-A'], simRoot(staticAndPlain()));
    const real = tableAt(readReal('kubectl-get-pods-A-v1.29-static-and-plain.txt'), 'NAMESPACE', 1);
    expect(r.code).toBe(0);
    expect(r.out).toBe(real.map((l) => l + '\n').join(''));
  });

  it('-o wide adds IP NODE NOMINATED NODE READINESS GATES with <none>, RESTARTS "1 (69m ago)"', async () => {
    const state = nodeState({
      apiPods: [
        apiPod({
          ns: 'kube-system',
          name: 'weave-net-5cxkb',
          ageMs: 69 * MIN,
          ip: '192.0.254.6',
          node: 'controlplane',
          containers: [{ ready: true, restarts: 1, lastFinishedAgoMs: 69 * MIN }, { ready: true }],
        }),
        apiPod({
          ns: 'alpha',
          name: 'alpha-mysql-5b944d484-m8t84',
          ageMs: 2 * MIN + 23 * S,
          phase: 'Pending',
          containers: [{ ready: false, waiting: 'ContainerCreating' }],
        }),
      ],
    });
    state.apiPods[1].status = { phase: 'Pending' };
    const r = await run(runKubectl, ['get', 'pods', '-A', '-o', 'wide'], simRoot(state));
    const real = readReal('kubectl-get-pods-A-wide-v1.29-v1.30.txt').split('\n');
    const want = [
      real[1],
      real.find((l) => l.startsWith('alpha ')),
      real.find((l) => l.startsWith('kube-system   weave-net-5cxkb')),
    ];
    // Same data, same column layout: our table equals the real lines re-aligned for these rows.
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0].split(/ {2,}/)).toEqual((want[0] as string).split(/ {2,}/));
    expect(lines[1].split(/ {2,}/)).toEqual((want[1] as string).split(/ {2,}/));
    expect(lines[2].split(/ {2,}/)).toEqual((want[2] as string).split(/ {2,}/));
  });

  it('STATUS: CrashLoopBackOff, ImagePullBackOff, ErrImagePull, Completed, Terminating, Init', async () => {
    const pods = [
      apiPod({
        ns: 'default',
        name: 'a-crash',
        ageMs: 44 * S,
        containers: [{ ready: false, restarts: 2, lastFinishedAgoMs: 19 * S, waiting: 'CrashLoopBackOff' }],
      }),
      apiPod({
        ns: 'default',
        name: 'b-pull',
        ageMs: 5 * S,
        phase: 'Pending',
        containers: [{ ready: false, waiting: 'ImagePullBackOff' }],
      }),
      apiPod({
        ns: 'default',
        name: 'c-err',
        ageMs: 5 * S,
        phase: 'Pending',
        containers: [{ ready: false, waiting: 'ErrImagePull' }],
      }),
      apiPod({
        ns: 'default',
        name: 'd-done',
        ageMs: 5 * S,
        phase: 'Succeeded',
        containers: [{ ready: false, terminated: { reason: 'Completed', exitCode: 0 } }],
      }),
      apiPod({ ns: 'default', name: 'e-term', ageMs: 5 * S, deleting: true, containers: [{ ready: true }] }),
      apiPod({
        ns: 'default',
        name: 'f-init',
        ageMs: 5 * S,
        phase: 'Pending',
        containers: [{ ready: false, waiting: 'PodInitializing' }],
      }),
    ];
    pods[5].spec.initContainers = [{ name: 'init', image: 'busybox' }];
    (pods[5].status as Record<string, unknown>).initContainerStatuses = [
      { name: 'init', ready: false, restartCount: 0, state: { running: {} } },
    ];
    const r = await run(runKubectl, ['get', 'pods'], simRoot(nodeState({ apiPods: pods })));
    const cells = r.out
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/ {2,}/));
    expect(cells.map((c) => [c[1], c[2], c[3]])).toEqual([
      ['0/1', 'CrashLoopBackOff', '2 (19s ago)'],
      ['0/1', 'ImagePullBackOff', '0'],
      ['0/1', 'ErrImagePull', '0'],
      ['0/1', 'Completed', '0'],
      ['1/1', 'Terminating', '0'],
      ['0/1', 'Init:0/1', '0'],
    ]);
  });

  it('mirror pod -o yaml is byte-identical to the real kubectl output', async () => {
    const r = await run(
      runKubectl,
      [
        'get',
        'pod',
        'kube-scheduler-controlplane',
        '-n',
        'kube-system',
        '-o',
        'yaml',
        '--kubeconfig',
        '/etc/kubernetes/admin.conf',
      ],
      simRoot(nodeState({ apiPods: [realMirrorPod()] })),
    );
    expect(r.out).toBe(readReal('kubectl-mirror-pod-kube-scheduler-v1.29.yaml'));
  });

  it('mirror pod -o json: 4-space indent, sorted keys, same key set and nesting as the real object', async () => {
    const r = await run(
      runKubectl,
      ['get', 'pod', 'kube-scheduler-controlplane', '-n', 'kube-system', '-o', 'json'],
      simRoot(nodeState({ apiPods: [realMirrorPod()] })),
    );
    expect(JSON.parse(r.out)).toEqual(realMirrorPod());
    expect(r.out).toMatch(
      /^\{\n {4}"apiVersion": "v1",\n {4}"kind": "Pod",\n {4}"metadata": \{\n {8}"annotations": \{/,
    );
  });

  it('list -o json is a v1 List; -o name prints pod/NAME; --field-selector spec.nodeName', async () => {
    const state = staticAndPlain();
    state.apiPods[0].spec.nodeName = 'controlplane';
    const root = simRoot(state);
    const list = JSON.parse(
      (await run(runKubectl, ['get', 'pods', '-n', 'kube-system', '-o', 'json'], root)).out,
    );
    expect(Object.keys(list)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(list.kind).toBe('List');
    expect(list.metadata).toEqual({ resourceVersion: '' });
    expect(list.items).toHaveLength(8);
    const names = await run(
      runKubectl,
      ['get', 'pods', '-A', '-o', 'name', '--field-selector', 'spec.nodeName=controlplane'],
      root,
    );
    expect(names.out).toBe(`pod/${state.apiPods[0].metadata.name}\n`);
    const bad = await run(runKubectl, ['get', 'pods', '--field-selector', 'foo=bar'], root);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('field label not supported: foo');
  });

  it('empty lists and missing pods', async () => {
    const root = simRoot(nodeState());
    const empty = await run(runKubectl, ['get', 'pods', '-n', 'kube-system'], root);
    expect(empty.code).toBe(0);
    expect(empty.out).toBe('');
    expect(empty.err).toBe('No resources found in kube-system namespace.\n');
    expect((await run(runKubectl, ['get', 'pods', '-A'], root)).err).toBe('No resources found\n');
    const missing = await run(runKubectl, ['get', 'pod', 'nope', '-o', 'json'], root);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('API server down → connection refused on the node IP, exit 1', async () => {
    const r = await run(
      runKubectl,
      ['get', 'pods', '-A'],
      simRoot(nodeState({ apiServerUp: false, nodeIp: '172.30.1.2' })),
    );
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n',
    );
  });

  it('bad flags and commands', async () => {
    const root = simRoot(nodeState());
    const flagErr = await run(runKubectl, ['get', 'pods', '--foo'], root);
    expect(flagErr.code).toBe(1);
    expect(flagErr.err).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
    expect((await run(runKubectl, ['get', 'pods', '-z'], root)).err).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
    );
    expect((await run(runKubectl, ['frob'], root)).err).toBe(
      'error: unknown command "frob" for "kubectl"\nRun \'kubectl --help\' for usage.\n',
    );
    expect((await run(runKubectl, ['get', 'nodez'], root)).err).toBe(
      'error: the server doesn\'t have a resource type "nodez"\n',
    );
    expect((await run(runKubectl, ['get', 'pods', '-o', 'xml'], root)).err).toMatch(
      /^error: unable to match a printer suitable for the output format "xml"/,
    );
  });
});

describe('kubectl mutations through the daemon socket', () => {
  it('delete pod: rpc pods.delete with the grace period, `pod "x" deleted`, waits until gone', async () => {
    const state = staticAndPlain();
    const root = simRoot(state);
    const daemon = await fakeDaemon(root, state);
    try {
      const r = await run(
        runKubectl,
        ['delete', 'pod', 'kube-scheduler', '-n', 'kube-system', '--grace-period', '5'],
        root,
      );
      expect(r.code).toBe(0);
      expect(r.out).toBe('pod "kube-scheduler" deleted\n');
      expect(daemon.requests).toEqual([
        {
          method: 'pods.delete',
          params: { namespace: 'kube-system', name: 'kube-scheduler', gracePeriodSeconds: 5 },
        },
      ]);
      const missing = await run(runKubectl, ['delete', 'pod/ghost'], root);
      expect(missing.code).toBe(1);
      expect(missing.err).toBe('Error from server (NotFound): pods "ghost" not found\n');
    } finally {
      await daemon.close();
    }
  });

  it('apply -f FILE sends each document; label k=v / k- patches metadata', async () => {
    const state = staticAndPlain();
    const root = simRoot(state);
    const daemon = await fakeDaemon(root, state);
    try {
      const file = path.join(root, 'pod.yaml');
      fs.writeFileSync(
        file,
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
      );
      const applied = await run(runKubectl, ['apply', '-f', file], root);
      expect(applied.out).toBe('pod/web created\n');
      expect(daemon.requests[0].method).toBe('pods.apply');
      const labeled = await run(
        runKubectl,
        ['label', 'pod', 'etcd-controlplane', '-n', 'kube-system', 'tier=cp', 'app-'],
        root,
      );
      expect(labeled.out).toBe('pod/etcd-controlplane labeled\n');
      expect(daemon.requests[1]).toEqual({
        method: 'pods.patchMetadata',
        params: { namespace: 'kube-system', name: 'etcd-controlplane', labels: { tier: 'cp', app: null } },
      });
      const again = await run(
        runKubectl,
        ['label', 'pod', 'etcd-controlplane', '-n', 'kube-system', 'tier=other'],
        root,
      );
      expect(again.code).toBe(1);
      expect(again.err).toBe("error: 'tier' already has a value (cp), and --overwrite is false\n");
      const annotated = await run(
        runKubectl,
        ['annotate', 'pods', 'etcd-controlplane', '-n', 'kube-system', 'note=x'],
        root,
      );
      expect(annotated.out).toBe('pod/etcd-controlplane annotated\n');
      expect(daemon.requests[2].params).toEqual({
        namespace: 'kube-system',
        name: 'etcd-controlplane',
        annotations: { note: 'x' },
      });
      expect((await run(runKubectl, ['apply', '-f', '/nonexistent.yaml'], root)).err).toBe(
        'error: the path "/nonexistent.yaml" does not exist\n',
      );
    } finally {
      await daemon.close();
    }
  });

  it('no daemon listening behaves like a refused API connection', async () => {
    const r = await run(runKubectl, ['delete', 'pod', 'x'], simRoot(nodeState({ nodeIp: '172.30.1.2' })));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n',
    );
  });
});
