import type { NodeSummary } from '../../src-main/contract';

/**
 * The sentence a pane shows while it has nothing to show for the selected node: what will
 * appear, and what to do to get it.
 */
export function notReadyMessage(node: NodeSummary | null, what: string): string | null {
  if (!node) return `Select a node on the left to see ${what}.`;
  if (node.state === 'connected') return null;
  if (node.state === 'connecting' || node.state === 'reconnecting') return `Connecting to ${node.name}…`;
  if (node.state === 'failed')
    return `Could not connect to ${node.name}: ${node.reason ?? 'unknown reason'}.`;
  return `Connect to ${node.name} to see ${what}.`;
}
