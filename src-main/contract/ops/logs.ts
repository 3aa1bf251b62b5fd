/** Operations and streams of the logs pane (filled in by its issue). */
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const logsOperations = {} as const satisfies Record<string, OperationSpec>;

export const logsStreams = {} as const satisfies Record<string, StreamSpec>;
