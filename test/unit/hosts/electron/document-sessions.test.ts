import { describe, expect, it } from 'vitest';
import type { HostSession } from '../../../../src-main/core/dispatcher';
import { createDocumentSessions } from '../../../../src-main/hosts/electron/document-sessions';

const FIRST = 'a'.repeat(32);
const RELOADED = 'b'.repeat(32);

function recorder() {
  const opened: Array<{ documentId: string; received: unknown[]; disposed: boolean }> = [];
  const sessions = createDocumentSessions((documentId): HostSession => {
    const record = { documentId, received: [] as unknown[], disposed: false };
    opened.push(record);
    return {
      receive: (message) => record.received.push(message),
      dispose: () => (record.disposed = true),
    };
  });
  return { sessions, opened };
}

describe('createDocumentSessions', () => {
  it("opens one session for a document and feeds it the document's messages", () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'call', id: 1 });
    sessions.receive(FIRST, { type: 'call', id: 2 });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.received).toEqual([
      { type: 'call', id: 1 },
      { type: 'call', id: 2 },
    ]);
  });

  it('a reload: the new document gets a fresh session, the old one is disposed, and late messages from the old page are dropped', () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'call', id: 1 });
    sessions.receive(RELOADED, { type: 'call', id: 1 });
    expect(opened.map((s) => [s.documentId, s.disposed])).toEqual([
      [FIRST, true],
      [RELOADED, false],
    ]);
    sessions.receive(FIRST, { type: 'call', id: 2 });
    expect(opened).toHaveLength(2);
    expect(opened[1]!.received).toEqual([{ type: 'call', id: 1 }]);
  });

  it('a committed navigation disposes the session of the document it left', () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'open', id: 1 });
    sessions.navigationStarted();
    sessions.navigationCommitted();
    expect(opened[0]!.disposed).toBe(true);
    expect(sessions.currentDocument).toBeNull();
    sessions.receive(FIRST, { type: 'ack', id: 1 });
    expect(opened).toHaveLength(1);
  });

  it('a navigation that never commits (blocked by will-navigate) leaves the session alone', () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'open', id: 1 });
    sessions.navigationStarted();
    sessions.receive(FIRST, { type: 'ack', id: 1 });
    expect(opened[0]!.disposed).toBe(false);
    expect(opened[0]!.received).toHaveLength(2);
  });

  it("the new document's first message may arrive before did-navigate: its session survives the event", () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'call', id: 1 });
    sessions.navigationStarted();
    sessions.receive(RELOADED, { type: 'call', id: 1 });
    sessions.navigationCommitted();
    expect(opened.map((s) => [s.documentId, s.disposed])).toEqual([
      [FIRST, true],
      [RELOADED, false],
    ]);
    expect(sessions.currentDocument).toBe(RELOADED);
  });

  it('a renderer crash disposes the session; the reloaded page starts afresh', () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'call', id: 1 });
    sessions.rendererGone();
    expect(opened[0]!.disposed).toBe(true);
    sessions.receive(RELOADED, { type: 'call', id: 1 });
    expect(opened).toHaveLength(2);
  });

  it('closing the window disposes the session and ignores whatever arrives later', () => {
    const { sessions, opened } = recorder();
    sessions.receive(FIRST, { type: 'call', id: 1 });
    sessions.dispose();
    sessions.receive(RELOADED, { type: 'call', id: 1 });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.disposed).toBe(true);
  });

  it('ignores a message without a well-formed document id', () => {
    const { sessions, opened } = recorder();
    for (const id of [undefined, 7, '', 'x'.repeat(32), 'A'.repeat(32), `${FIRST}0`, { id: FIRST }]) {
      sessions.receive(id, { type: 'call', id: 1 });
    }
    expect(opened).toHaveLength(0);
  });
});
