/** Handlers of the prompt operations (contract/ops/prompts.ts). */
import type { promptOperations, promptStreams } from '../../contract/ops/prompts';
import type { PromptBroker } from '../prompt-broker';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function promptHandlers(broker: PromptBroker): HandlersOf<typeof promptOperations> {
  return {
    'prompts.answer': async ({ promptId, accept, values }) => ({
      delivered: broker.answer(promptId, accept ? { accept: true, values: values ?? [] } : { accept: false }),
    }),
  };
}

export function promptStreamProviders(broker: PromptBroker): StreamProvidersOf<typeof promptStreams> {
  return {
    'prompts.events': (_args, sink) => broker.subscribe((event) => sink.push(event)),
  };
}
