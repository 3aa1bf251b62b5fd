/**
 * Carries the contract over Electron IPC: one host session per window, and every message
 * checked to come from the app's own main frame (docs/security.md "Electron": every IPC handler
 * checks the sender frame's origin).
 */
import { ipcMain, type IpcMainEvent, type WebContents, type WebFrameMain } from 'electron';
import { createHostSession, type HostSession } from '../../core/dispatcher';
import type { CoreApi } from '../../core/handlers';
import { APP_ORIGIN, IPC_CHANNEL } from './ipc-channel';

export function isTrustedSender(contents: WebContents, frame: WebFrameMain | null): boolean {
  if (!frame || frame !== contents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function serveContractOverIpc(core: CoreApi): void {
  const sessions = new Map<number, HostSession>();

  ipcMain.on(IPC_CHANNEL, (event: IpcMainEvent, message: unknown) => {
    const contents = event.sender;
    if (!isTrustedSender(contents, event.senderFrame)) return;
    let session = sessions.get(contents.id);
    if (!session) {
      const created = createHostSession(core, (reply) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, reply);
      });
      sessions.set(contents.id, created);
      contents.once('destroyed', () => {
        created.dispose();
        sessions.delete(contents.id);
      });
      session = created;
    }
    session.receive(message);
  });
}
