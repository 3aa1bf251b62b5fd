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

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Resolves to the exit status. Long-running commands resolve when they stop. */
  run(context: CliContext): Promise<number>;
}
