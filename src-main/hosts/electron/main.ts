/**
 * The Electron host: one window showing the renderer from app://kubelet-studio/, the core in
 * this main process, the contract over IPC. Security settings per docs/security.md "Electron".
 */
import path from 'node:path';
import { app, BrowserWindow, nativeTheme, session } from 'electron';
import type { CoreApi } from '../../core/handlers';
import { rendererBuildDir } from '../locate-build';
import { startCore } from '../start-core';
import { registerAppScheme, serveRendererFrom } from './app-protocol';
import { attachContract } from './contract-ipc';
import { APP_ENTRY_URL } from './ipc-channel';
import { guardPermissions, guardAllWebContents } from './window-guards';

registerAppScheme();
guardAllWebContents();

let core: CoreApi | undefined;

async function createWindow() {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Kubelet Studio',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  if (core) attachContract(core, window.webContents);
  await window.loadURL(APP_ENTRY_URL);
}

app.whenReady().then(async () => {
  guardPermissions(session.defaultSession);
  serveRendererFrom(rendererBuildDir(__dirname));
  core = await startCore({
    host: 'electron',
    moduleDir: __dirname,
    dataDir: process.env.KUBELET_STUDIO_DATA_DIR ?? app.getPath('userData'),
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.dispose();
});
