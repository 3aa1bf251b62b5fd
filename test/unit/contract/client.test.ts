import { describe, expect, it } from 'vitest';
import {
  ContractError,
  STREAM_WINDOW,
  createContractClient,
  type ClientMessage,
  type HostMessage,
} from '../../../src-main/contract';

function loopback() {
  const sent: ClientMessage[] = [];
  let deliver: (m: HostMessage) => void = () => {};
  const client = createContractClient({
    send: (m) => sent.push(m),
    onMessage: (listener) => {
      deliver = listener;
      return () => {};
    },
  });
  return { client, sent, deliver: (m: HostMessage) => deliver(m) };
}

describe('contract client', () => {
  it('resolves calls by id and turns error bodies into ContractErrors', async () => {
    const { client, sent, deliver } = loopback();
    const ok = client.call('nodes.list', {});
    const bad = client.call('nodes.connect', { id: 'x' });
    const [first, second] = sent;
    deliver({
      type: 'result',
      id: second!.id,
      ok: false,
      error: { code: 'not-found', message: 'no node x', hint: 'add it' },
    });
    deliver({ type: 'result', id: first!.id, ok: true, value: [] });
    await expect(ok).resolves.toEqual([]);
    await expect(bad).rejects.toMatchObject({ code: 'not-found', message: 'no node x', hint: 'add it' });
  });

  it('acknowledges stream events in batches so the host never stalls', () => {
    const { client, sent, deliver } = loopback();
    const events: unknown[] = [];
    client.open('nodes.events', {}, { onEvent: (e) => events.push(e) });
    const id = sent[0]!.id;
    for (let i = 0; i < STREAM_WINDOW; i++) deliver({ type: 'event', id, data: { type: 'list', nodes: [] } });
    expect(events).toHaveLength(STREAM_WINDOW);
    const acks = sent.filter((m) => m.type === 'ack');
    expect(acks.reduce((sum, m) => sum + (m.type === 'ack' ? m.count : 0), 0)).toBe(STREAM_WINDOW);
  });

  it('settles every pending call and ends streams when disposed', async () => {
    const { client } = loopback();
    const pending = client.call('app.info', {});
    let ended: ContractError | undefined;
    client.open('nodes.events', {}, { onEvent: () => {}, onEnd: (e) => (ended = e) });
    client.dispose('host went away');
    await expect(pending).rejects.toMatchObject({ code: 'connection-lost' });
    expect(ended?.code).toBe('connection-lost');
  });
});
