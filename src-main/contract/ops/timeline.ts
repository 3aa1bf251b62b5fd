/**
 * The node timeline: manifest saves and modifications, pod UID and sandbox changes, container
 * restarts, and the kubelet log's volume by severity, on one time axis.
 */
import { z } from 'zod';
import type { NodeTimeline } from '../domain/node-timeline';
import { NodeId } from '../nodes';
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const TIMELINE_SPANS_MS = [15 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;

export const timelineOperations = {
  'timeline.get': {
    input: z
      .object({
        id: NodeId,
        /** The axis ends now and covers this much time before. */
        spanMs: z
          .number()
          .int()
          .min(60_000)
          .max(24 * 60 * 60_000)
          .default(TIMELINE_SPANS_MS[0]),
      })
      .strict(),
    output: z.custom<NodeTimeline>(),
    summary:
      "A node's timeline: saves, file modifications, pod UID and sandbox changes, restarts and the kubelet log's volume by severity.",
  },
} as const satisfies Record<string, OperationSpec>;

export const timelineStreams = {} as const satisfies Record<string, StreamSpec>;
