import type { ReactNode } from 'react';
import type { NodeSummary } from '../../src-main/contract';
import { useApi } from '../api/ApiProvider';
import { EmptyState } from './EmptyState';

/**
 * A pane's empty state while its node is not connected: the sentence, and the button that gets
 * there (Connect, or Retry after a failure). The failure's reason is in the node header only.
 */
export function NotConnected({
  node,
  title,
  children,
}: {
  node: NodeSummary | null;
  title: string;
  children?: ReactNode;
}) {
  const { client } = useApi();
  const action =
    node && (node.state === 'disconnected' || node.state === 'failed') ? (
      <button
        type="button"
        className="primary"
        onClick={() => void client.call('nodes.connect', { id: node.id }).catch(() => undefined)}
      >
        {node.state === 'failed' ? 'Retry' : 'Connect'}
      </button>
    ) : null;
  return (
    <EmptyState title={title}>
      {children}
      {action ? <div className="empty-state-actions">{action}</div> : null}
    </EmptyState>
  );
}

/** The banner over a pane's last known state while its node is away. */
export function StaleNote({ node, since }: { node: NodeSummary; since: string }) {
  const why =
    node.state === 'reconnecting'
      ? `reconnecting to ${node.name}…`
      : node.state === 'connecting'
        ? `connecting to ${node.name}…`
        : node.state === 'failed'
          ? `${node.name} is not connected.`
          : 'the last refresh failed.';
  return (
    <p className="stale-note" data-testid="stale-note">
      <strong>Stale since {since}</strong> — {why} This is the last state read.
    </p>
  );
}
