/** Operations and streams of the terminal pane (filled in by its issue). */
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const terminalOperations = {} as const satisfies Record<string, OperationSpec>;

export const terminalStreams = {} as const satisfies Record<string, StreamSpec>;
