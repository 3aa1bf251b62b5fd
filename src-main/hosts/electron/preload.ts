/**
 * The preload: exposes the contract's message channel and nothing else (docs/security.md
 * "Electron"). Runs sandboxed and context-isolated, so it may require only 'electron'
 * (checked over the build output in test/unit/packaging). Main validates every message it
 * receives, so this stays a pipe without its own list of channels or operations; it only tags
 * messages with this document's id, drawn once per page load, so main can tell a reloaded page
 * from the one before (document-sessions.ts), and drops replies meant for another document.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL } from './ipc-channel';

const documentId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
  byte.toString(16).padStart(2, '0'),
).join('');

contextBridge.exposeInMainWorld('kubeletStudio', {
  send(message: unknown): void {
    ipcRenderer.send(IPC_CHANNEL, documentId, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, forDocument: unknown, message: unknown) => {
      if (forDocument === documentId) listener(message);
    };
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNEL, handler);
  },
});
