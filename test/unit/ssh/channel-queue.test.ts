import { describe, expect, it } from 'vitest';
import { ChannelQueue } from '../../../src-main/ssh/channel-queue.js';
import { ConnectionStateMachine, type ConnectionState } from '../../../src-main/ssh/connection-state.js';
import { ConnectionLostError, SshTimeoutError } from '../../../src-main/ssh/errors.js';

describe('ChannelQueue', () => {
  it('never grants more than the limit; a release passes the slot to the next waiter in order', async () => {
    const q = new ChannelQueue(2);
    const a = await q.acquire();
    await q.acquire();
    const order: number[] = [];
    const c = q.acquire().then((r) => (order.push(3), r));
    const d = q.acquire().then((r) => (order.push(4), r));
    expect([q.inUse, q.waiting]).toEqual([2, 2]);
    a();
    a(); // idempotent
    const rc = await c;
    expect(order).toEqual([3]);
    expect([q.inUse, q.waiting]).toEqual([2, 1]);
    rc();
    (await d)();
    expect(order).toEqual([3, 4]);
  });

  it('times out a waiter and rejects all waiters when the connection dies', async () => {
    const q = new ChannelQueue(1);
    await q.acquire();
    await expect(q.acquire(20)).rejects.toBeInstanceOf(SshTimeoutError);
    const w = q.acquire();
    q.rejectAll('gone');
    await expect(w).rejects.toBeInstanceOf(ConnectionLostError);
    expect(q.waiting).toBe(0);
  });
});

describe('ConnectionStateMachine', () => {
  it('delivers the current state on subscribe and every change after; refuses illegal moves', () => {
    const m = new ConnectionStateMachine();
    const seen: ConnectionState['kind'][] = [];
    const off = m.subscribe((s) => seen.push(s.kind));
    m.set({ kind: 'connecting', attempt: 1 });
    m.set({ kind: 'connected' });
    m.set({ kind: 'reconnecting', attempt: 1, delayMs: 10, reason: 'x' });
    off();
    m.set({ kind: 'connecting', attempt: 2 });
    expect(seen).toEqual(['idle', 'connecting', 'connected', 'reconnecting']);
    m.set({ kind: 'closed' });
    expect(() => m.set({ kind: 'connected' })).toThrow(/illegal/);
  });
});
