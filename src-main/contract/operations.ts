/**
 * The contract: every operation the UI or the CLI can call and every event stream they can
 * open, gathered from one file per domain under ops/. This object is the source of the
 * Electron preload, the browser client, the CLI's generic `call` command and the host-side
 * dispatcher; adding an operation means adding it to its domain file and writing its handler
 * in the core, nothing else.
 *
 * Pure TypeScript and zod: no Node, Electron or DOM imports (the renderer imports this file).
 */
import type { z } from 'zod';
import type { OperationSpec, StreamSpec } from './operation-spec';
import { clusterOperations, clusterStreams } from './ops/cluster';
import { doctorOperations, doctorStreams } from './ops/doctor';
import { logsOperations, logsStreams } from './ops/logs';
import { manifestsOperations, manifestsStreams } from './ops/manifests';
import { nodeOperations, nodeStreams } from './ops/nodes';
import { podOperations, podStreams } from './ops/pods';
import { promptOperations, promptStreams } from './ops/prompts';
import { terminalOperations, terminalStreams } from './ops/terminal';
import { timelineOperations, timelineStreams } from './ops/timeline';

export type { OperationSpec, StreamSpec } from './operation-spec';

export const operations = {
  ...nodeOperations,
  ...podOperations,
  ...promptOperations,
  ...manifestsOperations,
  ...logsOperations,
  ...terminalOperations,
  ...doctorOperations,
  ...clusterOperations,
  ...timelineOperations,
} as const satisfies Record<string, OperationSpec>;

export const streams = {
  ...nodeStreams,
  ...podStreams,
  ...promptStreams,
  ...manifestsStreams,
  ...logsStreams,
  ...terminalStreams,
  ...doctorStreams,
  ...clusterStreams,
  ...timelineStreams,
} as const satisfies Record<string, StreamSpec>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export type Streams = typeof streams;
export type StreamName = keyof Streams;
export type StreamArgs<N extends StreamName> = z.input<Streams[N]['args']>;
export type StreamEvent<N extends StreamName> = z.output<Streams[N]['event']>;

export const operationNames = Object.keys(operations) as OperationName[];
export const streamNames = Object.keys(streams) as StreamName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

export function isStreamName(name: string): name is StreamName {
  return Object.prototype.hasOwnProperty.call(streams, name);
}
