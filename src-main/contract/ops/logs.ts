/**
 * The logs pane (issue 7 point 3): a follow session per open stream, whose store lives in the
 * core (src-main/logs/); the stream carries only small status notifications and the renderer
 * fetches the rows it shows by range. Filters run in the core over the whole store.
 */
import { z } from 'zod';
import type { LogFollowStatus, LogLevelCounts, LogRow } from '../domain/logs';
import { NodeId } from '../nodes';
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const LOG_DEFAULT_CAPACITY = 1_000_000;
export const LOG_MAX_ROWS_PER_CALL = 5_000;
export const LOG_MAX_EXPORT_ROWS = 200_000;

const Severity = z.enum(['I', 'W', 'E', 'F', 'unknown']);

export const LogFilterSchema = z
  .object({
    severities: z.array(Severity).max(5).optional(),
    text: z.string().max(1000).optional(),
    regex: z.string().max(1000).optional(),
    pod: z
      .object({
        pod: z.string().max(400).optional(),
        podUID: z.string().max(200).optional(),
        manifestPath: z.string().max(4096).optional(),
      })
      .strict()
      .optional(),
    sinceMs: z.number().finite().optional(),
    untilMs: z.number().finite().optional(),
    foldRepeats: z.boolean().optional(),
  })
  .strict();

const SessionId = z.string().min(1).max(100);
const Index = z.number().int().min(0);

export const logsOperations = {
  'logs.rows': {
    input: z
      .object({
        session: SessionId,
        filter: LogFilterSchema.optional(),
        start: Index,
        count: z.number().int().min(0).max(LOG_MAX_ROWS_PER_CALL),
      })
      .strict(),
    /**
     * `filterStopped`: the filter's regular expression took too long and was stopped; the view
     * holds the rows up to where it got, and this says why (for the logs pane's status line).
     * `counts`: the lines per severity under the filter without its severities.
     */
    output: z.custom<{ total: number; rows: LogRow[]; counts: LogLevelCounts; filterStopped?: string }>(),
    summary:
      'Rows of a log follow session (optionally filtered) by index range, with the view size and the lines per severity under the other filters.',
  },
  'logs.find': {
    input: z
      .object({
        session: SessionId,
        filter: LogFilterSchema.optional(),
        from: z.number().int().min(-1),
        direction: z.union([z.literal(1), z.literal(-1)]),
        severity: z.enum(['W', 'E']).default('E'),
      })
      .strict(),
    output: z.custom<{ index: number | null }>(),
    summary: 'The next (or previous) error or warning in a log view, strictly after (before) an index.',
  },
  'logs.export': {
    input: z
      .object({
        session: SessionId,
        filter: LogFilterSchema.optional(),
        start: Index.default(0),
        count: z.number().int().min(0).max(LOG_MAX_EXPORT_ROWS).default(LOG_MAX_EXPORT_ROWS),
      })
      .strict(),
    output: z.custom<{ text: string; rows: number; total: number }>(),
    summary: 'The raw lines of a range of a log view, as text to save (gap markers as comments).',
  },
} as const satisfies Record<string, OperationSpec>;

export const logsStreams = {
  'logs.follow': {
    args: z
      .object({
        id: NodeId,
        /** Lines of history to load first (journalctl -n). */
        history: z.number().int().min(0).max(LOG_DEFAULT_CAPACITY).default(100_000),
        follow: z.boolean().default(true),
        capacity: z.number().int().min(100).max(LOG_DEFAULT_CAPACITY).default(LOG_DEFAULT_CAPACITY),
        /** journalctl --since (e.g. `-10min`, `2024-10-11 01:00`). */
        since: z
          .string()
          .max(100)
          .regex(/^[-+0-9A-Za-z :.]+$/)
          .optional(),
      })
      .strict(),
    event: z.custom<LogFollowStatus>(),
    summary: "Follow a node's kubelet log into a store in the core; events are status notifications.",
  },
} as const satisfies Record<string, StreamSpec>;
