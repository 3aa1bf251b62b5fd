import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCrictl } from '../../../../src-main/sandbox/commands/crictl';
import { captureIO } from '../../../../src-main/sandbox/commands/io';
import {
  agoNs,
  container,
  hexId,
  MIN,
  NOW,
  nodeState,
  run,
  sandbox,
  simRoot,
  writeNodeFile,
  writeState,
} from './sim-fixture';

function schedulerNode() {
  const sb = sandbox({
    id: hexId('05dfaa6b56008'),
    name: 'kube-scheduler-controlplane',
    labels: { component: 'kube-scheduler', tier: 'control-plane' },
  });
  const running = container({
    id: hexId('57d5d2282719'),
    name: 'kube-scheduler',
    sb,
    attempt: 4,
    createdAtNs: '1717032223123456789',
    startedAtNs: '1717032223500000000',
  });
  const exited = container({
    id: hexId('57d0000000000'),
    name: 'kube-scheduler',
    sb,
    attempt: 3,
    state: 'CONTAINER_EXITED',
    createdAtNs: agoNs(20 * MIN),
    finishedAtNs: '1717032100000000000',
    exitCode: 1,
    reason: 'Error',
  });
  const created = container({
    id: hexId('c7ea7ed'),
    name: 'sidecar',
    sb,
    state: 'CONTAINER_CREATED',
    startedAtNs: '0',
  });
  return {
    state: nodeState({ sandboxes: [sb], containers: [running, exited, created] }),
    sb,
    running,
    exited,
  };
}

describe('crictl inspect / inspectp (§3.4)', () => {
  it('≥1.31: one ID → object, every key alphabetical, info before status, readable times', async () => {
    const { state } = schedulerNode();
    const r = await run(runCrictl, ['inspect', '57d5d'], simRoot(state));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { info: Record<string, unknown>; status: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['info', 'status']);
    expect(Object.keys(doc.status)).toEqual([...Object.keys(doc.status)].sort());
    expect(doc.status.createdAt).toBe('2024-05-30T01:23:43.123456789Z');
    expect(doc.status.startedAt).toBe('2024-05-30T01:23:43.5Z');
    expect(doc.status.finishedAt).toBe('0001-01-01T00:00:00Z');
    expect(doc.status.id).toBe(hexId('57d5d2282719'));
    expect(doc.info.pid).toBeGreaterThan(0);
    expect(doc.info.runtimeSpec).toBeTypeOf('object');
    expect(r.out).toMatch(/^\{\n {2}"info": \{\n/);
    // Every object's keys sorted, at every depth.
    const check = (v: unknown): void => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        expect(Object.keys(v)).toEqual([...Object.keys(v)].sort());
        Object.values(v).forEach(check);
      } else if (Array.isArray(v)) v.forEach(check);
    };
    check(doc);
  });

  it('exited container has finishedAt, created container has zero startedAt', async () => {
    const { state } = schedulerNode();
    const r = await run(runCrictl, ['inspect', '57d0', 'c7ea7ed'], simRoot(state));
    const docs = JSON.parse(r.out) as Array<{ status: Record<string, unknown>; info: { pid: number } }>;
    expect(Array.isArray(docs)).toBe(true);
    expect(docs[0].status.finishedAt).toBe('2024-05-30T01:21:40Z');
    expect(docs[0].status.exitCode).toBe(1);
    expect(docs[0].info.pid).toBe(0);
    expect(docs[1].status.startedAt).toBe('0001-01-01T00:00:00Z');
  });

  it('-q drops the verbose info', async () => {
    const { state } = schedulerNode();
    const doc = JSON.parse((await run(runCrictl, ['inspect', '-q', '57d5d'], simRoot(state))).out);
    expect(Object.keys(doc)).toEqual(['status']);
  });

  it('≤1.30: {"status", "info"} with status in proto order', async () => {
    const { state } = schedulerNode();
    const r = await run(runCrictl, ['inspect', '57d5d'], simRoot(state), {
      env: { KUBELET_SIM_CRICTL_VERSION: '1.30' },
    });
    const doc = JSON.parse(r.out) as { status: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['status', 'info']);
    expect(Object.keys(doc.status).slice(0, 7)).toEqual([
      'id',
      'metadata',
      'state',
      'createdAt',
      'startedAt',
      'finishedAt',
      'exitCode',
    ]);
    expect(Object.keys(doc.status.metadata as object)).toEqual(['attempt', 'name']);
    expect(doc.status.resources).toBeNull();
  });

  it('inspectp: sandbox status with NODE network namespace for hostNetwork', async () => {
    const { state } = schedulerNode();
    const doc = JSON.parse((await run(runCrictl, ['inspectp', '05dfaa'], simRoot(state))).out);
    expect(doc.status.linux.namespaces.options.network).toBe('NODE');
    expect(doc.status.metadata).toEqual({
      attempt: 0,
      name: 'kube-scheduler-controlplane',
      namespace: 'kube-system',
      uid: '23ace3c8b1dea5b6d6b30e6bcbb810a7',
    });
    expect(doc.status.state).toBe('SANDBOX_READY');
    expect(doc.info.processStatus).toBe('running');
  });

  it('unknown and ambiguous IDs fail like containerd + crictl', async () => {
    const { state } = schedulerNode();
    const root = simRoot(state);
    const unknown = await run(runCrictl, ['inspect', 'ffff'], root);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe(
      'time="2024-05-30T02:00:00Z" level=fatal msg="get the status of containers: get container status: rpc error: code = NotFound desc = an error occurred when try to find container \\"ffff\\": not found"\n',
    );
    const ambiguous = await run(runCrictl, ['inspect', '57d'], root);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('Multiple IDs found with provided prefix: 57d');
    const sb = await run(runCrictl, ['inspectp', 'ffff'], root);
    expect(sb.err).toContain('try to find sandbox \\"ffff\\": not found');
  });
});

const cri = (ts: string, stream: string, text: string, tag = 'F') => `${ts} ${stream} ${tag} ${text}\n`;

describe('crictl logs', () => {
  function withLogs() {
    const { state, running, exited } = schedulerNode();
    const root = simRoot(state);
    writeNodeFile(
      root,
      running.logPath,
      cri('2024-05-30T01:23:43.100000000Z', 'stderr', 'I0530 01:23:43.1 1 serving.go] "Serving securely"') +
        cri('2024-05-30T01:23:44.000000000Z', 'stdout', 'part one ', 'P') +
        cri('2024-05-30T01:23:44.000000001Z', 'stdout', 'part two') +
        cri('2024-05-30T01:23:45.5Z', 'stderr', 'E0530 last line'),
    );
    writeNodeFile(root, exited.logPath, cri('2024-05-30T01:20:00Z', 'stderr', 'previous attempt died'));
    return { root, running };
  }

  it('strips the CRI prefix, joins partial lines and routes streams', async () => {
    const { root } = withLogs();
    const r = await run(runCrictl, ['logs', '57d5d'], root);
    expect(r.code).toBe(0);
    expect(r.out).toBe('part one part two\n');
    expect(r.err).toBe('I0530 01:23:43.1 1 serving.go] "Serving securely"\nE0530 last line\n');
  });

  it('--tail counts full lines; -t prefixes RFC3339Nano timestamps', async () => {
    const { root } = withLogs();
    const r = await run(runCrictl, ['logs', '--tail', '1', '-t', '57d5d'], root);
    expect(r.err).toBe('2024-05-30T01:23:45.5Z E0530 last line\n');
    expect(r.out).toBe('');
    const two = await run(runCrictl, ['logs', '--tail=2', '57d5d'], root);
    expect(two.out).toBe('part one part two\n');
  });

  it('-p reads the previous attempt; attempt 0 has none', async () => {
    const { root } = withLogs();
    expect((await run(runCrictl, ['logs', '-p', '57d5d'], root)).err).toBe('previous attempt died\n');
    const none = await run(runCrictl, ['logs', '-p', 'c7ea7ed'], root);
    expect(none.code).toBe(1);
    expect(none.err).toContain('msg="previous terminated container sidecar not found"');
  });

  /** Polls until `cond` holds; the follower runs in this process, so each poll lets it work. */
  const waitFor = async (cond: () => boolean, what: string) => {
    for (const end = Date.now() + 10_000; !cond(); await new Promise((r) => setTimeout(r, 5))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    }
  };

  it('-f prints lines appended later and ends when aborted', async () => {
    const { root, running } = withLogs();
    const ac = new AbortController();
    const io = captureIO({ now: NOW, env: { KUBELET_SIM_ROOT: root }, signal: ac.signal });
    const done = runCrictl(['logs', '-f', '--tail', '1', '57d5d'], io);
    // The last line printed: the follower has read to the end and follows from there.
    await waitFor(() => io.err() === 'E0530 last line\n', 'the tail');
    fs.appendFileSync(path.join(root, running.logPath), cri('2024-05-30T01:30:00Z', 'stdout', 'appended'));
    await waitFor(() => io.out() === 'appended\n', 'the appended line');
    ac.abort();
    expect(await done).toBe(0);
    expect(io.out()).toBe('appended\n');
  });

  it('-f ends by itself when the container stops', async () => {
    const { root, running } = withLogs();
    const { state } = schedulerNode();
    const ac = new AbortController();
    const io = captureIO({ now: NOW, env: { KUBELET_SIM_ROOT: root }, signal: ac.signal });
    let ended = false;
    const done = runCrictl(['logs', '-f', '--tail', '1', '57d5d'], io).finally(() => (ended = true));
    await waitFor(() => io.err() === 'E0530 last line\n', 'the tail');
    state.containers[0] = { ...running, state: 'CONTAINER_EXITED' };
    writeState(root, state);
    // Not aborted: it must end on its own (a hang fails here after 10 s).
    await waitFor(() => ended, 'crictl logs -f to end');
    ac.abort();
    await done;
  });

  it('missing log file and unknown container fail', async () => {
    const { state } = schedulerNode();
    const root = simRoot(state);
    const r = await run(runCrictl, ['logs', '57d5d'], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no such file or directory');
    expect((await run(runCrictl, ['logs', 'nope'], root)).err).toContain('not found');
    expect((await run(runCrictl, ['logs'], root)).err).toContain('msg="ID cannot be empty"');
  });
});
