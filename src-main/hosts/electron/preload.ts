/**
 * The preload: exposes the contract's message channel and nothing else (docs/security.md
 * "Electron"). Runs sandboxed and context-isolated; main validates every message it receives,
 * so this stays a pipe without its own list of channels or operations.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL } from './ipc-channel';

contextBridge.exposeInMainWorld('kubeletStudio', {
  send(message: unknown): void {
    ipcRenderer.send(IPC_CHANNEL, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNEL, handler);
  },
});
