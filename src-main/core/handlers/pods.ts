/** Handlers of discovery, the pods snapshot and the sandbox node (contract/ops/pods.ts). */
import { ContractError } from '../../contract';
import type { podOperations } from '../../contract/ops/pods';
import { readPodsSnapshot } from '../../node/snapshot/read-pods-snapshot';
import type { CoreContext } from '../core-context';
import { resetSandbox } from '../sandbox-builtin';
import type { HandlersOf } from './handler-types';

export function podHandlers(context: CoreContext): HandlersOf<typeof podOperations> {
  return {
    'node.discover': async ({ id }) => context.discovery(id),
    'pods.snapshot': async ({ id }) => readPodsSnapshot(context.session(id), await context.discovery(id)),
    'sandbox.reset': async () => {
      const sandbox = context.options.sandbox;
      if (!sandbox) throw new ContractError({ code: 'unsupported', message: 'This build has no sandbox node.' });
      await resetSandbox(context.registry, sandbox);
      return { reset: true };
    },
  };
}
