/**
 * The node a CLI command acts on: `sandbox`, a node of the node list by name or id, or an SSH
 * target (`user@host[:port]` or an ~/.ssh/config alias), which is added to the node list as
 * the app would. The node is connected before the command runs.
 */
import type { ContractClient, NodeSummary } from '../../contract';
import { UsageError } from './args';

export async function connectCliNode(
  client: ContractClient,
  target: string | undefined,
): Promise<NodeSummary> {
  if (!target)
    throw new UsageError(
      'name a node: sandbox, a node from `kubelet-studio nodes`, user@host[:port] or an ssh alias',
    );
  const nodes = await client.call('nodes.list', {});
  const wanted = target.toLowerCase();
  let node =
    nodes.find((n) => n.id === target) ??
    nodes.find((n) => n.name.toLowerCase() === wanted || n.target === target) ??
    (wanted === 'sandbox' ? nodes.find((n) => n.kind === 'sandbox') : undefined);
  node ??= await client.call('nodes.add', { target });
  if (node.state === 'connected') return node;
  const connected = await client.call('nodes.connect', { id: node.id });
  if (connected.kind === 'sandbox' && bootedByThisProcess(connected.startedAt)) {
    // Say so once, when it starts: it keeps running after this command (sandbox-node.ts).
    process.stderr.write(
      'Kubelet Studio: started the Sandbox node; it keeps running for the next commands and the app. Stop it with: kubelet-studio sandbox stop\n',
    );
  }
  return connected;
}

function bootedByThisProcess(startedAt: number | undefined): boolean {
  return startedAt !== undefined && startedAt >= Date.now() - process.uptime() * 1000;
}
