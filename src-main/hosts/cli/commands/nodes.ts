import type { CliContext } from '../command';
import { formatTable } from '../table';

/** `kubelet-studio nodes`: the node list, as the app's left column shows it. */
export async function run(context: CliContext): Promise<number> {
  const client = await context.client();
  const nodes = await client.call('nodes.list', {});
  if (context.json) {
    context.out(JSON.stringify(nodes));
    return 0;
  }
  if (nodes.length === 0) {
    context.out('No nodes yet. Add one with: kubelet-studio call nodes.add \'{"target":"user@host"}\'');
    return 0;
  }
  context.out(
    formatTable(
      ['NAME', 'KIND', 'TARGET', 'STATE'],
      nodes.map((n) => [n.name, n.kind, n.target || '-', n.state]),
    ),
  );
  return 0;
}
