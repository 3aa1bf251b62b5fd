import type { NodeSummary } from '../../src-main/contract';

/**
 * The sentence a pane shows while it has nothing to show for the selected node: what will
 * appear, and what to do to get it. A failed connection's reason is shown once, in the node
 * header with its Retry; the panes only say that the node is not connected.
 */
export function notReadyMessage(node: NodeSummary | null, what: string): string | null {
  if (!node) return `Select a node on the left to see ${what}.`;
  if (node.state === 'connected') return null;
  if (node.state === 'connecting') return `Connecting to ${node.name}…`;
  if (node.state === 'reconnecting') return `Reconnecting to ${node.name}…`;
  if (node.state === 'failed') return `${node.name} is not connected: the connection failed (see above).`;
  return `Connect to ${node.name} to see ${what}.`;
}

/** Whether a pane may keep showing what it last read (greyed, marked stale) in this state. */
export function keepsLastState(node: NodeSummary | null): boolean {
  return node !== null && node.state !== 'disconnected';
}

/** "12:03:04" today, else the date and time: when the last known state was read. */
export function staleSince(ms: number): string {
  const d = new Date(ms);
  return new Date().toDateString() === d.toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}
