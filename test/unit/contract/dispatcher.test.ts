import { describe, expect, it } from 'vitest';
import { STREAM_WINDOW, operationNames, streamNames, type HostMessage } from '../../../src-main/contract';
import { createHostSession } from '../../../src-main/core/dispatcher';
import type { StreamSink } from '../../../src-main/contract/stream-sink';
import type { CoreApi, OperationHandlers, StreamProviders } from '../../../src-main/core/handlers';

function fakeCore(
  overrides: Partial<OperationHandlers> = {},
  onStream?: (sink: StreamSink<unknown>) => () => void,
): CoreApi {
  const notUsed = async () => {
    throw new Error('not used');
  };
  const handlers = Object.fromEntries(
    operationNames.map((name) => [name, notUsed]),
  ) as unknown as OperationHandlers;
  const streams = Object.fromEntries(
    streamNames.map((name) => [name, () => () => {}]),
  ) as unknown as StreamProviders;
  return {
    handlers: {
      ...handlers,
      'app.info': async () => ({ name: 'Kubelet Studio', version: '1.2.3', host: 'cli', platform: 'test' }),
      'nodes.list': async () => [],
      ...overrides,
    },
    streams: {
      ...streams,
      'nodes.events': (_args, sink) => (onStream ? onStream(sink as StreamSink<unknown>) : () => {}),
    },
    dispose: async () => {},
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('host session', () => {
  it('answers a valid call with the handler result', async () => {
    const sent: HostMessage[] = [];
    const session = createHostSession(fakeCore(), (m) => sent.push(m));
    session.receive({ type: 'call', id: 1, op: 'app.info', input: {} });
    await flush();
    expect(sent).toEqual([
      { type: 'result', id: 1, ok: true, value: expect.objectContaining({ version: '1.2.3' }) },
    ]);
  });

  it('rejects invalid arguments before the handler runs', async () => {
    let ran = false;
    const sent: HostMessage[] = [];
    const core = fakeCore({
      'nodes.add': async () => {
        ran = true;
        throw new Error('should not run');
      },
    });
    const session = createHostSession(core, (m) => sent.push(m));
    session.receive({ type: 'call', id: 2, op: 'nodes.add', input: { target: 'root@host; rm -rf /' } });
    session.receive({ type: 'call', id: 3, op: 'nodes.add', input: { target: 'a@b', extra: 1 } });
    await flush();
    expect(ran).toBe(false);
    expect(sent).toHaveLength(2);
    for (const message of sent) {
      expect(message).toMatchObject({ type: 'result', ok: false, error: { code: 'invalid-argument' } });
    }
    expect(JSON.stringify(sent[0])).toContain('(target)');
  });

  it('refuses an operation that is not in the contract', async () => {
    const sent: HostMessage[] = [];
    createHostSession(fakeCore(), (m) => sent.push(m)).receive({
      type: 'call',
      id: 4,
      op: 'exec',
      input: { cmd: 'id' },
    });
    await flush();
    expect(sent[0]).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('ignores malformed messages instead of crashing', async () => {
    const sent: HostMessage[] = [];
    const session = createHostSession(fakeCore(), (m) => sent.push(m));
    for (const junk of [
      null,
      42,
      'call',
      { type: 'call' },
      { type: 'nope', id: 1 },
      { type: 'call', id: -1, op: 'app.info' },
    ]) {
      session.receive(junk);
    }
    await flush();
    expect(sent).toEqual([]);
  });

  it('pauses a stream producer at the window and resumes it on acknowledgement', () => {
    const sent: HostMessage[] = [];
    let sink: StreamSink<unknown> | undefined;
    let resumed = 0;
    const session = createHostSession(
      fakeCore({}, (s) => {
        sink = s;
        s.onResume(() => (resumed += 1));
        return () => {};
      }),
      (m) => sent.push(m),
    );
    session.receive({ type: 'open', id: 7, stream: 'nodes.events', args: {} });
    for (let i = 0; i < STREAM_WINDOW; i++) sink?.push({ type: 'list', nodes: [] });
    expect(sink?.paused).toBe(true);
    session.receive({ type: 'ack', id: 7, count: STREAM_WINDOW / 2 });
    expect(sink?.paused).toBe(false);
    expect(resumed).toBe(1);
    expect(sent.filter((m) => m.type === 'event')).toHaveLength(STREAM_WINDOW);
  });

  it('stops the producer when the client closes the stream or goes away', () => {
    const stopped: number[] = [];
    let next = 0;
    const session = createHostSession(
      fakeCore({}, () => {
        const n = ++next;
        return () => stopped.push(n);
      }),
      () => {},
    );
    session.receive({ type: 'open', id: 1, stream: 'nodes.events', args: {} });
    session.receive({ type: 'open', id: 2, stream: 'nodes.events', args: {} });
    session.receive({ type: 'close', id: 1 });
    expect(stopped).toEqual([1]);
    session.dispose();
    expect(stopped).toEqual([1, 2]);
  });
});
