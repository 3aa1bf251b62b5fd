import { useEffect, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';

/** The node list, live: the first event carries the whole list, later ones changes. */
export function useNodes(): { nodes: NodeSummary[]; loaded: boolean } {
  const { client } = useApi();
  const [nodes, setNodes] = useState<NodeSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const stream = client.open(
      'nodes.events',
      {},
      {
        onEvent(event) {
          if (event.type === 'list') {
            setNodes(event.nodes);
            setLoaded(true);
          } else {
            setNodes((current) =>
              current.map((node) =>
                node.id === event.id ? { ...node, state: event.state, reason: event.reason } : node,
              ),
            );
          }
        },
      },
    );
    return () => stream.close();
  }, [client]);
  return { nodes, loaded };
}
