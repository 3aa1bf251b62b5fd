import { describe, expect, it } from 'vitest';
import { runCrictl } from '../../../../src-main/sandbox/commands/crictl';
import { agoNs, container, hexId, MIN, nodeState, run, sandbox, simRoot } from './sim-fixture';
import { readReal, tableAt } from './fixtures';

/** The state behind ../fixtures/real/crictl-ps-v1.24-containerd-pod-column.txt (first table). */
function kodekloudNode() {
  const sbGreen = sandbox({
    id: hexId('05dfaa6b56008'),
    name: 'static-greenbox-node01',
    namespace: 'default',
    createdAtNs: agoNs(10 * MIN),
  });
  const sbFlannel = sandbox({
    id: hexId('41927b68b32af'),
    name: 'kube-flannel-ds-jdwzc',
    namespace: 'kube-flannel',
    createdAtNs: agoNs(47 * MIN + 5000),
  });
  const sbProxy = sandbox({
    id: hexId('da411fa8fa32c'),
    name: 'kube-proxy-wsfmh',
    createdAtNs: agoNs(47 * MIN + 9000),
  });
  return nodeState({
    sandboxes: [sbProxy, sbGreen, sbFlannel],
    containers: [
      container({
        id: hexId('5a94f315aa9a1'),
        name: 'kube-proxy',
        sb: sbProxy,
        imageId: 'sha256:' + hexId('77b49675beae1'),
        createdAtNs: agoNs(47 * MIN + 2000),
      }),
      container({
        id: hexId('919ee2fcc7b51'),
        name: 'static-greenbox',
        sb: sbGreen,
        imageId: 'sha256:' + hexId('334e4a014c81b'),
        createdAtNs: agoNs(10 * MIN),
      }),
      container({
        id: hexId('6a26ebb4ef511'),
        name: 'kube-flannel',
        sb: sbFlannel,
        imageId: 'sha256:' + hexId('f03a23d55e578'),
        createdAtNs: agoNs(47 * MIN + 1000),
      }),
      container({
        id: hexId('0dead0000000'),
        name: 'static-greenbox',
        sb: sbGreen,
        state: 'CONTAINER_EXITED',
        createdAtNs: agoNs(20 * MIN),
        finishedAtNs: agoNs(11 * MIN),
        exitCode: 1,
        reason: 'Error',
      }),
    ],
  });
}

describe('crictl ps', () => {
  it('v1.24 reproduces the real containerd table byte for byte', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps'], root, { env: { KUBELET_SIM_CRICTL_VERSION: '1.24' } });
    const real = tableAt(readReal('crictl-ps-v1.24-containerd-pod-column.txt'), 'CONTAINER ');
    expect(r.code).toBe(0);
    expect(r.out).toBe(real.map((l) => l + '\n').join(''));
  });

  it('v1.32 (default) appends NAMESPACE and pads POD', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps'], root);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                      NAMESPACE',
    );
    expect(lines[1]).toMatch(
      /^919ee2fcc7b51 {7}334e4a014c81b {7}10 minutes ago {6}Running {13}static-greenbox {5}0 {19}05dfaa6b56008 {7}static-greenbox-node01 {3}default$/,
    );
  });

  it('pre-1.19 uses CONTAINER ID and has no POD column', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps'], root, { env: { KUBELET_SIM_CRICTL_VERSION: '1.11' } });
    expect(r.out.split('\n')[0]).toBe(
      'CONTAINER ID        IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID',
    );
  });

  it('-a adds exited containers, newest first; -q prints full IDs only', async () => {
    const root = simRoot(kodekloudNode());
    const all = await run(runCrictl, ['ps', '-a', '-q'], root);
    expect(all.out.split('\n').filter(Boolean)).toEqual([
      hexId('919ee2fcc7b51'),
      hexId('0dead0000000'),
      hexId('6a26ebb4ef511'),
      hexId('5a94f315aa9a1'),
    ]);
    const running = await run(runCrictl, ['ps', '-q'], root);
    expect(running.out).not.toContain('0dead');
  });

  it('filters: --name regex, --pod prefix, --state, --namespace, --label, --last', async () => {
    const root = simRoot(kodekloudNode());
    const ids = async (...a: string[]) =>
      (await run(runCrictl, ['ps', '-q', ...a], root)).out
        .split('\n')
        .filter(Boolean)
        .map((s) => s.slice(0, 6));
    expect(await ids('--name', '^kube-')).toEqual(['6a26eb', '5a94f3']);
    expect(await ids('-a', '--pod', '05dfaa')).toEqual(['919ee2', '0dead0']);
    expect(await ids('--state', 'exited')).toEqual(['0dead0']);
    expect(await ids('--namespace', 'flannel')).toEqual(['6a26eb']);
    expect(await ids('--label', 'io.kubernetes.container.name=kube-proxy')).toEqual(['5a94f3']);
    expect(await ids('--last', '2')).toEqual(['919ee2', '0dead0']);
    expect(await ids('-a', '--pod', 'ffff')).toEqual([]);
  });

  it('--no-trunc prints full IDs and the full sha256 image', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps', '--no-trunc', '--name', 'kube-proxy'], root);
    expect(r.out).toContain(hexId('5a94f315aa9a1'));
    expect(r.out).toContain('sha256:' + hexId('77b49675beae1'));
  });

  it('-o json: top-level containers, proto field order, int64 as strings, {} empty maps (protojson)', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps', '-o', 'json', '--name', 'kube-proxy'], root);
    const doc = JSON.parse(r.out) as { containers: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['containers']);
    expect(Object.keys(doc.containers[0])).toEqual([
      'id',
      'podSandboxId',
      'metadata',
      'image',
      'imageRef',
      'state',
      'createdAt',
      'labels',
      'annotations',
      'imageId',
    ]);
    expect(doc.containers[0].createdAt).toBe(agoNs(47 * MIN + 2000));
    expect(r.out).toContain('"annotations": {}');
    expect(r.out).toContain('"attempt": 0');
  });

  it('-o json for crictl 1.30 uses jsonpb: empty maps as `{` newline `}`', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps', '-o', 'json', '--name', 'kube-proxy'], root, {
      env: { KUBELET_SIM_CRICTL_VERSION: '1.30' },
    });
    expect(r.out).toMatch(/"annotations": \{\n +\},/);
    expect(JSON.parse(r.out).containers[0].imageId).toBeUndefined();
  });

  it('-o yaml sorts keys like JSONToYAML', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps', '-o', 'yaml', '--name', 'kube-proxy'], root);
    expect(r.out).toMatch(/^containers:\n- annotations:\n/);
    expect(r.out).toContain(`createdAt: "${agoNs(47 * MIN + 2000)}"`);
  });
});

describe('crictl pods', () => {
  it('table with RUNTIME (default), newest first, go-units ages', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['pods'], root);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'POD ID              CREATED             STATE               NAME                     NAMESPACE           ATTEMPT             RUNTIME',
      '05dfaa6b56008       10 minutes ago      Ready               static-greenbox-node01   default             0                   (default)',
    ]);
    expect(r.out.trimEnd().split('\n')).toHaveLength(4);
  });

  it('pre-1.19 has no RUNTIME column', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['pods'], root, { env: { KUBELET_SIM_CRICTL_VERSION: '1.11' } });
    expect(r.out.split('\n')[0].trimEnd().endsWith('ATTEMPT')).toBe(true);
  });

  it('filters --state notready / --name / --namespace / --id prefix and -q', async () => {
    const state = kodekloudNode();
    state.sandboxes.push(
      sandbox({
        id: hexId('b26d8f861f68b'),
        name: 'kube-apiserver-node1',
        state: 'SANDBOX_NOTREADY',
        attempt: 3,
        createdAtNs: agoNs(90 * MIN),
      }),
    );
    const root = simRoot(state);
    expect((await run(runCrictl, ['pods', '-q', '--state', 'NotReady'], root)).out).toBe(
      hexId('b26d8f861f68b') + '\n',
    );
    expect((await run(runCrictl, ['pods', '-q', '--name', 'green'], root)).out).toBe(
      hexId('05dfaa6b56008') + '\n',
    );
    expect(
      (await run(runCrictl, ['pods', '-q', '--namespace', '^kube-system$'], root)).out
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(2);
    expect((await run(runCrictl, ['pods', '-q', '--id', 'da41'], root)).out).toBe(
      hexId('da411fa8fa32c') + '\n',
    );
    const bad = await run(runCrictl, ['pods', '--state', 'weird'], root);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('2024/05/30 02:00:00 --state should be ready or notready\n');
  });

  it('-o json: top-level items, sandbox proto field order', async () => {
    const root = simRoot(kodekloudNode());
    const doc = JSON.parse((await run(runCrictl, ['pods', '-o', 'json'], root)).out) as {
      items: Array<Record<string, unknown>>;
    };
    expect(Object.keys(doc)).toEqual(['items']);
    expect(Object.keys(doc.items[0])).toEqual([
      'id',
      'metadata',
      'state',
      'createdAt',
      'labels',
      'annotations',
      'runtimeHandler',
    ]);
    expect(Object.keys(doc.items[0].metadata as object)).toEqual(['name', 'uid', 'namespace', 'attempt']);
    expect(Object.keys(doc.items[0].labels as object)).toEqual(
      [...Object.keys(doc.items[0].labels as object)].sort(),
    );
    expect(doc.items[0].state).toBe('SANDBOX_READY');
  });
});

describe('crictl errors', () => {
  it('unknown flag: usage on stdout, logrus fatal on stderr, exit 1', async () => {
    const root = simRoot(kodekloudNode());
    const r = await run(runCrictl, ['ps', '--foo'], root);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Incorrect Usage: flag provided but not defined: -foo\n/);
    expect(r.err).toBe('time="2024-05-30T02:00:00Z" level=fatal msg="flag provided but not defined: -foo"\n');
  });

  it('no runtime (no state file) fails to connect like crictl v1.32 does: config, defaults, each endpoint, fatal', async () => {
    const r = await run(runCrictl, ['ps'], simRoot());
    expect(r.code).toBe(1);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^time=".*" level=warning msg="Config \\"\/etc\/crictl.yaml\\" does not exist, trying next: \\"\/usr\/local\/bin\/crictl.yaml\\""$/,
    );
    expect(lines[1]).toMatch(
      /level=warning msg="runtime connect using default endpoints: \[unix:\/\/\/run\/containerd\/containerd.sock unix:\/\/\/run\/crio\/crio.sock unix:\/\/\/var\/run\/cri-dockerd.sock\]\. As the default settings are now deprecated, you should set the endpoint instead\."$/,
    );
    expect(
      lines
        .slice(2, 5)
        .map((l) =>
          /level=(\w+) msg="validate service connection: validate CRI v1 runtime API for endpoint \\"(\S+)\\"/
            .exec(l)
            ?.slice(1),
        ),
    ).toEqual([
      ['error', 'unix:///run/containerd/containerd.sock'],
      ['error', 'unix:///run/crio/crio.sock'],
      ['error', 'unix:///var/run/cri-dockerd.sock'],
    ]);
    expect(lines[5]).toMatch(
      /^time=".*" level=fatal msg="validate service connection: .*dial unix \/var\/run\/cri-dockerd.sock: connect: no such file or directory\\""$/,
    );
    expect(lines).toHaveLength(6);
  });

  it('unknown subcommand', async () => {
    const r = await run(runCrictl, ['frobnicate'], simRoot());
    expect(r.code).toBe(3);
    expect(r.err).toBe("No help topic for 'frobnicate'\n");
  });

  it('unsupported -o', async () => {
    const r = await run(runCrictl, ['ps', '-o', 'xml'], simRoot(kodekloudNode()));
    expect(r.code).toBe(1);
    expect(r.err).toContain('msg="listing containers: list containers: unsupported output format \\"xml\\""');
  });
});

describe('crictl --version', () => {
  it('prints "crictl version vX.Y.0" as urfave/cli does, for the emulated release', async () => {
    const root = simRoot(nodeState());
    const r = await run(runCrictl, ['--version'], root, { env: { KUBELET_SIM_CRICTL_VERSION: '1.30' } });
    expect(r).toMatchObject({ code: 0, out: 'crictl version v1.30.0\n', err: '' });
    expect((await run(runCrictl, ['-v'], root)).out).toBe('crictl version v1.32.0\n');
  });
});
