/** What runs on a node: discovery, the joined crictl/kubectl view, the sandbox node. */
import { z } from 'zod';
import type { NodeDiscovery } from '../domain/discovery';
import type { NodePodsSnapshot } from '../domain/node-pods';
import { NoInput, OnNode, type OperationSpec } from '../operation-spec';

export const podOperations = {
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
