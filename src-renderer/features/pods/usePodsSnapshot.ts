import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { useApi } from '../../api/ApiProvider';

/** Live refresh period (issue 6 point 6): one batched round trip per cycle for the whole node. */
export const REFRESH_MS = 2000;

/**
 * The node's pods snapshot, refreshed every 2 s while the page is visible and on demand. A
 * refresh never overlaps the previous one, so a slow node gets fewer cycles, not a pile-up.
 */
export function usePodsSnapshot(node: NodeSummary | null) {
  const { client } = useApi();
  const [snapshot, setSnapshot] = useState<NodePodsSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const nodeId = node?.state === 'connected' ? node.id : null;

  const refresh = useCallback(async () => {
    if (!nodeId || busy.current) return;
    busy.current = true;
    setLoading(true);
    try {
      setSnapshot(await client.call('pods.snapshot', { id: nodeId }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [client, nodeId]);

  useEffect(() => {
    setSnapshot(null);
    setError(null);
    if (!nodeId) return;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [nodeId, refresh]);

  return { snapshot, error, loading, refresh };
}

/** A clock that ticks every second, so ages move between refreshes. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
