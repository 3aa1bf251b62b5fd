/**
 * One contract session per document of a window. A reload, a navigation or a renderer crash
 * ends the document, and with it its session: its streams stop, and the next document starts
 * with fresh request ids, which would otherwise collide with the old ones.
 *
 * The preload tags every message with an id it draws once per document (preload.ts). Only the
 * window's main frame is trusted (trusted-sender.ts), and a main frame shows one document at a
 * time, so a new id means the old document is gone. Electron's navigation events then only make
 * the clean-up prompt: `did-start-navigation` fires before a navigation may still be cancelled
 * (`will-navigate` is emitted later, by Electron's navigation throttle), so the session ends
 * when the navigation commits (`did-navigate`), not when it starts
 * (docs: api/web-contents.md, events 'did-start-navigation', 'will-navigate', 'did-navigate',
 * 'render-process-gone').
 */
import type { HostSession } from '../../core/dispatcher';

export interface DocumentSessions {
  /** A message from the window's trusted main frame; `documentId` comes from its preload. */
  receive(documentId: unknown, message: unknown): void;
  /** 'did-start-navigation' of the main frame to another document. */
  navigationStarted(): void;
  /** 'did-navigate': the main frame now shows another document. */
  navigationCommitted(): void;
  /** 'render-process-gone': the document died with its renderer. */
  rendererGone(): void;
  /** The window closed: end the session and drop whatever arrives later. */
  dispose(): void;
  /** The document whose session is open, if any (for tests and diagnostics). */
  readonly currentDocument: string | null;
}

/** A document id is the preload's 32 hex digits; anything else is not ours. */
const DOCUMENT_ID = /^[0-9a-f]{32}$/;
/** Ended documents remembered, so a late message cannot reopen one; a window reloads rarely. */
const RETIRED_LIMIT = 256;

export function createDocumentSessions(openSession: (documentId: string) => HostSession): DocumentSessions {
  let current: { documentId: string; session: HostSession } | null = null;
  let leavingDocument: string | null = null;
  let closed = false;
  const retired = new Set<string>();

  const retire = (documentId: string) => {
    retired.add(documentId);
    if (retired.size > RETIRED_LIMIT) retired.delete(retired.values().next().value as string);
    if (current?.documentId === documentId) {
      current.session.dispose();
      current = null;
    }
  };

  return {
    receive(documentId, message) {
      if (closed || typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId)) return;
      if (retired.has(documentId)) return;
      if (current && current.documentId !== documentId) retire(current.documentId);
      if (!current) current = { documentId, session: openSession(documentId) };
      current.session.receive(message);
    },
    navigationStarted() {
      leavingDocument = current?.documentId ?? null;
    },
    navigationCommitted() {
      if (leavingDocument) retire(leavingDocument);
      leavingDocument = null;
    },
    rendererGone() {
      if (current) retire(current.documentId);
      leavingDocument = null;
    },
    dispose() {
      if (current) retire(current.documentId);
      closed = true;
    },
    get currentDocument() {
      return current?.documentId ?? null;
    },
  };
}
