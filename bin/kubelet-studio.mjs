#!/usr/bin/env node
// The `kubelet-studio` command: runs the bundled CLI that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/kubelet-studio.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'kubelet-studio: the CLI is not built yet; run `npm install` (or `npm run build`) in the project first.\n',
  );
  process.exit(1);
}
await import(cli);
