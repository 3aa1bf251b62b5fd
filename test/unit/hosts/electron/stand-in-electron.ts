/**
 * A stand-in for the 'electron' module, enough to run the built main bundle
 * (out/main/electron-main.cjs) in Node: it records what the app asks of Electron and lets a
 * test play the part of Electron's events (ready, IPC from the page, a second launch, quit).
 * It stands in for Electron's API surface only; what Electron itself does with those calls is
 * for the Electron e2e suite (test/e2e/electron.spec.ts).
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';

export interface FakeFrame {
  url: string;
  parent: null;
  processId: number;
  frameToken: string;
}

export class FakeWebContents extends EventEmitter {
  ipc = new EventEmitter();
  mainFrame: FakeFrame = {
    url: '',
    parent: null,
    processId: 7,
    frameToken: '5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F',
  };
  sent: unknown[][] = [];
  destroyed = false;
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
    this.emit('sent');
  }
  isDestroyed() {
    return this.destroyed;
  }
  reload() {
    this.reloads += 1;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}

export function createStandInElectron(options: { singleInstanceLock: boolean }) {
  const calls = {
    quit: 0,
    exit: [] as number[],
    errorBoxes: [] as Array<[string, string]>,
    messageBoxes: [] as unknown[][],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    permissionHandlers: 0,
  };
  const windows: FakeWindow[] = [];
  const events = new EventEmitter();
  let markReady: () => void = () => {};
  let ready = false;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => options.singleInstanceLock,
    whenReady: () => readyPromise,
    isReady: () => ready,
    quit() {
      calls.quit += 1;
      events.emit('quit');
    },
    exit(code: number) {
      calls.exit.push(code);
      events.emit('exit', code);
    },
    paths: new Map<string, string>(),
    getPath(name: string) {
      return this.paths.get(name) ?? `/stand-in/electron/${name}`;
    },
    setPath(name: string, value: string) {
      this.paths.set(name, value);
    },
  });

  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    shown = 0;
    focused = 0;
    minimized = false;
    loadedUrl = '';
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
      events.emit('window', this);
    }
    static getAllWindows = () => windows.filter((w) => !w.webContents.destroyed);
    static fromWebContents = (contents: FakeWebContents) =>
      windows.find((w) => w.webContents === contents) ?? null;
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    show() {
      this.shown += 1;
    }
    focus() {
      this.focused += 1;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    isDestroyed() {
      return this.webContents.destroyed;
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push([title, content]),
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(args);
        return { response: 1 };
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        calls.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => (calls.permissionHandlers += 1),
        setPermissionCheckHandler: () => (calls.permissionHandlers += 1),
      },
    },
    shell: { openExternal: async () => {} },
  };

  return {
    electron,
    app,
    calls,
    windows,
    events,
    /** Electron's 'ready'. */
    becomeReady() {
      ready = true;
      markReady();
    },
    nextWindow: () => new Promise<FakeWindow>((resolve) => events.once('window', resolve)),
  };
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

export interface ModuleStandIns {
  /** What require('electron') returns from now on. */
  electron: unknown;
  /** Modules whose loading fails, with the error (a native module whose build failed). */
  broken: Map<string, Error>;
  /** Every module name required while installed, in order. */
  requested: string[];
  /** Requires a CommonJS file afresh. */
  load(file: string): void;
  uninstall(): void;
}

/** Resolves 'electron' to a stand-in (and can break other modules) until uninstalled. */
export function installModuleStandIns(): ModuleStandIns {
  const moduleInternals = Module as unknown as { _load: Loader; _cache: Record<string, unknown> };
  const original = moduleInternals._load;
  const standIns: ModuleStandIns = {
    electron: undefined,
    broken: new Map(),
    requested: [],
    load(file) {
      delete moduleInternals._cache[file];
      Module.createRequire(file)(file);
    },
    uninstall() {
      moduleInternals._load = original;
    },
  };
  moduleInternals._load = function (this: unknown, request, parent, isMain) {
    standIns.requested.push(request);
    if (request === 'electron') return standIns.electron;
    const broken = standIns.broken.get(request);
    if (broken) throw broken;
    return original.call(this, request, parent, isMain);
  };
  return standIns;
}
