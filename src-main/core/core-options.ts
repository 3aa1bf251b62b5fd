/** What a host gives the core when it creates one (create-core.ts). */
import type { HostKind } from '../contract';
import type { NodeConnector } from './node-registry';
import type { PromptBroker } from './prompt-broker';
import type { SandboxOptions } from './sandbox-builtin';
import type { SshConnectorOptions } from './ssh-connector';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  /** The built-in sandbox node; absent in builds without its programs. */
  sandbox?: SandboxOptions;
  /** Where questions go when no UI is listening (the CLI's terminal prompts). */
  prompts?: PromptBroker;
  /** SSH settings (tests point these at the test nodes); defaults are the user's own. */
  ssh?: Omit<SshConnectorOptions, 'dataDir' | 'prompts'>;
  /** Replaces SSH altogether (tests of the registry). */
  sshConnector?: NodeConnector;
}
