import { forwardRef, useEffect, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { NotConnected } from '../../components/NotConnected';
import { Pane } from '../../components/Pane';
import { NodeManifests } from './NodeManifests';
import './manifests.css';

/**
 * The static pod manifest directory, as the kubelet sees it, with a safe editor (issue 5). Every
 * node visited keeps its own directory, editor and watch (NodeManifests); only the selected
 * node's is shown, and none of them can write to another node.
 */
export const ManifestsPane = forwardRef<HTMLElement, { node: NodeSummary | null; nodes: NodeSummary[] }>(
  function ManifestsPane({ node, nodes }, ref) {
    const [visited, setVisited] = useState<string[]>([]);
    useEffect(() => {
      if (node && !visited.includes(node.id)) setVisited((v) => [...v, node.id]);
    }, [node, visited]);
    const kept = nodes.filter((n) => visited.includes(n.id));
    return (
      <Pane ref={ref} id="manifests" title="Manifests" shortcut="Alt+2">
        {node === null ? (
          <NotConnected node={null} title="Select a node on the left to see its static pod manifests." />
        ) : null}
        {kept.map((n) => (
          <NodeManifests key={n.id} node={n} active={n.id === node?.id} />
        ))}
      </Pane>
    );
  },
);
