/** Operations and streams of the manifests pane (filled in by its issue). */
import type { OperationSpec, StreamSpec } from '../operation-spec';

export const manifestsOperations = {} as const satisfies Record<string, OperationSpec>;

export const manifestsStreams = {} as const satisfies Record<string, StreamSpec>;
