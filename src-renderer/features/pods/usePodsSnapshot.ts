import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { useApi } from '../../api/ApiProvider';

/** Live refresh period (issue 6 point 6): one batched round trip per cycle for the whole node. */
export const REFRESH_MS = 2000;

/**
 * The last snapshot read of each node, kept for the whole session: switching back to a node, or
 * losing it for a while, shows its last known state at once (marked stale) instead of nothing.
 */
const lastSnapshots = new Map<string, NodePodsSnapshot>();

/**
 * The node's pods snapshot, refreshed every 2 s while the page is visible and on demand. A
 * refresh never overlaps the previous one, so a slow node gets fewer cycles, not a pile-up.
 * While the node reconnects the last snapshot stays; `stale` says it is not current.
 */
export function usePodsSnapshot(node: NodeSummary | null) {
  const { client } = useApi();
  const [snapshot, setSnapshot] = useState<NodePodsSnapshot | null>(() =>
    node ? (lastSnapshots.get(node.id) ?? null) : null,
  );
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const nodeId = node?.state === 'connected' ? node.id : null;
  const shownId = node?.id ?? null;
  const shown = useRef(shownId);
  shown.current = shownId;

  const refresh = useCallback(async () => {
    if (!nodeId || busy.current) return;
    busy.current = true;
    setLoading(true);
    try {
      const next = await client.call('pods.snapshot', { id: nodeId });
      lastSnapshots.set(nodeId, next);
      // A reply for a node no longer shown is kept for it, never shown under another node.
      if (shown.current === nodeId) {
        setSnapshot(next);
        setError(null);
      }
    } catch (e) {
      if (shown.current === nodeId) setError((e as Error).message);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [client, nodeId]);

  // Another node: its own last snapshot (or none yet).
  useEffect(() => {
    setSnapshot(shownId ? (lastSnapshots.get(shownId) ?? null) : null);
    setError(null);
  }, [shownId]);

  // Disconnected on purpose: what was read is no longer kept.
  useEffect(() => {
    if (node?.state === 'disconnected') {
      lastSnapshots.delete(node.id);
      setSnapshot(null);
    }
  }, [node?.id, node?.state]);

  useEffect(() => {
    if (!nodeId) return;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [nodeId, refresh]);

  const stale = snapshot !== null && (node?.state !== 'connected' || (error !== null && !loading));
  return { snapshot, error, loading, refresh, stale };
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
