import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinedPod, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { NODES_UNDER_TEST, START_TIMEOUT_MS } from './nodes-under-test';
import { crashingManifest, type PodsScenario } from './sandbox-scenario';

// Issue 6 point 5, container details through the core: `pods.inspect` (crictl inspect /
// inspectp, docs/kubelet.md §3.4), `pods.logs` of the current and the previous attempt (§3.1,
// crictl logs --previous), and the `pods.logs.follow` stream (crictl logs -f): lines arrive,
// and closing the stream leaves no crictl running on the node.
const pod = (snap: NodePodsSnapshot, name: string) => snap.pods.find((p) => p.name === name) as JoinedPod;

/** One line in the CRI log format the runtime writes (`<RFC3339Nano> <stream> F <text>`). */
const criLine = (text: string) => `${new Date().toISOString().replace('Z', '123456Z')} stdout F ${text}\n`;

async function poll<T>(
  what: string,
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(NODES_UNDER_TEST)('container details on $label', ({ start }) => {
  let s: PodsScenario;
  beforeAll(async () => {
    s = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => s?.dispose());

  it('pods.inspect: the container (crictl inspect) and its sandbox (inspectp), parsed and raw', async () => {
    const scheduler = pod(await s.snapshot(), 'kube-scheduler-controlplane');
    const container = scheduler.containers[0];
    const sandbox = scheduler.sandboxes[0];
    if (!container || !sandbox) throw new Error('kube-scheduler has no container or sandbox');

    const c = await s.core.handlers['pods.inspect']({
      id: s.nodeId,
      target: 'container',
      runtimeId: container.id,
    });
    expect(c.reason).toBeNull();
    if (c.target !== 'container' || !c.value) throw new Error('no container inspect value');
    expect(c.value).toMatchObject({
      id: container.id,
      name: 'kube-scheduler',
      state: 'running',
      podName: 'kube-scheduler-controlplane',
      podNamespace: 'kube-system',
      podUid: scheduler.uid,
      exitCode: 0,
    });
    expect(c.value.image).toMatch(/kube-scheduler/);
    expect(c.value.startedAtMs).toBeGreaterThan(0);
    expect(c.value.finishedAt).toBeNull();
    expect(c.value.logPath).toBe(
      `/var/log/pods/kube-system_kube-scheduler-controlplane_${scheduler.uid}/kube-scheduler/${c.value.attempt}.log`,
    );
    expect((JSON.parse(c.raw) as { status: { id: string } }).status.id).toBe(container.id);

    const p = await s.core.handlers['pods.inspect']({
      id: s.nodeId,
      target: 'sandbox',
      runtimeId: sandbox.id.slice(0, 13),
    });
    expect(p.reason).toBeNull();
    if (p.target !== 'sandbox' || !p.value) throw new Error('no sandbox inspect value');
    expect(p.value).toMatchObject({
      id: sandbox.id,
      name: 'kube-scheduler-controlplane',
      namespace: 'kube-system',
      uid: scheduler.uid,
      state: 'ready',
      networkNamespaceMode: 'NODE',
    });
    expect(p.value.labels['io.kubernetes.pod.uid']).toBe(scheduler.uid);
    expect(p.value.annotations['kubernetes.io/config.source']).toBe('file');
  });

  it('an id the runtime does not know, and a first attempt without a previous one: the reason, no value', async () => {
    const r = await s.core.handlers['pods.inspect']({
      id: s.nodeId,
      target: 'container',
      runtimeId: 'abcdef0123456789',
    });
    expect(r.value).toBeNull();
    expect(r.reason).toMatch(/not found|does not exist|no such/i);
    const etcd = pod(await s.snapshot(), 'etcd-controlplane').containers[0];
    expect(etcd?.attempt).toBe(0);
    const none = await s.core.handlers['pods.logs']({
      id: s.nodeId,
      containerId: etcd?.id ?? '',
      previous: true,
      tail: 10,
    });
    expect(none).toMatchObject({ previous: true, lines: [] });
    expect(none.reason).toMatch(/previous terminated container etcd not found/);
  });

  it(
    'pods.logs of a crash-looping container: the current attempt, and the previous one with --previous',
    { timeout: 120_000 },
    async () => {
      const file = s.hostPath(path.posix.join(s.manifests, 'logger.yaml'));
      fs.writeFileSync(file, crashingManifest('logger'));
      try {
        const newest = (x: NodePodsSnapshot) => pod(x, 'logger-controlplane')?.containers[0];
        // An exited attempt N ≥ 1 (the first restart comes at once); mark its log so the
        // --previous read of attempt N+1 is provably attempt N's file (docs/kubelet.md §3.1).
        const first = newest(
          await s.until((x) => (newest(x)?.attempt ?? 0) >= 1 && newest(x)?.state === 'exited'),
        );
        if (!first) throw new Error('no exited attempt');
        const firstLog = await s.core.handlers['pods.inspect']({
          id: s.nodeId,
          target: 'container',
          runtimeId: first.id,
        });
        const logPath = firstLog.target === 'container' ? firstLog.value?.logPath : undefined;
        if (!logPath) throw new Error('no log path');
        const mark = `MARK attempt ${first.attempt}`;
        fs.appendFileSync(s.hostPath(logPath), criLine(mark));
        // The kubelet restarts it after its crash back-off, which doubles each time.
        const second = newest(
          await s.until(
            (x) => newest(x)?.attempt === first.attempt + 1 && newest(x)?.state === 'exited',
            90_000,
          ),
        );
        if (!second) throw new Error('no next attempt');
        const current = await s.core.handlers['pods.logs']({
          id: s.nodeId,
          containerId: second.id,
          previous: false,
          tail: 50,
        });
        expect(current.reason).toBeNull();
        expect(current.lines).toContain('Error: unknown flag: --this-is-very-wrong-logger');
        expect(current.lines).not.toContain(mark);
        const previous = await s.core.handlers['pods.logs']({
          id: s.nodeId,
          containerId: second.id,
          previous: true,
          tail: 50,
        });
        expect(previous).toMatchObject({ previous: true, reason: null });
        expect(previous.lines).toContain('Error: unknown flag: --this-is-very-wrong-logger');
        expect(previous.lines[previous.lines.length - 1]).toBe(mark);
        const short = await s.core.handlers['pods.logs']({
          id: s.nodeId,
          containerId: second.id,
          previous: false,
          tail: 1,
        });
        expect(short.lines).toEqual([current.lines[current.lines.length - 1]]);
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
  );

  it(
    'pods.logs.follow: lines arrive as the container writes them; closing leaves no crictl on the node',
    { timeout: 60_000 },
    async () => {
      const scheduler = pod(await s.snapshot(), 'kube-scheduler-controlplane');
      const container = scheduler.containers[0];
      if (!container) throw new Error('no kube-scheduler container');
      const inspected = await s.core.handlers['pods.inspect']({
        id: s.nodeId,
        target: 'container',
        runtimeId: container.id,
      });
      const logPath = inspected.target === 'container' ? inspected.value?.logPath : undefined;
      if (!logPath) throw new Error('no log path');
      const following = () =>
        s
          .processArgs()
          .filter((args) => /crictl/.test(args) && /logs/.test(args) && args.includes(container.id));

      const lines: string[] = [];
      let ended: unknown = 'open';
      const close = s.core.streams['pods.logs.follow'](
        { id: s.nodeId, containerId: container.id, tail: 2 },
        {
          push: (event) => lines.push(...event.lines),
          paused: false,
          onResume: () => {},
          end: (error) => (ended = error),
        },
      );
      try {
        await poll(
          'the last 2 lines',
          () => lines.length,
          (n) => n >= 2,
        );
        expect(lines.slice(0, 2).every((l) => /^I\d{4} /.test(l))).toBe(true);
        await poll('crictl logs -f on the node', following, (p) => p.length > 0);
        for (let i = 1; i <= 3; i++) fs.appendFileSync(s.hostPath(logPath), criLine(`followed line ${i}`));
        await poll(
          'the appended lines',
          () => lines,
          (l) => l.includes('followed line 3'),
        );
        expect(lines.filter((l) => l.startsWith('followed line'))).toEqual([
          'followed line 1',
          'followed line 2',
          'followed line 3',
        ]);
        expect(ended).toBe('open');
      } finally {
        close();
      }
      await poll('no crictl logs left on the node', following, (p) => p.length === 0);
      const after = lines.length;
      fs.appendFileSync(s.hostPath(logPath), criLine('after close'));
      // A closed stream pushes nothing more (checked once the node is known to have no follower).
      expect(lines.length).toBe(after);
    },
  );
});
