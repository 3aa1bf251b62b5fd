/**
 * `kubelet-studio`: the command-line host of the core. Every command talks to the core only
 * through the contract (an in-process client), exactly as the UI does.
 * On failure: one line on stderr and a non-zero exit (2 for usage errors, 1 otherwise).
 */
import { ContractError, type ContractClient } from '../../contract';
import { createInProcessClient } from '../../core/in-process';
import type { CoreApi } from '../../core/handlers';
import { appVersion } from '../../core/version';
import { startCore } from '../start-core';
import { UsageError, parseArgs, type OptionSpec } from './args';
import type { CliCommand, CliContext } from './command';
import { canAskOnTerminal, terminalAsker } from './terminal-asker';
import { safeOutput } from './terminal-text';
import { applyCommand } from './commands/apply';
import { bundleCommand } from './commands/bundle';
import { callCommand } from './commands/call';
import { doctorCommand } from './commands/doctor';
import { logsCommand } from './commands/logs';
import { manifestsCommand } from './commands/manifests';
import { nodesCommand } from './commands/nodes';
import { openCommand } from './commands/open';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';

const commands: CliCommand[] = [
  serveCommand,
  openCommand,
  nodesCommand,
  statusCommand,
  manifestsCommand,
  applyCommand,
  logsCommand,
  doctorCommand,
  bundleCommand,
  callCommand,
];

const globalOptions: Record<string, OptionSpec> = { json: {}, help: {}, h: {}, version: {} };

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(36)} ${c.summary}`);
  return [
    'Usage: kubelet-studio <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options: --json  --help  --version',
  ].join('\n');
}

export async function runCli(argv: string[], moduleDir: string): Promise<number> {
  // The printers escape each field from a node; this is the guard under them (terminal-text.ts).
  const out = (text: string) => process.stdout.write(`${safeOutput(text)}\n`);
  const err = (text: string) => process.stderr.write(`${safeOutput(text)}\n`);
  let core: CoreApi | undefined;
  let client: ContractClient | undefined;
  try {
    const commandName = argv.find((a) => !a.startsWith('-'));
    const command = commands.find((c) => c.name === commandName);
    const args = parseArgs(argv, { ...globalOptions, ...(command?.options ?? {}) });
    if (args.options.has('version')) {
      out(appVersion());
      return 0;
    }
    if (!command || args.options.has('help') || args.options.has('h')) {
      if (commandName && !command) throw new UsageError(`unknown command "${commandName}"`);
      out(usage());
      return commandName || args.options.size > 0 ? 0 : 2;
    }
    const context: CliContext = {
      args,
      json: args.options.has('json'),
      out,
      err,
      moduleDir,
      async client() {
        core ??= await startCore({ host: 'cli', moduleDir, asker: terminalAsker });
        client ??= createInProcessClient(core);
        return client;
      },
    };
    return await command.run(context);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`kubelet-studio: ${error.message} (see kubelet-studio --help)`);
      return 2;
    }
    const failure = ContractError.from(error);
    const couldNotAsk =
      ['host-key-unknown', 'auth-failed', 'sudo-failed'].includes(failure.code) && !canAskOnTerminal();
    const why = couldNotAsk ? ' (Kubelet Studio could not ask: no terminal, or CI is set.)' : '';
    err(`kubelet-studio: ${failure.message}${failure.hint ? ` ${failure.hint}` : ''}${why}`);
    return 1;
  } finally {
    client?.dispose('The command finished.');
    await core?.dispose();
  }
}
