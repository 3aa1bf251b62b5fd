/**
 * What the core must provide for the contract: one handler per operation and one provider per
 * stream. The types are derived from the contract, so a missing or mistyped handler is a
 * compile error.
 */
import type { z } from 'zod';
import type {
  OperationName,
  OperationOutput,
  Operations,
  StreamEvent,
  StreamName,
  Streams,
} from '../contract';
import type { StreamSink } from '../contract/stream-sink';

export type OperationHandlers = {
  [N in OperationName]: (input: z.output<Operations[N]['input']>) => Promise<OperationOutput<N>>;
};

/** Starts a stream; returns the function that stops its producer. */
export type StreamProvider<N extends StreamName> = (
  args: z.output<Streams[N]['args']>,
  sink: StreamSink<StreamEvent<N>>,
) => () => void;

export type StreamProviders = { [N in StreamName]: StreamProvider<N> };

export interface CoreApi {
  handlers: OperationHandlers;
  streams: StreamProviders;
  dispose(): Promise<void>;
}
