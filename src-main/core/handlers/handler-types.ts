import type { z } from 'zod';
import type { OperationSpec, StreamSpec } from '../../contract';
import type { StreamSink } from '../../contract/stream-sink';

/** The handlers for one domain's group of operations, typed from the contract. */
export type HandlersOf<Group extends Record<string, OperationSpec>> = {
  [N in keyof Group]: (input: z.output<Group[N]['input']>) => Promise<z.output<Group[N]['output']>>;
};

/** The stream providers for one domain's group of streams. */
export type StreamProvidersOf<Group extends Record<string, StreamSpec>> = {
  [N in keyof Group]: (
    args: z.output<Group[N]['args']>,
    sink: StreamSink<z.output<Group[N]['event']>>,
  ) => () => void;
};
