/**
 * Creates the core the way every host wants it: data directory, the sandbox node and the SSH
 * transport. Hosts differ only in how they carry the contract, never in what the core is.
 */
import path from 'node:path';
import type { HostKind } from '../contract';
import { createCore } from '../core/create-core';
import { PromptBroker, type Asker } from '../core/prompt-broker';
import type { CoreApi } from '../core/handlers';
import type { SandboxOptions } from '../core/sandbox-builtin';
import { defaultDataDir, ensurePrivateDir } from '../store/data-dir';
import { findProjectRoot } from './locate-build';
import type { SandboxRuntime } from './sandbox-runtime';

export interface StartCoreOptions {
  host: HostKind;
  /** A folder inside the project (the host module's own), to find the build output. */
  moduleDir: string;
  dataDir?: string;
  /** Asks the user when no UI is listening (the CLI's terminal). */
  asker?: Asker;
  /**
   * How the Sandbox node's programs run (sandbox-runtime.ts). Default: with this process's
   * Node, from the project's out/sandbox, which is right for every Node host.
   */
  sandboxRuntime?: SandboxRuntime;
}

/** The project's out/sandbox, where the build puts the sandbox's programs. */
export function projectBundleDir(moduleDir: string): string {
  return path.join(findProjectRoot(moduleDir), 'out', 'sandbox');
}

export async function startCore(options: StartCoreOptions): Promise<CoreApi> {
  const dataDir = options.dataDir ?? defaultDataDir();
  await ensurePrivateDir(dataDir);
  const root = path.join(dataDir, 'sandbox-node');
  const runtime: SandboxRuntime = options.sandboxRuntime ?? {
    kind: 'node',
    command: process.execPath,
    env: {},
    bundleDir: projectBundleDir(options.moduleDir),
  };
  const sandbox: SandboxOptions =
    runtime.kind === 'node'
      ? { root, bundleDir: runtime.bundleDir, node: { command: runtime.command, env: runtime.env } }
      : { root, bundleDir: '', unavailable: { reason: runtime.reason, hint: runtime.hint } };
  return createCore({
    host: options.host,
    dataDir,
    sandbox,
    prompts: new PromptBroker(options.asker),
  });
}
