/**
 * The Electron host: one window showing the renderer from app://kubelet-studio/, the core in
 * this main process, the contract over IPC. Every decision here is a tested function in this
 * folder (or hosts/sandbox-runtime.ts); this file only wires them to Electron's events.
 * Security settings per docs/security.md "Electron".
 */
import fs from 'node:fs';
import { app, BrowserWindow, dialog, nativeTheme, session } from 'electron';
import type { CoreApi } from '../../core/handlers';
import { rendererBuildDir } from '../locate-build';
import { findNodeBinary, sandboxRuntime } from '../sandbox-runtime';
import { projectBundleDir, startCore } from '../start-core';
import { registerAppScheme, serveRendererFrom } from './app-protocol';
import { attachContract } from './contract-ipc';
import { PACKAGED_FUSES } from './fuses';
import { APP_ENTRY_URL } from './ipc-channel';
import { launchStatusReporter } from './launch-status';
import { createQuitGate } from './quit-gate';
import {
  bringToFront,
  chromiumProfileDir,
  electronDataDir,
  mainWindowOptions,
  preloadPath,
  rendererGonePrompt,
  startupErrorDialog,
} from './startup';
import { guardAllWebContents, guardPermissions } from './window-guards';

const reportLaunch = launchStatusReporter(process.env);
const dataDir = electronDataDir(process.env);
let core: CoreApi | undefined;
let mainWindow: BrowserWindow | undefined;

function realpathIfExecutable(file: string): string | undefined {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

async function startApp(): Promise<void> {
  guardPermissions(session.defaultSession);
  serveRendererFrom(rendererBuildDir(__dirname));
  core = await startCore({
    host: 'electron',
    moduleDir: __dirname,
    dataDir,
    sandboxRuntime: sandboxRuntime({
      electron: true,
      packaged: app.isPackaged,
      execPath: process.execPath,
      resourcesPath: process.resourcesPath,
      // A development run uses the stock binary from npm, whose fuses are all at their defaults.
      runAsNodeFuse: app.isPackaged ? PACKAGED_FUSES.runAsNode : true,
      projectBundleDir: projectBundleDir(__dirname),
      nodeBinary: findNodeBinary(process.env, process.execPath, realpathIfExecutable),
      exists: fs.existsSync,
    }),
  });
  openWindow(core);
}

function openWindow(running: CoreApi): void {
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: preloadPath(__dirname),
      exists: fs.existsSync,
      dark: nativeTheme.shouldUseDarkColors,
    }),
  );
  mainWindow = window;
  attachContract(running, window.webContents);
  window.once('ready-to-show', () => {
    window.show();
    reportLaunch('window-shown');
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    const prompt = rendererGonePrompt(details);
    if (!prompt || window.isDestroyed()) return;
    window.show();
    void dialog.showMessageBox(window, prompt).then(({ response }) => {
      if (window.isDestroyed()) return;
      if (response === 0) window.webContents.reload();
      else app.quit();
    });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
}

function failStartup(error: unknown): void {
  const { title, content } = startupErrorDialog(error);
  console.error(`${title}: ${content}`);
  reportLaunch('failed');
  dialog.showErrorBox(title, content);
  app.exit(1);
}

// One app per data directory: a second launch brings the first window forward and quits (docs:
// api/app.md, app.requestSingleInstanceLock and event 'second-instance').
app.setPath('userData', chromiumProfileDir(dataDir));
if (!app.requestSingleInstanceLock()) {
  reportLaunch('handed-over');
  app.quit();
} else {
  registerAppScheme();
  guardAllWebContents();
  app.on('second-instance', () => {
    if (!bringToFront(mainWindow) && core && app.isReady()) openWindow(core);
  });
  app.whenReady().then(startApp).catch(failStartup);
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow(core);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  const quitGate = createQuitGate({
    closeCore: async () => {
      await core?.dispose();
    },
    quit: () => app.quit(),
  });
  app.on('will-quit', (event) => {
    if (quitGate.shouldHoldQuit()) event.preventDefault();
  });
}
