/** Handlers of the doctor and the break-glass bundle (contract/ops/doctor.ts). */
import type { doctorOperations, doctorStreams } from '../../contract/ops/doctor';
import { runDoctor } from '../../inspect/doctor/run-doctor';
import { writeBundle } from '../bundle/write-bundle';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function doctorHandlers(context: CoreContext): HandlersOf<typeof doctorOperations> {
  return {
    'doctor.run': async ({ id }) =>
      (await runDoctor(context.session(id), await context.discovery(id))).report,
    'doctor.bundle': async ({ ids, output }) => writeBundle(context, ids, output),
  };
}

export function doctorStreamProviders(_context: CoreContext): StreamProvidersOf<typeof doctorStreams> {
  return {};
}
