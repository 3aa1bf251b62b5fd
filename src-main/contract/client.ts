/**
 * The contract client, used by the renderer (over IPC or WebSocket) and by the CLI (in
 * process). Fully generic: it knows operation and stream names only through the contract's
 * types, so it never needs editing when an operation is added.
 */
import { ContractError } from './errors';
import type {
  OperationInput,
  OperationName,
  OperationOutput,
  StreamArgs,
  StreamEvent,
  StreamName,
} from './operations';
import { STREAM_WINDOW, type ClientChannel, type HostMessage } from './protocol';

export interface StreamHandlers<E> {
  onEvent(event: E): void;
  /** Called once, when the stream ends from the host side (error set if it failed). */
  onEnd?(error?: ContractError): void;
}

export interface StreamHandle {
  close(): void;
}

export interface ContractClient {
  call<N extends OperationName>(op: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  open<N extends StreamName>(
    stream: N,
    args: StreamArgs<N>,
    handlers: StreamHandlers<StreamEvent<N>>,
  ): StreamHandle;
  /** Settles every pending call with an error and ends every stream (host went away). */
  dispose(reason: string): void;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: ContractError): void;
}

interface OpenStream {
  handlers: StreamHandlers<unknown>;
  unacknowledged: number;
}

export function createContractClient(channel: ClientChannel): ContractClient {
  let nextId = 1;
  const calls = new Map<number, PendingCall>();
  const openStreams = new Map<number, OpenStream>();

  const unsubscribe = channel.onMessage((message: HostMessage) => {
    if (message.type === 'result') {
      const call = calls.get(message.id);
      if (!call) return;
      calls.delete(message.id);
      if (message.ok) call.resolve(message.value);
      else call.reject(new ContractError(message.error));
      return;
    }
    const stream = openStreams.get(message.id);
    if (!stream) return;
    if (message.type === 'event') {
      stream.handlers.onEvent(message.data);
      // Acknowledge in batches of half a window: few messages, and the host never stalls.
      stream.unacknowledged += 1;
      if (stream.unacknowledged >= STREAM_WINDOW / 2) {
        channel.send({ type: 'ack', id: message.id, count: stream.unacknowledged });
        stream.unacknowledged = 0;
      }
    } else {
      openStreams.delete(message.id);
      stream.handlers.onEnd?.(message.error ? new ContractError(message.error) : undefined);
    }
  });

  return {
    call(op, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
        channel.send({ type: 'call', id, op, input });
      });
    },
    open(stream, args, handlers) {
      const id = nextId++;
      openStreams.set(id, { handlers: handlers as StreamHandlers<unknown>, unacknowledged: 0 });
      channel.send({ type: 'open', id, stream, args });
      return {
        close() {
          if (!openStreams.delete(id)) return;
          channel.send({ type: 'close', id });
        },
      };
    },
    dispose(reason) {
      unsubscribe();
      const error = new ContractError({ code: 'connection-lost', message: reason });
      for (const call of calls.values()) call.reject(error);
      calls.clear();
      for (const stream of openStreams.values()) stream.handlers.onEnd?.(error);
      openStreams.clear();
    },
  };
}
