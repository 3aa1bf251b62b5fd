/**
 * The open terminal sessions of one core, by session id. Ids are random and unguessable: the
 * operations that type into a shell name a session the caller was given by its own stream.
 */
import { randomUUID } from 'node:crypto';
import { ContractError } from '../contract';
import type { TerminalEvent } from '../contract/ops/terminal';
import type { StreamSink } from '../contract/stream-sink';
import type { InteractiveShell } from '../ssh/transport';
import { TerminalSession } from './terminal-session';

export class TerminalSessions {
  private readonly sessions = new Map<string, TerminalSession>();

  get size(): number {
    return this.sessions.size;
  }

  start(
    shell: InteractiveShell,
    sink: StreamSink<TerminalEvent>,
    options: { nodeId: string; title: string; ackOutput: boolean },
  ): TerminalSession {
    const sessionId = randomUUID();
    const session = new TerminalSession(shell, sink, {
      sessionId,
      nodeId: options.nodeId,
      title: options.title,
      ackOutput: options.ackOutput,
      onDone: () => this.sessions.delete(sessionId),
    });
    // The shell may have exited already (onExit fires at once): register only a live one.
    if (!session.ended) this.sessions.set(sessionId, session);
    return session;
  }

  get(sessionId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    if (!session) {
      throw new ContractError({
        code: 'not-found',
        message: 'This terminal session has ended.',
        hint: 'Open a new terminal tab.',
      });
    }
    return session;
  }

  /** The node's connection went away: its shells end with it. */
  closeNode(nodeId: string): void {
    for (const session of [...this.sessions.values()]) if (session.nodeId === nodeId) session.close();
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) session.close();
    this.sessions.clear();
  }
}
