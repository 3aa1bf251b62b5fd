/** Handlers of the manifests operations (contract/ops/manifests.ts). Being filled in (issue 5). */
import { ContractError } from '../../contract';
import type { manifestsOperations, manifestsStreams } from '../../contract/ops/manifests';
import { applyWatchStream } from '../../inspect/apply-watch-stream';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

const notYet = async (): Promise<never> => {
  throw new ContractError({ code: 'unsupported', message: 'Manifest operations are not available yet in this build.' });
};

export function manifestsHandlers(_context: CoreContext): HandlersOf<typeof manifestsOperations> {
  return {
    'manifests.list': notYet,
    'manifests.read': notYet,
    'manifests.validate': notYet,
    'manifests.save': notYet,
    'manifests.delete': notYet,
    'manifests.history': notYet,
    'manifests.readBackup': notYet,
    'manifests.restore': notYet,
    'manifests.rollback': notYet,
  };
}

export function manifestsStreamProviders(context: CoreContext): StreamProvidersOf<typeof manifestsStreams> {
  // Apply and watch (src-main/inspect/apply-watch-stream.ts); its rollback is manifests.rollback.
  const rollback = manifestsHandlers(context)['manifests.rollback'];
  return { 'manifests.watch': applyWatchStream(context, rollback) };
}
