import { forwardRef, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useAnnounce } from '../../components/Announcer';
import { ConnectionBadge, CONNECTION_LABELS } from '../../components/ConnectionBadge';
import { EmptyState } from '../../components/EmptyState';
import { NodeSwatch } from '../../components/NodeTag';
import { PaneFrame } from '../../components/Pane';
import { AddNodeForm } from './AddNodeForm';
import { listMove } from './list-move';

interface NodeListProps {
  nodes: NodeSummary[];
  loaded: boolean;
  selectedId: string | null;
  onSelect(id: string): void;
}

const optionId = (id: string) => `node-option-${id}`;

/**
 * The left column: every node with its colour and connection state. The list is one tab stop;
 * ↑/↓, Home/End move the selection (announced), as a listbox does (WAI-ARIA APG "Listbox").
 */
export const NodeList = forwardRef<HTMLElement, NodeListProps>(function NodeList(
  { nodes, loaded, selectedId, onSelect },
  ref,
) {
  const announce = useAnnounce();
  const select = (node: NodeSummary, index: number) => {
    onSelect(node.id);
    announce(`${node.name}, ${CONNECTION_LABELS[node.state]}, ${index + 1} of ${nodes.length}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = nodes.findIndex((n) => n.id === selectedId);
    const next = listMove(event.key, index, nodes.length, 1);
    if (next === null) return;
    event.preventDefault();
    const node = nodes[next];
    if (node) select(node, next);
  };

  return (
    <PaneFrame
      ref={ref}
      id="nodes"
      title="Nodes"
      shortcut="Alt+1"
      element="nav"
      className="node-list"
      label="Nodes"
    >
      {loaded && nodes.length === 0 ? (
        <EmptyState title="No nodes yet">Add a node over SSH below; its panes open on the right.</EmptyState>
      ) : (
        <ul
          role="listbox"
          aria-label="Node list"
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-activedescendant={selectedId ? optionId(selectedId) : undefined}
        >
          {nodes.map((node, index) => (
            <li
              key={node.id}
              id={optionId(node.id)}
              role="option"
              aria-selected={node.id === selectedId}
              className={node.id === selectedId ? 'selected' : undefined}
              onClick={() => select(node, index)}
            >
              <span className="node-name">
                <NodeSwatch id={node.id} /> {node.name}
              </span>
              <span className="node-meta">{node.kind === 'sandbox' ? 'simulated, local' : node.target}</span>
              <ConnectionBadge state={node.state} reason={node.reason} />
            </li>
          ))}
        </ul>
      )}
      <AddNodeForm onAdded={onSelect} />
    </PaneFrame>
  );
});
