/**
 * The contract: every operation the UI or the CLI can call and every event stream they can
 * open. This one object is the source of the Electron preload, the browser client, the CLI's
 * generic `call` command and the host-side dispatcher; adding an operation means adding it
 * here and writing its handler in the core, nothing else.
 *
 * Pure TypeScript and zod: no Node, Electron or DOM imports (the renderer imports this file).
 */
import { z } from 'zod';
import { AppInfo } from './app';
import type { NodeDiscovery } from './domain/discovery';
import type { NodePodsSnapshot } from './domain/node-pods';
import { NodeId, NodeListEvent, NodeStateEvent, NodeSummary, SshTarget } from './nodes';

export interface OperationSpec {
  /** Validated at the process boundary before any handler runs. */
  input: z.ZodType;
  output: z.ZodType;
  /** One line, shown by `kubelet-studio call --help`. */
  summary: string;
}

export interface StreamSpec {
  args: z.ZodType;
  event: z.ZodType;
  summary: string;
}

const NoInput = z.object({}).strict();
const OnNode = z.object({ id: NodeId }).strict();

export const operations = {
  'app.info': {
    input: NoInput,
    output: AppInfo,
    summary: 'Name, version and host of this Kubelet Studio.',
  },
  'nodes.list': {
    input: NoInput,
    output: z.array(NodeSummary),
    summary: 'The nodes in the node list with their connection state.',
  },
  'nodes.add': {
    input: z.object({ target: SshTarget, name: z.string().trim().max(200).optional() }).strict(),
    output: NodeSummary,
    summary: 'Add an SSH node by target (user@host[:port] or an ~/.ssh/config alias).',
  },
  'nodes.remove': {
    input: z.object({ id: NodeId }).strict(),
    output: z.object({ removed: z.boolean() }),
    summary: 'Remove a node from the list (disconnecting it first).',
  },
  'nodes.connect': {
    input: z.object({ id: NodeId }).strict(),
    output: NodeSummary,
    summary: 'Open the session to a node.',
  },
  'nodes.disconnect': {
    input: z.object({ id: NodeId }).strict(),
    output: NodeSummary,
    summary: 'Close the session to a node.',
  },
  'node.discover': {
    input: OnNode,
    output: z.custom<NodeDiscovery>(),
    summary: "Find the node's kubelet, its static pod path (and where that came from) and kubeconfig.",
  },
  'pods.snapshot': {
    input: OnNode,
    output: z.custom<NodePodsSnapshot>(),
    summary: "The node's pods from crictl and kubectl, joined on the pod UID, in one round trip.",
  },
  'sandbox.reset': {
    input: NoInput,
    output: z.object({ reset: z.boolean() }),
    summary: "Restore the sandbox node's kubeadm default manifests and clear its runtime state.",
  },
} as const satisfies Record<string, OperationSpec>;

export const streams = {
  'nodes.events': {
    args: NoInput,
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('list'), ...NodeListEvent.shape }),
      z.object({ type: z.literal('state'), ...NodeStateEvent.shape }),
    ]),
    summary: 'Node list changes and connection state changes, as they happen.',
  },
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
