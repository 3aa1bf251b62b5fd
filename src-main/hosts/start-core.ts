/**
 * Creates the core the way every host wants it: data directory, built-in nodes and the SSH
 * transport. Hosts differ only in how they carry the contract, never in what the core is.
 */
import type { HostKind } from '../contract';
import { createCore } from '../core/create-core';
import type { CoreApi } from '../core/handlers';
import { defaultDataDir } from '../store/data-dir';

export interface StartCoreOptions {
  host: HostKind;
  dataDir?: string;
}

export async function startCore(options: StartCoreOptions): Promise<CoreApi> {
  return createCore({ host: options.host, dataDir: options.dataDir ?? defaultDataDir() });
}
