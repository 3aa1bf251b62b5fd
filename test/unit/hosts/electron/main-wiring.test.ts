import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/serve-process';
import { processesRunning } from './processes';
import {
  createStandInElectron,
  installModuleStandIns,
  type FakeWebContents,
  type ModuleStandIns,
} from './stand-in-electron';

// The built main bundle, run in Node against a stand-in 'electron' (stand-in-electron.ts): the
// wiring of every tested decision to Electron's events, end to end through the real core.
// (Vitest's global setup builds out/main and out/preload before the tests.)
const MAIN_BUNDLE = path.join(repoRoot, 'out/main/electron-main.cjs');
const CHANNEL = 'kubelet-studio:contract';
const DOCUMENT = '0123456789abcdef0123456789abcdef';

let tmp: string;
let modules: ModuleStandIns;
const savedEnv = { ...process.env };
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-electron-main-'));
  modules = installModuleStandIns();
});
afterAll(() => {
  modules.uninstall();
  process.env = savedEnv;
  fs.rmSync(tmp, { recursive: true, force: true });
});

function launch(name: string, singleInstanceLock = true, dataDir = path.join(tmp, `${name}-data`)) {
  const statusFile = path.join(tmp, `${name}.status`);
  process.env.KUBELET_STUDIO_DATA_DIR = dataDir;
  process.env.KUBELET_STUDIO_LAUNCH_STATUS = statusFile;
  const standIn = createStandInElectron({ singleInstanceLock });
  modules.electron = standIn.electron;
  modules.requested.length = 0;
  modules.load(MAIN_BUNDLE);
  const status = () => (fs.existsSync(statusFile) ? fs.readFileSync(statusFile, 'utf8') : '');
  return { ...standIn, status };
}

/** Sends one call from the page's main frame and waits for its reply. */
function call(contents: FakeWebContents, id: number, op: string, input: unknown = {}): Promise<unknown> {
  return new Promise((resolve) => {
    const onSent = () => {
      const reply = contents.sent.find(
        ([channel, documentId, message]) =>
          channel === CHANNEL && documentId === DOCUMENT && (message as { id?: number }).id === id,
      );
      if (!reply) return;
      contents.off('sent', onSent);
      resolve(reply[2]);
    };
    contents.on('sent', onSent);
    contents.ipc.emit(CHANNEL, { sender: contents, senderFrame: contents.mainFrame }, DOCUMENT, {
      type: 'call',
      id,
      op,
      input,
    });
  });
}

/** Opens a stream from the page and waits for its end. */
function streamEnd(contents: FakeWebContents, id: number, stream: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onSent = () => {
      const end = contents.sent.find(
        ([, documentId, message]) =>
          documentId === DOCUMENT &&
          (message as { id?: number; type?: string }).id === id &&
          (message as { type?: string }).type === 'end',
      );
      if (!end) return;
      contents.off('sent', onSent);
      resolve(end[2]);
    };
    contents.on('sent', onSent);
    contents.ipc.emit(CHANNEL, { sender: contents, senderFrame: contents.mainFrame }, DOCUMENT, {
      type: 'open',
      id,
      stream,
      args,
    });
  });
}

describe('the Electron main bundle with a stand-in electron', () => {
  it('a second launch hands over to the first and quits, touching nothing else', () => {
    const second = launch('second', false);
    // The lock is taken in Chromium's profile inside the data directory.
    expect(second.app.getPath('userData')).toBe(path.join(tmp, 'second-data', 'electron'));
    expect(second.calls.quit).toBe(1);
    expect(second.calls.schemes).toEqual([]);
    expect(second.status()).toBe('handed-over');
  });

  it('opens the window on app://, answers the page over IPC with the real core, and quits only after the core closed', async () => {
    const first = launch('first');
    expect(first.calls.schemes).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
    const opened = first.nextWindow();
    first.becomeReady();
    const window = await opened;

    expect(window.loadedUrl).toBe('app://kubelet-studio/index.html');
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.preload).toBe(path.join(repoRoot, 'out/preload/preload.cjs'));
    expect(first.calls.permissionHandlers).toBe(2);

    // The app:// handler serves the built renderer with its CSP.
    const page = await first.calls.protocolHandlers.get('app')!(new Request('app://kubelet-studio/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);

    // The bridge is alive: the page's main frame gets answers from the core.
    const contents = window.webContents;
    expect(await call(contents, 1, 'app.info')).toMatchObject({ ok: true, value: { host: 'electron' } });
    const list = (await call(contents, 2, 'nodes.list')) as { value: Array<{ id: string }> };
    expect(list.value.map((n) => n.id)).toContain('sandbox');

    // Shown once ready, and npm start is told so.
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
    expect(first.status()).toBe('window-shown');

    // A second launch brings this window forward.
    window.minimized = true;
    first.app.emit('second-instance', {}, [], process.cwd(), {});
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(1);

    // Quit waits for the core: held once, then let through after the core closed.
    let held = 0;
    const quitAgain = new Promise<void>((resolve) => first.events.once('quit', resolve));
    first.app.emit('will-quit', { preventDefault: () => (held += 1) });
    expect(held).toBe(1);
    await quitAgain;
    first.app.emit('will-quit', { preventDefault: () => (held += 1) });
    expect(held).toBe(1);
  });

  it('node-pty is loaded only when a terminal opens, and a broken build stops only the terminal', async () => {
    modules.broken.set('node-pty', new Error('node-pty/build/Release/pty.node: invalid ELF header'));
    try {
      const app = launch('no-pty');
      const opened = app.nextWindow();
      app.becomeReady();
      const contents = (await opened).webContents;
      expect(await call(contents, 1, 'app.info')).toMatchObject({ ok: true });
      expect(modules.requested).not.toContain('node-pty');

      expect(await call(contents, 2, 'nodes.connect', { id: 'sandbox' })).toMatchObject({
        ok: true,
        value: { state: 'connected' },
      });
      const end = await streamEnd(contents, 3, 'terminal.open', { id: 'sandbox', cols: 80, rows: 24 });
      expect(modules.requested).toContain('node-pty');
      expect(end).toMatchObject({
        error: { message: expect.stringMatching(/needs node-pty, which did not load: .*invalid ELF header/) },
      });
      // Everything else still works, and quitting stops the sandbox kubelet.
      expect(await call(contents, 4, 'manifests.list', { id: 'sandbox' })).toMatchObject({ ok: true });
      const sandboxRoot = path.join(tmp, 'no-pty-data', 'sandbox-node');
      expect(processesRunning(sandboxRoot).length).toBeGreaterThan(0);
      const quit = new Promise<void>((resolve) => app.events.once('quit', resolve));
      app.app.emit('will-quit', { preventDefault: () => {} });
      await quit;
      expect(processesRunning(sandboxRoot)).toEqual([]);
    } finally {
      modules.broken.clear();
    }
  });

  it('a start-up failure is shown in a dialog and exits non-zero', async () => {
    // A data directory that cannot be created: a file stands where its parent should be.
    fs.writeFileSync(path.join(tmp, 'not-a-dir'), '');
    const broken = launch('broken', true, path.join(tmp, 'not-a-dir', 'data'));
    const exited = new Promise<number>((resolve) => broken.events.once('exit', resolve));
    broken.becomeReady();
    expect(await exited).toBe(1);
    expect(broken.calls.errorBoxes).toHaveLength(1);
    expect(broken.calls.errorBoxes[0]![0]).toBe('Kubelet Studio could not start');
    expect(broken.status()).toBe('failed');
  });
});
