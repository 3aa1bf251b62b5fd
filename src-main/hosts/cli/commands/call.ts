import { isOperationName, operationNames, operations } from '../../../contract';
import { UsageError } from '../args';
import type { CliContext } from '../command';

/**
 * `kubelet-studio call <operation> [json]`: any contract operation, straight from the
 * contract — a new operation is callable here without touching the CLI.
 */
export async function run(context: CliContext): Promise<number> {
  if (context.args.options.has('list')) {
    for (const name of operationNames) context.out(`${name.padEnd(24)} ${operations[name].summary}`);
    return 0;
  }
  const [op, inputText] = context.args.positionals;
  if (!op) throw new UsageError('name an operation (kubelet-studio call --list shows them)');
  if (!isOperationName(op))
    throw new UsageError(`there is no operation "${op}" (kubelet-studio call --list shows them)`);
  let input: unknown = {};
  if (inputText !== undefined) {
    try {
      input = JSON.parse(inputText);
    } catch {
      throw new UsageError('the input must be JSON, e.g. \'{"id":"sandbox"}\'');
    }
  }
  const client = await context.client();
  const value = await client.call(op, input as never);
  context.out(JSON.stringify(value, null, context.json ? undefined : 2));
  return 0;
}
