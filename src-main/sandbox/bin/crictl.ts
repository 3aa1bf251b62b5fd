/**
 * Entry point of the simulated `crictl` (bundled to out/sandbox/crictl.cjs). All logic lives in
 * ../commands/crictl.ts so it runs in-process in tests; this file only binds it to the process.
 * (No top-level await: the bundle is CommonJS.)
 */
import { runCrictl } from '../commands/crictl';
import { runMain } from '../commands/node-io';

runMain(runCrictl);
