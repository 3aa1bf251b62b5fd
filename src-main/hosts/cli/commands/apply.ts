/**
 * `kubelet-studio apply <node> <manifest-name> --from <file> [--wait] [--rollback-on-failure]`:
 * the crash-safe save of a local file as a manifest (docs/security.md "Writing a manifest"); with
 * --wait, follows what the kubelet does (manifests.watch) and exits 0 only for "running".
 */
import fs from 'node:fs';
import { ContractError, type ContractClient } from '../../../contract';
import type { ApplyVerdict } from '../../../contract/domain/manifest-watch';
import { optionInt, optionString, UsageError } from '../args';
import type { CliCommand, CliContext } from '../command';
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

async function waitForVerdict(
  context: CliContext,
  client: ContractClient,
  args: {
    id: string;
    name: string;
    metadataName: string;
    namespace: string;
    previousUid: string | null;
    savedAt: number;
    savedSha256: string;
    rollback: boolean;
    timeoutSeconds: number;
  },
): Promise<ApplyVerdict | null> {
  return new Promise((resolve, reject) => {
    let verdict: ApplyVerdict | null = null;
    client.open(
      'manifests.watch',
      {
        id: args.id,
        name: args.name,
        podMetadataName: args.metadataName,
        namespace: args.namespace,
        previousUid: args.previousUid,
        savedAt: args.savedAt,
        timeoutSeconds: args.timeoutSeconds,
        rollbackOnFailure: args.rollback,
        savedSha256: args.savedSha256,
      },
      {
        onEvent(event) {
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
      },
    );
  });
}

export const applyCommand: CliCommand = {
  name: 'apply',
  usage:
    'apply <node> <manifest-name> --from <file> [--wait] [--rollback-on-failure] [--timeout S] [--force] [--json]',
  summary: 'Save a local file as a static pod manifest, crash-safe; --wait follows the kubelet to a verdict.',
  options: {
    from: { value: true },
    wait: {},
    'rollback-on-failure': {},
    timeout: { value: true },
    force: {},
  },
  async run(context) {
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
    const validation = await client.call('manifests.validate', { name, content });
    const before = await currentSha(client, node.id, name);
    const snapshot =
      context.args.options.has('wait') && before
        ? await client.call('pods.snapshot', { id: node.id }).catch(() => null)
        : null;
    const result = await client.call('manifests.save', {
      id: node.id,
      name,
      content,
      expectedSha256: before,
      confirmRisky: context.args.options.has('force'),
    });
    if (result.status === 'refused') {
      for (const p of result.problems)
        context.err(`${p.line ? `${from}:${p.line}: ` : ''}${p.severity}: ${escapeForTerminal(p.message)}`);
      throw new ContractError({
        code: 'invalid-argument',
        message: result.message,
        hint: 'Fix the file, or pass --force to save it anyway.',
      });
    }
    if (result.status === 'conflict')
      throw new ContractError({
        code: 'conflict',
        message: `${escapeForTerminal(name)} changed on the node during the save (${escapeForTerminal(result.message)}); nothing was written.`,
      });
    if (context.json && !context.args.options.has('wait')) context.out(JSON.stringify(result));
    else
      context.err(
        `saved ${escapeForTerminal(result.path)} (sha256 ${result.sha256.slice(0, 12)}…)${result.backupPath ? `, old file kept at ${escapeForTerminal(result.backupPath)}` : ''}`,
      );
    if (!context.args.options.has('wait')) return 0;
    if (!validation.pod)
      throw new ContractError({
        code: 'invalid-argument',
        message: 'The saved file names no pod, so there is nothing to watch.',
      });
    const podName = `${validation.pod.metadataName}-${snapshot?.nodeName ?? ''}`;
    const previous = snapshot?.pods.find(
      (p) => p.origin === 'static' && p.name === podName && p.namespace === validation.pod?.namespace,
    );
    const verdict = await waitForVerdict(context, client, {
      id: node.id,
      name,
      metadataName: validation.pod.metadataName,
      namespace: validation.pod.namespace,
      previousUid: previous && /^[0-9a-f]{32}$/.test(previous.uid) ? previous.uid : null,
      savedAt: Date.now(),
      savedSha256: result.sha256,
      rollback,
      timeoutSeconds,
    });
    if (context.json) context.out(JSON.stringify({ save: result, verdict }));
    else context.out(formatVerdict(verdict));
    return verdict?.kind === 'running' ? 0 : 1;
  },
};

/** The verdict with what proves it: the kubelet's error, or the container's last log lines. */
export function formatVerdict(verdict: ApplyVerdict | null): string {
  if (!verdict) return 'no verdict';
  const t = escapeForTerminal;
  const lines = [`${verdict.kind}: ${t(verdict.summary)}`];
  if (verdict.detail) lines.push(`  ${t(verdict.detail)}`);
  for (const line of verdict.evidence) lines.push(`  | ${t(line)}`);
  return lines.join('\n');
}
