/** Handlers of the manifests operations (contract/ops/manifests.ts). */
import type { manifestsOperations, manifestsStreams } from '../../contract/ops/manifests';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function manifestsHandlers(_context: CoreContext): HandlersOf<typeof manifestsOperations> {
  return {};
}

export function manifestsStreamProviders(_context: CoreContext): StreamProvidersOf<typeof manifestsStreams> {
  return {};
}
