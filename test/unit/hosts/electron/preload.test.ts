import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// The preload against a stand-in 'electron': what it exposes and what it puts on the wire.
const exposed: Record<string, unknown> = {};
const wire = new EventEmitter();
const sent: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api),
  },
  ipcRenderer: {
    send: (...args: unknown[]) => sent.push(args),
    on: (channel: string, handler: (...args: unknown[]) => void) => wire.on(channel, handler),
    removeListener: (channel: string, handler: (...args: unknown[]) => void) =>
      wire.removeListener(channel, handler),
  },
}));
await import('../../../../src-main/hosts/electron/preload');
const { IPC_CHANNEL } = await import('../../../../src-main/hosts/electron/ipc-channel');

interface Bridge {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}
const bridge = exposed.kubeletStudio as Bridge;

describe('preload', () => {
  it('exposes send and onMessage only', () => {
    expect(Object.keys(exposed)).toEqual(['kubeletStudio']);
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
  });

  it("tags each message with this document's id, the same on every message", () => {
    bridge.send({ type: 'call', id: 1 });
    bridge.send({ type: 'call', id: 2 });
    const [first, second] = sent;
    expect(first![0]).toBe(IPC_CHANNEL);
    expect(first![1]).toMatch(/^[0-9a-f]{32}$/);
    expect(second![1]).toBe(first![1]);
    expect(first![2]).toEqual({ type: 'call', id: 1 });
  });

  it('passes on replies for this document and drops replies for another one', () => {
    const documentId = sent[0]![1];
    const received: unknown[] = [];
    const stop = bridge.onMessage((message) => received.push(message));
    wire.emit(IPC_CHANNEL, {}, documentId, { type: 'result', id: 1 });
    wire.emit(IPC_CHANNEL, {}, 'f'.repeat(32), { type: 'result', id: 1 });
    stop();
    wire.emit(IPC_CHANNEL, {}, documentId, { type: 'result', id: 2 });
    expect(received).toEqual([{ type: 'result', id: 1 }]);
  });
});
