/**
 * The producer side of a contract stream: what a stream's provider in the core writes to. The
 * host behind it applies the protocol's credit-based backpressure (protocol.ts): `paused` is
 * true while the client has too many events unacknowledged.
 */
export interface StreamSink<E> {
  push(event: E): void;
  /** True while the client has too many events unacknowledged: the producer should pause. */
  readonly paused: boolean;
  /** Called when a paused sink can take events again. */
  onResume(listener: () => void): void;
  /** Ends the stream from the producer side. */
  end(error?: unknown): void;
}
