import type { ContractClient } from '../../contract';
import type { OptionSpec, ParsedArgs } from './args';

export interface CliContext {
  args: ParsedArgs;
  /** `--json`: machine-readable output on stdout. */
  json: boolean;
  out(text: string): void;
  err(text: string): void;
  /** The contract client over an in-process core (created on first use). */
  client(): Promise<ContractClient>;
  /** Where the CLI module lives, to find the renderer build. */
  moduleDir: string;
}

/** Resolves to the exit status. Long-running commands resolve when they stop. */
export type CliRun = (context: CliContext) => Promise<number>;

/**
 * A command as `--help` and the argument parser know it. Its code is loaded only when it runs
 * (a dynamic import, a chunk of its own in the build), so that `--version`, `--help` and each
 * command load only what they need.
 */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  load(): Promise<CliRun>;
}
