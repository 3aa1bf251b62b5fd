/**
 * Creates the core the way every host wants it: data directory, the sandbox node and the SSH
 * transport. Hosts differ only in how they carry the contract, never in what the core is.
 */
import path from 'node:path';
import type { HostKind } from '../contract';
import { createCore } from '../core/create-core';
import { PromptBroker, type Asker } from '../core/prompt-broker';
import type { CoreApi } from '../core/handlers';
import { defaultDataDir, ensurePrivateDir } from '../store/data-dir';
import { findProjectRoot } from './locate-build';

export interface StartCoreOptions {
  host: HostKind;
  /** A folder inside the project (the host module's own), to find the build output. */
  moduleDir: string;
  dataDir?: string;
  /** Asks the user when no UI is listening (the CLI's terminal). */
  asker?: Asker;
}

export async function startCore(options: StartCoreOptions): Promise<CoreApi> {
  const dataDir = options.dataDir ?? defaultDataDir();
  await ensurePrivateDir(dataDir);
  const bundleDir = path.join(findProjectRoot(options.moduleDir), 'out', 'sandbox');
  return createCore({
    host: options.host,
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir },
    prompts: new PromptBroker(options.asker),
  });
}
