/**
 * Handlers of the terminal pane (contract/ops/terminal.ts): a shell on the node's PTY per
 * stream, typed into and resized by session id. A shell ends when its stream closes, when it
 * exits, or when its node disconnects (docs/security.md "SSH": no orphans).
 */
import type { terminalOperations, terminalStreams } from '../../contract/ops/terminal';
import type { InteractiveShell } from '../../ssh/transport';
import { TerminalSessions } from '../../terminal/terminal-sessions';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

/** One set of sessions per core; both handler factories below share it. */
const sessionsByContext = new WeakMap<CoreContext, TerminalSessions>();

function sessionsOf(context: CoreContext): TerminalSessions {
  let sessions = sessionsByContext.get(context);
  if (!sessions) {
    const created = new TerminalSessions();
    context.registry.subscribe((event) => {
      if (event.type === 'state' && event.state !== 'connected') created.closeNode(event.id);
    });
    sessionsByContext.set(context, created);
    sessions = created;
  }
  return sessions;
}

export function terminalHandlers(context: CoreContext): HandlersOf<typeof terminalOperations> {
  const sessions = sessionsOf(context);
  return {
    'terminal.input': async ({ sessionId, data }) => {
      sessions.get(sessionId).write(data);
      return { ok: true };
    },
    'terminal.resize': async ({ sessionId, cols, rows }) => {
      sessions.get(sessionId).resize({ cols, rows });
      return { ok: true };
    },
    'terminal.ack': async ({ sessionId, chars }) => {
      sessions.get(sessionId).acknowledge(chars);
      return { ok: true };
    },
  };
}

export function terminalStreamProviders(context: CoreContext): StreamProvidersOf<typeof terminalStreams> {
  const sessions = sessionsOf(context);
  return {
    'terminal.open': ({ id, cols, rows, ackOutput }, sink) => {
      let stopped = false;
      let close: () => void = () => {};
      const opening = async (): Promise<void> => {
        const session = context.session(id);
        const title = context.registry.get(id).name;
        const shell: InteractiveShell = await session.openShell({ cols, rows });
        if (stopped) {
          shell.close(); // the client closed the tab while the shell was being opened
          return;
        }
        const terminal = sessions.start(shell, sink, { nodeId: id, title, ackOutput: ackOutput === true });
        close = () => terminal.close();
      };
      opening().catch((error: unknown) => sink.end(error));
      return () => {
        stopped = true;
        close();
      };
    },
  };
}
