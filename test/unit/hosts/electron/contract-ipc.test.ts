import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../src-main/core/handlers';
import { attachContract } from '../../../../src-main/hosts/electron/contract-ipc';
import { IPC_CHANNEL } from '../../../../src-main/hosts/electron/ipc-channel';
import type { FrameFacts } from '../../../../src-main/hosts/electron/trusted-sender';

// A window as Electron's main process sees it (api/web-contents.md): events on the
// WebContents, IPC on its `ipc` emitter with (event, ...args), replies through send().
class FakeWindow extends EventEmitter {
  ipc = new EventEmitter();
  mainFrame: FrameFacts = {
    url: 'app://kubelet-studio/index.html',
    parent: null,
    processId: 4,
    frameToken: '6F1E0C2B9A8D4E7F8A1B2C3D4E5F6071',
  };
  sent: unknown[][] = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  fromPage(documentId: string, message: unknown, frame: FrameFacts | null = this.mainFrame) {
    this.ipc.emit(IPC_CHANNEL, { sender: this, senderFrame: frame }, documentId, message);
  }
}

function fakeCore() {
  const stopped: number[] = [];
  let streamCount = 0;
  const core = {
    handlers: { 'app.info': async () => ({ name: 'Kubelet Studio', version: '0.1.0', host: 'electron' }) },
    streams: {
      'nodes.events': () => {
        const n = ++streamCount;
        return () => stopped.push(n);
      },
    },
    dispose: async () => {},
  } as unknown as CoreApi;
  return { core, stopped };
}

const PAGE = '0123456789abcdef0123456789abcdef';
const RELOADED = 'fedcba9876543210fedcba9876543210';
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('attachContract (the IPC wiring, with a stand-in WebContents)', () => {
  it("answers the app's main frame, tagged with its document", async () => {
    const window = new FakeWindow();
    attachContract(fakeCore().core, window as never);
    window.fromPage(PAGE, { type: 'call', id: 1, op: 'app.info', input: {} });
    await settle();
    expect(window.sent).toEqual([
      [
        IPC_CHANNEL,
        PAGE,
        {
          type: 'result',
          id: 1,
          ok: true,
          value: { name: 'Kubelet Studio', version: '0.1.0', host: 'electron' },
        },
      ],
    ]);
  });

  it('drops a message from a subframe', async () => {
    const window = new FakeWindow();
    attachContract(fakeCore().core, window as never);
    const subframe = { ...window.mainFrame, parent: window.mainFrame, frameToken: 'A'.repeat(32) };
    window.fromPage(PAGE, { type: 'call', id: 1, op: 'app.info', input: {} }, subframe);
    await settle();
    expect(window.sent).toEqual([]);
  });

  it("stops the page's streams on reload (did-navigate), on a renderer crash and on close", async () => {
    const window = new FakeWindow();
    const { core, stopped } = fakeCore();
    attachContract(core, window as never);
    window.fromPage(PAGE, { type: 'open', id: 1, stream: 'nodes.events', args: {} });
    window.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    window.emit('did-navigate', {}, 'app://kubelet-studio/index.html', -1, '');
    expect(stopped).toEqual([1]);

    window.fromPage(RELOADED, { type: 'open', id: 1, stream: 'nodes.events', args: {} });
    window.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(stopped).toEqual([1, 2]);

    const third = 'c'.repeat(32);
    window.fromPage(third, { type: 'open', id: 1, stream: 'nodes.events', args: {} });
    window.destroyed = true;
    window.emit('destroyed');
    expect(stopped).toEqual([1, 2, 3]);
  });

  it('a same-document navigation (a hash change) keeps the session', async () => {
    const window = new FakeWindow();
    const { core, stopped } = fakeCore();
    attachContract(core, window as never);
    window.fromPage(PAGE, { type: 'open', id: 1, stream: 'nodes.events', args: {} });
    window.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    window.emit('did-navigate-in-page');
    expect(stopped).toEqual([]);
  });
});
