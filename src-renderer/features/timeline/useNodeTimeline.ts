import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { NodeTimeline } from '../../../src-main/contract/domain/node-timeline';
import { useApi } from '../../api/ApiProvider';

/** The timeline is read this often: the pods snapshot that feeds it refreshes every 2 s. */
export const TIMELINE_REFRESH_MS = 3000;

/** The node's timeline over the last `spanMs`, refreshed while the node is connected and the page visible. */
export function useNodeTimeline(node: NodeSummary | null, spanMs: number) {
  const { client } = useApi();
  const [timeline, setTimeline] = useState<NodeTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const nodeId = node?.state === 'connected' ? node.id : null;
  const shown = useRef(nodeId);
  shown.current = nodeId;

  const refresh = useCallback(async () => {
    if (!nodeId || busy.current) return;
    busy.current = true;
    try {
      const next = await client.call('timeline.get', { id: nodeId, spanMs });
      // A reply for a node no longer shown is never shown under another node.
      if (shown.current === nodeId) {
        setTimeline(next);
        setError(null);
      }
    } catch (e) {
      if (shown.current === nodeId) setError((e as Error).message);
    } finally {
      busy.current = false;
    }
  }, [client, nodeId, spanMs]);

  useEffect(() => {
    setTimeline(null);
    setError(null);
  }, [node?.id]);

  useEffect(() => {
    if (!nodeId) return;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, TIMELINE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [nodeId, refresh]);

  return { timeline, error };
}
