import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The wiring of window-guards.ts against a stand-in 'electron' (the real one cannot run here):
// which Electron calls it makes for each event.
const calls = vi.hoisted(() => ({
  dialogs: [] as unknown[][],
  opened: [] as string[],
  answer: 0,
  app: null as unknown as import('node:events').EventEmitter,
  parent: { id: 'the window' },
}));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  calls.app = new Emitter();
  return {
    app: calls.app,
    BrowserWindow: { fromWebContents: () => calls.parent },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        calls.dialogs.push(args);
        return { response: calls.answer };
      },
    },
    shell: { openExternal: async (url: string) => void calls.opened.push(url) },
  };
});
const { guardAllWebContents, guardPermissions } =
  await import('../../../../src-main/hosts/electron/window-guards');

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  isDestroyed() {
    return false;
  }
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

guardAllWebContents();
function newContents() {
  const contents = new FakeContents();
  calls.app.emit('web-contents-created', {}, contents);
  return contents;
}
function navigate(contents: FakeContents, event: string, url: string) {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true), url }, url);
  return prevented;
}

beforeEach(() => {
  calls.dialogs.length = 0;
  calls.opened.length = 0;
  calls.answer = 0;
});

describe('window guards (wiring)', () => {
  it('a clicked web link is refused in the window and offered, in a dialog attached to the window', async () => {
    const contents = newContents();
    expect(navigate(contents, 'will-navigate', 'https://kubernetes.io/docs/')).toBe(true);
    await settle();
    expect(calls.dialogs).toHaveLength(1);
    expect(calls.dialogs[0]![0]).toBe(calls.parent);
    expect(calls.opened).toEqual(['https://kubernetes.io/docs/']);
  });

  it('window.open of a web link opens nothing in the app and asks first; Cancel opens nothing', async () => {
    const contents = newContents();
    calls.answer = 1;
    expect(contents.openHandler?.({ url: 'https://kubernetes.io/' })).toEqual({ action: 'deny' });
    await settle();
    expect(calls.dialogs).toHaveLength(1);
    expect(calls.opened).toEqual([]);
  });

  it('the app page navigates freely; file: and webviews are refused without a question', async () => {
    const contents = newContents();
    expect(navigate(contents, 'will-navigate', 'app://kubelet-studio/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://kubernetes.io/')).toBe(true);
    expect(navigate(contents, 'will-attach-webview', 'https://kubernetes.io/')).toBe(true);
    await settle();
    expect(calls.dialogs).toEqual([]);
  });

  it('installs both permission handlers, which agree', () => {
    let request: ((...args: unknown[]) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    guardPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    const answers: boolean[] = [];
    const details = { requestingUrl: 'app://kubelet-studio/index.html', isMainFrame: true };
    request?.({}, 'clipboard-read', (granted: boolean) => answers.push(granted), details);
    request?.({}, 'clipboard-read', (granted: boolean) => answers.push(granted), {
      ...details,
      isMainFrame: false,
    });
    expect(answers).toEqual([true, false]);
    expect(check?.({}, 'clipboard-sanitized-write', 'app://kubelet-studio', { isMainFrame: true })).toBe(
      true,
    );
    expect(check?.({}, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(
      false,
    );
  });
});
