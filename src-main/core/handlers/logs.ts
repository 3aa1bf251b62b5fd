/** Handlers of the logs operations (contract/ops/logs.ts). */
import type { logsOperations, logsStreams } from '../../contract/ops/logs';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function logsHandlers(_context: CoreContext): HandlersOf<typeof logsOperations> {
  return {};
}

export function logsStreamProviders(_context: CoreContext): StreamProvidersOf<typeof logsStreams> {
  return {};
}
