/**
 * Operations over several nodes at once (docs/cluster.md): drift of the static pod manifests
 * across control-plane nodes.
 */
import { z } from 'zod';
import type { DriftReport } from '../domain/drift';
import { NodeId } from '../nodes';
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const clusterOperations = {
  'cluster.drift': {
    input: z
      .object({
        /** Connected nodes to compare, at least two. */
        ids: z.array(NodeId).min(2).max(50),
      })
      .strict(),
    output: z.custom<DriftReport>(),
    summary:
      "The static pod manifests of several nodes compared after masking each node's own name and addresses: which node differs, and how (flags, images, volumes, resources).",
  },
} as const satisfies Record<string, OperationSpec>;

export const clusterStreams = {} as const satisfies Record<string, StreamSpec>;
