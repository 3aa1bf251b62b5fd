import { forwardRef, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { ConnectionBadge } from '../../components/ConnectionBadge';
import { EmptyState } from '../../components/EmptyState';
import { AddNodeForm } from './AddNodeForm';

interface NodeListProps {
  nodes: NodeSummary[];
  loaded: boolean;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The left column: every node with its connection state; ↑/↓ move the selection. */
export const NodeList = forwardRef<HTMLElement, NodeListProps>(function NodeList(
  { nodes, loaded, selectedId, onSelect },
  ref,
) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = nodes.findIndex((n) => n.id === selectedId);
    const next = nodes[Math.min(nodes.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) onSelect(next.id);
  };

  return (
    <nav ref={ref} className="node-list" aria-label="Nodes" tabIndex={-1} data-pane="nodes">
      <header className="pane-header">
        <h2>Nodes</h2>
        <kbd className="pane-shortcut">Alt+1</kbd>
      </header>
      {loaded && nodes.length === 0 ? (
        <EmptyState title="No nodes yet">Add a node over SSH below; its panes open on the right.</EmptyState>
      ) : (
        <ul role="listbox" aria-label="Node list" tabIndex={0} onKeyDown={onKeyDown}>
          {nodes.map((node) => (
            <li
              key={node.id}
              role="option"
              aria-selected={node.id === selectedId}
              className={node.id === selectedId ? 'selected' : undefined}
              onClick={() => onSelect(node.id)}
            >
              <span className="node-name">{node.name}</span>
              <span className="node-meta">{node.kind === 'sandbox' ? 'simulated, local' : node.target}</span>
              <ConnectionBadge state={node.state} reason={node.reason} />
            </li>
          ))}
        </ul>
      )}
      <AddNodeForm onAdded={onSelect} />
    </nav>
  );
});
