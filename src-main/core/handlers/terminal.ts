/** Handlers of the terminal operations (contract/ops/terminal.ts). */
import type { terminalOperations, terminalStreams } from '../../contract/ops/terminal';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function terminalHandlers(_context: CoreContext): HandlersOf<typeof terminalOperations> {
  return {};
}

export function terminalStreamProviders(_context: CoreContext): StreamProvidersOf<typeof terminalStreams> {
  return {};
}
