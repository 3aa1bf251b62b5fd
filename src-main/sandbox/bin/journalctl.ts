/**
 * Entry point of the simulated `journalctl` (bundled to out/sandbox/journalctl.cjs). All logic lives in
 * ../commands/journalctl.ts so it runs in-process in tests; this file only binds it to the process.
 * (No top-level await: the bundle is CommonJS.)
 */
import { runJournalctl } from '../commands/journalctl';
import { runMain } from '../commands/node-io';

runMain(runJournalctl);
