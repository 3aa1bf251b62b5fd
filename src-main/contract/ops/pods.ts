/**
 * What runs on a node: discovery, the joined manifest/crictl/kubectl view with its findings,
 * container details (inspect, logs, follow), where the API view comes from, the sandbox node.
 */
import { z } from 'zod';
import type { CriContainerInspect, CriSandboxInspect } from '../domain/cri';
import type { NodeDiscovery } from '../domain/discovery';
import type { ApiSource, NodePodsSnapshot } from '../domain/node-pods';
import { NodeId } from '../nodes';
import { NoInput, OnNode, type OperationSpec, type StreamSpec } from '../operation-spec';

/** A CRI id as crictl prints it: full 64 hex, or a unique prefix (§3.2). */
const RuntimeId = z.string().regex(/^[0-9a-f]{1,64}$/, 'a container or sandbox id is hex');
export const LOG_TAIL_MAX = 5000;

export const ApiSourceSchema: z.ZodType<ApiSource> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node') }).strict(),
  z
    .object({
      kind: z.literal('kubeconfig'),
      path: z.string().min(1).max(4096).optional(),
      context: z.string().min(1).max(400).optional(),
    })
    .strict(),
]);

export interface ContainerLogs {
  containerId: string;
  previous: boolean;
  /** Log lines, stdout and stderr of the container merged in the order crictl wrote them. */
  lines: string[];
  /** Why there are no lines (no previous attempt, container gone…); null when read. */
  reason: string | null;
}

export type RuntimeInspect =
  | { target: 'container'; value: CriContainerInspect | null; raw: string; reason: string | null }
  | { target: 'sandbox'; value: CriSandboxInspect | null; raw: string; reason: string | null };

export const podOperations = {
  'node.discover': {
    input: OnNode,
    output: z.custom<NodeDiscovery>(),
    summary: "Find the node's kubelet, its static pod path (and where that came from) and kubeconfig.",
  },
  'pods.snapshot': {
    input: z.object({ id: NodeId, api: ApiSourceSchema.optional() }).strict(),
    output: z.custom<NodePodsSnapshot>(),
    summary:
      "The node's manifests, crictl and kubectl views joined on the static UID, with findings, in one round trip.",
  },
  'pods.apiSource.get': {
    input: OnNode,
    output: z.custom<ApiSource>(),
    summary: 'Where the API view of a node comes from: kubectl on the node, or your kubeconfig.',
  },
  'pods.apiSource.set': {
    input: z.object({ id: NodeId, source: ApiSourceSchema }).strict(),
    output: z.custom<ApiSource>(),
    summary: 'Read the API view of a node with kubectl on the node, or with your own kubeconfig and context.',
  },
  'pods.inspect': {
    input: z.object({ id: NodeId, target: z.enum(['container', 'sandbox']), runtimeId: RuntimeId }).strict(),
    output: z.custom<RuntimeInspect>(),
    summary: 'crictl inspect (container) or inspectp (sandbox), parsed, with the raw JSON.',
  },
  'pods.logs': {
    input: z
      .object({
        id: NodeId,
        containerId: RuntimeId,
        previous: z.boolean().default(false),
        tail: z.number().int().min(1).max(LOG_TAIL_MAX).default(200),
      })
      .strict(),
    output: z.custom<ContainerLogs>(),
    summary: 'The last lines of a container (crictl logs --tail N), or of its previous attempt (--previous).',
  },
  'sandbox.reset': {
    input: NoInput,
    output: z.object({ reset: z.boolean() }),
    summary: "Restore the sandbox node's kubeadm default manifests and clear its runtime state.",
  },
} as const satisfies Record<string, OperationSpec>;

export const podStreams = {
  'pods.logs.follow': {
    args: z
      .object({
        id: NodeId,
        containerId: RuntimeId,
        tail: z.number().int().min(0).max(LOG_TAIL_MAX).default(50),
      })
      .strict(),
    event: z.custom<{ lines: string[] }>(),
    summary: 'Follow a container log (crictl logs -f); closing the stream stops crictl on the node.',
  },
} as const satisfies Record<string, StreamSpec>;
