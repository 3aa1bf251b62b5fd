/**
 * The host side of the wire protocol, shared by every host: validates each message and its
 * arguments against the contract before anything runs, calls the handler, runs streams with
 * credit-based backpressure, and stops every producer when the client goes away.
 */
import {
  ClientMessage,
  ContractError,
  STREAM_WINDOW,
  isOperationName,
  isStreamName,
  operations,
  streams,
  type HostMessage,
  type StreamName,
} from '../contract';
import type { StreamSink } from '../contract/stream-sink';
import type { CoreApi, StreamProvider } from './handlers';

export interface HostSession {
  /** Feed one raw message from the client (anything: it is validated here). */
  receive(raw: unknown): void;
  /** The client went away: stop every stream it had open. */
  dispose(): void;
}

interface RunningStream {
  stop(): void;
  acknowledge(count: number): void;
}

export function createHostSession(core: CoreApi, send: (message: HostMessage) => void): HostSession {
  const running = new Map<number, RunningStream>();
  let disposed = false;
  const post = (message: HostMessage) => {
    if (!disposed) send(message);
  };

  async function call(id: number, op: string, input: unknown) {
    try {
      if (!isOperationName(op)) {
        throw new ContractError({ code: 'unknown-operation', message: `There is no operation "${op}".` });
      }
      const parsed = operations[op].input.safeParse(input ?? {});
      if (!parsed.success) throw invalidArgument(op, parsed.error.issues);
      const handler = core.handlers[op] as (value: unknown) => Promise<unknown>;
      post({ type: 'result', id, ok: true, value: await handler(parsed.data) });
    } catch (error) {
      post({ type: 'result', id, ok: false, error: ContractError.from(error).toBody() });
    }
  }

  function open(id: number, name: string, args: unknown) {
    if (running.has(id)) return;
    if (!isStreamName(name)) {
      const error = new ContractError({
        code: 'unknown-operation',
        message: `There is no stream "${name}".`,
      });
      post({ type: 'end', id, error: error.toBody() });
      return;
    }
    const parsed = streams[name].args.safeParse(args ?? {});
    if (!parsed.success) {
      post({ type: 'end', id, error: invalidArgument(name, parsed.error.issues).toBody() });
      return;
    }
    running.set(id, startStream(id, name, parsed.data));
  }

  function startStream(id: number, name: StreamName, args: unknown): RunningStream {
    let inFlight = 0;
    let ended = false;
    const resumeListeners: Array<() => void> = [];
    const sink: StreamSink<unknown> = {
      push(event) {
        if (ended) return;
        inFlight += 1;
        post({ type: 'event', id, data: event });
      },
      get paused() {
        return inFlight >= STREAM_WINDOW;
      },
      onResume(listener) {
        resumeListeners.push(listener);
      },
      end(error) {
        if (ended) return;
        ended = true;
        running.delete(id);
        post({
          type: 'end',
          id,
          error: error === undefined ? undefined : ContractError.from(error).toBody(),
        });
      },
    };
    let stopProducer: () => void = () => {};
    try {
      const provider = core.streams[name] as StreamProvider<StreamName>;
      stopProducer = provider(args as never, sink as StreamSink<never>);
    } catch (error) {
      sink.end(error);
    }
    return {
      stop() {
        ended = true;
        stopProducer();
      },
      acknowledge(count) {
        const wasPaused = inFlight >= STREAM_WINDOW;
        inFlight = Math.max(0, inFlight - count);
        if (wasPaused && inFlight < STREAM_WINDOW) for (const listener of resumeListeners) listener();
      },
    };
  }

  return {
    receive(raw) {
      const message = ClientMessage.safeParse(raw);
      if (!message.success) return; // Not ours or malformed: nothing to answer to.
      const m = message.data;
      if (m.type === 'call') void call(m.id, m.op, m.input);
      else if (m.type === 'open') open(m.id, m.stream, m.args);
      else if (m.type === 'ack') running.get(m.id)?.acknowledge(m.count);
      else {
        running.get(m.id)?.stop();
        running.delete(m.id);
      }
    },
    dispose() {
      disposed = true;
      for (const stream of running.values()) stream.stop();
      running.clear();
    },
  };
}

function invalidArgument(name: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` (${first.path.map(String).join('.')})` : '';
  return new ContractError({
    code: 'invalid-argument',
    message: `Invalid arguments for ${name}${where}: ${first?.message ?? 'rejected'}`,
  });
}
