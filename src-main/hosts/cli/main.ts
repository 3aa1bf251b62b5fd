/** Entry point of the bundled CLI (out/cli/kubelet-studio.mjs). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli';

const moduleDir = path.dirname(fileURLToPath(import.meta.url));
process.exitCode = await runCli(process.argv.slice(2), moduleDir);
