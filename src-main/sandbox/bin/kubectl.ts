/**
 * Entry point of the simulated `kubectl` (bundled to out/sandbox/kubectl.cjs). All logic lives in
 * ../commands/kubectl.ts so it runs in-process in tests; this file only binds it to the process.
 * (No top-level await: the bundle is CommonJS.)
 */
import { runKubectl } from '../commands/kubectl';
import { runMain } from '../commands/node-io';

runMain(runKubectl);
