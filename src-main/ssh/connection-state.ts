// The connection's observable state machine. The UI shows it; the node session waits on it.
export type ConnectionState =
  | { kind: 'idle' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { kind: 'failed'; reason: string; error: Error }
  | { kind: 'closed' };

export type StateListener = (state: ConnectionState) => void;

/** Which transitions are legal: anything else is a bug in connection.ts and throws. */
const NEXT: Record<ConnectionState['kind'], ReadonlyArray<ConnectionState['kind']>> = {
  idle: ['connecting', 'closed'],
  connecting: ['connected', 'reconnecting', 'failed', 'closed'],
  connected: ['reconnecting', 'failed', 'closed'],
  reconnecting: ['connecting', 'failed', 'closed'],
  failed: ['connecting', 'closed'],
  closed: [],
};

export class ConnectionStateMachine {
  private current: ConnectionState = { kind: 'idle' };
  private readonly listeners = new Set<StateListener>();

  get state(): ConnectionState {
    return this.current;
  }

  set(next: ConnectionState): void {
    if (!NEXT[this.current.kind].includes(next.kind)) {
      throw new Error(`illegal connection state change ${this.current.kind} → ${next.kind}`);
    }
    this.current = next;
    for (const l of [...this.listeners]) {
      try {
        l(next);
      } catch {
        // a listener's bug must not break the connection
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. The current state is delivered at once. */
  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }
}
