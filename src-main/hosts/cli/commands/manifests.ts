/** `kubelet-studio manifests <node>`: the static pod directory with the kubelet's verdict on each entry. */
import type { ManifestEntry } from '../../../contract/domain/manifests';
import type { CliContext } from '../command';
import { connectCliNode } from '../node-target';
import { formatTable } from '../table';
import { escapeForTerminal } from '../terminal-text';

function verdictText(entry: ManifestEntry): string {
  const v = entry.verdict;
  switch (v.kind) {
    case 'pod':
      return v.winner
        ? `pod ${v.namespace}/${v.podName}, ${v.judgedAs}`
        : `pod ${v.namespace}/${v.podName} (ignored: ${v.shadowedBy} wins), ${v.judgedAs}`;
    case 'error':
      return `rejected (${v.judgedAs}): ${v.error}`;
    case 'ignored-dot':
      return 'ignored (starts with a dot)';
    case 'directory':
      return 'not read (directory)';
    case 'not-regular':
      return `not read (${v.detail})`;
  }
}

export async function run(context: CliContext): Promise<number> {
  const client = await context.client();
  const node = await connectCliNode(client, context.args.positionals[0]);
  const view = await client.call('manifests.list', { id: node.id });
  if (context.json) {
    context.out(JSON.stringify(view));
    return 0;
  }
  context.out(
    `${escapeForTerminal(view.path ?? '(no static pod path)')}  — ${escapeForTerminal(view.sourceExplanation)}`,
  );
  if (view.entries.length > 0)
    context.out(
      `Verdicts for ${escapeForTerminal(view.kubeletVersion.described)} (${escapeForTerminal(view.kubeletVersion.evidence)}).`,
    );
  if (view.exists && view.entries.length === 0)
    context.out('The directory is empty: the kubelet runs no static pods from it.');
  if (view.entries.length > 0) {
    context.out(
      formatTable(
        ['NAME', 'SIZE', 'OWNER', 'MODE', 'MODIFIED', 'KUBELET'],
        view.entries.map((e) => [
          e.name,
          String(e.size),
          `${e.owner}:${e.group}`,
          e.mode,
          new Date(e.mtime).toISOString().slice(0, 19).replace('T', ' '),
          verdictText(e),
        ]),
      ),
    );
  }
  for (const f of view.findings) context.out(`${f.severity.toUpperCase()}: ${escapeForTerminal(f.message)}`);
  return 0;
}
