/** The app itself and the node list. */
import { z } from 'zod';
import { AppInfo } from '../app';
import { NodeId, NodeListEvent, NodeStateEvent, NodeSummary, SshTarget } from '../nodes';
import { NoInput, type OperationSpec, type StreamSpec } from '../operation-spec';

export const nodeOperations = {
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
  'nodes.sshHosts': {
    input: NoInput,
    output: z.array(z.string()),
    summary: 'The Host aliases of ~/.ssh/config (Include followed), to offer when adding a node.',
  },
  'nodes.add': {
    input: z.object({ target: SshTarget, name: z.string().trim().max(200).optional() }).strict(),
    output: NodeSummary,
    summary: 'Add an SSH node by target (user@host[:port] or an ~/.ssh/config alias).',
  },
  'nodes.update': {
    input: z
      .object({
        id: NodeId,
        target: SshTarget.optional(),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    output: NodeSummary,
    summary:
      'Change an SSH node: its target (user@host[:port] or an alias) or its name; a new target disconnects it first.',
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
} as const satisfies Record<string, OperationSpec>;

export const nodeStreams = {
  'nodes.events': {
    args: NoInput,
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('list'), ...NodeListEvent.shape }),
      z.object({ type: z.literal('state'), ...NodeStateEvent.shape }),
    ]),
    summary: 'Node list changes and connection state changes, as they happen.',
  },
} as const satisfies Record<string, StreamSpec>;
