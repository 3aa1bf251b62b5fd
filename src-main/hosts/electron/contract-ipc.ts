/**
 * Carries the contract over Electron IPC for one window: messages from its trusted main frame
 * only (trusted-sender.ts), one host session per document (document-sessions.ts), ended on
 * navigation, renderer crash and window close. Listening on `contents.ipc` scopes the channel
 * to this window (docs: api/web-contents.md, `contents.ipc`).
 */
import type { IpcMainEvent, WebContents } from 'electron';
import { createHostSession } from '../../core/dispatcher';
import type { CoreApi } from '../../core/handlers';
import { createDocumentSessions } from './document-sessions';
import { IPC_CHANNEL } from './ipc-channel';
import { isTrustedSender } from './trusted-sender';

export function attachContract(core: CoreApi, contents: WebContents): void {
  const sessions = createDocumentSessions((documentId) =>
    createHostSession(core, (reply) => {
      // Tagged with its document, so a reply still in flight when the page reloads is
      // dropped by the next document's preload instead of answering its request ids.
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, documentId, reply);
    }),
  );

  contents.ipc.on(IPC_CHANNEL, (event: IpcMainEvent, documentId: unknown, message: unknown) => {
    if (!isTrustedSender(contents, event.senderFrame)) return;
    sessions.receive(documentId, message);
  });
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) sessions.navigationStarted();
  });
  contents.on('did-navigate', () => sessions.navigationCommitted());
  contents.on('render-process-gone', () => sessions.rendererGone());
  contents.once('destroyed', () => sessions.dispose());
}
