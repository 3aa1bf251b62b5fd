/**
 * `kubelet-studio apply <node> <manifest-name> --from <file> [--wait] [--rollback-on-failure]`:
 * the core's apply (manifests.apply): the checked, crash-safe save of a local file as a manifest
 * (docs/security.md "Writing a manifest"); with --wait, follows what the kubelet does and exits 0
 * only for "running".
 */
import fs from 'node:fs';
import { ContractError, type ContractClient } from '../../../contract';
import type { StreamArgs } from '../../../contract';
import type { ApplyVerdict, ManifestApplyEvent } from '../../../contract/domain/manifest-watch';
import { optionInt, optionString, UsageError } from '../args';
import type { CliContext } from '../command';
import { connectCliNode } from '../node-target';
import { askYesNo, canAskOnTerminal } from '../terminal-asker';
import { escapeForTerminal, hasUnsafeCharacters } from '../terminal-text';

/**
 * A manifest name with control or bidirectional characters shows as something else in every
 * listing (`ls`, the kubelet's log, this app): saving under it is asked first, on the terminal,
 * and without one needs --force.
 */
async function confirmName(name: string, force: boolean): Promise<void> {
  if (!hasUnsafeCharacters(name) || force) return;
  const shown = escapeForTerminal(name);
  const why = `The name ${shown} contains control or bidirectional characters (shown escaped): every listing will show it differently.`;
  if (!canAskOnTerminal())
    throw new ContractError({
      code: 'invalid-argument',
      message: `${why} Nothing was saved.`,
      hint: 'Pass --force to save under this name anyway.',
    });
  process.stderr.write(`${why}\n`);
  if (!(await askYesNo('Save under this name?')))
    throw new ContractError({ code: 'invalid-argument', message: `Not saved under ${shown}.` });
}

async function currentSha(client: ContractClient, id: string, name: string): Promise<string | null> {
  try {
    return (await client.call('manifests.read', { id, name })).sha256;
  } catch (error) {
    if (error instanceof ContractError && error.code === 'not-found') return null;
    throw error;
  }
}

type SaveOutcome = Extract<ManifestApplyEvent, { type: 'saved' }>;

/** The core's apply (manifests.apply): the save's outcome, then with --wait the watch's verdict. */
function runApply(
  context: CliContext,
  client: ContractClient,
  args: StreamArgs<'manifests.apply'>,
  onSaved: (saved: SaveOutcome) => void,
): Promise<ApplyVerdict | null> {
  return new Promise((resolve, reject) => {
    let verdict: ApplyVerdict | null = null;
    client.open('manifests.apply', args, {
      onEvent(event) {
        if (event.type === 'saved') onSaved(event);
        if (event.type === 'notice' || event.type === 'rollback')
          context.err(escapeForTerminal(event.message));
        if (event.type === 'log')
          for (const line of event.lines) context.err(`  ${escapeForTerminal(line.raw)}`);
        if (event.type === 'verdict') {
          if (event.phase === 'apply') verdict = event.verdict;
          context.err(
            `${event.phase === 'rollback' ? 'after rollback: ' : ''}${event.verdict.kind}: ${escapeForTerminal(event.verdict.summary)}`,
          );
        }
      },
      onEnd(error) {
        if (error) reject(new ContractError(error));
        else resolve(verdict);
      },
    });
  });
}

export async function run(context: CliContext): Promise<number> {
  const [target, name] = context.args.positionals;
  const from = optionString(context.args, 'from');
  if (!name || !from)
    throw new UsageError('usage: kubelet-studio apply <node> <manifest-name> --from <file>');
  const rollback = context.args.options.has('rollback-on-failure');
  if (rollback && !context.args.options.has('wait'))
    throw new UsageError('--rollback-on-failure needs --wait');
  const timeoutSeconds = optionInt(context.args, 'timeout', 5, 600) ?? 120;
  await confirmName(name, context.args.options.has('force'));
  const content = fs.readFileSync(from, 'utf8');
  const client = await context.client();
  const node = await connectCliNode(client, target);
  const wait = context.args.options.has('wait');
  let saved: SaveOutcome | null = null;
  const verdict = await runApply(
    context,
    client,
    {
      id: node.id,
      name,
      content,
      expectedSha256: await currentSha(client, node.id, name),
      confirmRisky: context.args.options.has('force'),
      watch: wait,
      rollbackOnFailure: rollback,
      timeoutSeconds,
    },
    (event) => {
      saved = event;
      const result = event.result;
      if (result.status === 'saved' && !(context.json && !wait))
        context.err(
          `saved ${escapeForTerminal(result.path)} (sha256 ${result.sha256.slice(0, 12)}…)${result.backupPath ? `, old file kept at ${escapeForTerminal(result.backupPath)}` : ''}`,
        );
      if (result.status === 'refused')
        for (const p of result.problems)
          context.err(`${p.line ? `${from}:${p.line}: ` : ''}${p.severity}: ${escapeForTerminal(p.message)}`);
    },
  );
  const outcome = saved as SaveOutcome | null;
  if (!outcome) throw new ContractError({ code: 'internal', message: 'The apply ended without saving.' });
  const result = outcome.result;
  if (result.status === 'refused')
    throw new ContractError({
      code: 'invalid-argument',
      message: result.message,
      hint: 'Fix the file, or pass --force to save it anyway.',
    });
  if (result.status === 'conflict')
    throw new ContractError({
      code: 'conflict',
      message: `${escapeForTerminal(name)} changed on the node during the save (${escapeForTerminal(result.message)}); nothing was written.`,
    });
  if (!wait) {
    if (context.json) context.out(JSON.stringify(result));
    return 0;
  }
  if (outcome.notWatchedBecause)
    throw new ContractError({ code: 'invalid-argument', message: outcome.notWatchedBecause });
  if (context.json) context.out(JSON.stringify({ save: result, verdict }));
  else context.out(formatVerdict(verdict));
  return verdict?.kind === 'running' ? 0 : 1;
}

/** The verdict with what proves it: the kubelet's error, or the container's last log lines. */
export function formatVerdict(verdict: ApplyVerdict | null): string {
  if (!verdict) return 'no verdict';
  const t = escapeForTerminal;
  const lines = [`${verdict.kind}: ${t(verdict.summary)}`];
  if (verdict.detail) lines.push(`  ${t(verdict.detail)}`);
  for (const line of verdict.evidence) lines.push(`  | ${t(line)}`);
  return lines.join('\n');
}
