import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { ManifestDirectory } from '../../../src-main/contract/domain/manifests';
import { useApi } from '../../api/ApiProvider';

/** How often the list is re-read while shown: the kubelet re-lists every 20 s (docs/kubelet.md §1.1). */
const REFRESH_MS = 10_000;

/**
 * One node's static pod directory (manifests.list), refreshed on a timer while shown and on
 * demand. The last listing stays (with when it was read) while the node reconnects, so the pane
 * can show it greyed out instead of nothing.
 */
export function useManifestDirectory(node: NodeSummary, active: boolean) {
  const { client } = useApi();
  const [directory, setDirectory] = useState<ManifestDirectory | null>(null);
  const [readAt, setReadAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const id = node.state === 'connected' ? node.id : null;

  const refresh = useCallback(async () => {
    if (!id) return;
    const mine = ++generation.current;
    setLoading(true);
    try {
      const listed = await client.call('manifests.list', { id });
      if (mine !== generation.current) return;
      setDirectory(listed);
      setReadAt(Date.now());
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [client, id]);

  useEffect(() => {
    if (node.state === 'disconnected') {
      setDirectory(null);
      setReadAt(null);
    }
  }, [node.state]);

  useEffect(() => {
    if (!id || !active) return;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearInterval(timer);
      generation.current++;
      setLoading(false);
    };
  }, [id, active, refresh]);

  return { directory, readAt, error, loading, refresh };
}
