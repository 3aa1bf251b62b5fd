/**
 * Opens the `logs.follow` stream for the selected node while it is connected. The stream only
 * carries status (row counts, state, gaps); the rows stay in the core (issue 7 point 3).
 */
import { useEffect, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { LogFollowStatus } from '../../../src-main/contract/domain/logs';
import { useApi } from '../../api/ApiProvider';

export interface LogFollow {
  status: LogFollowStatus | null;
  error: string | null;
}

export function useLogFollow(node: NodeSummary | null): LogFollow {
  const { client } = useApi();
  const [status, setStatus] = useState<LogFollowStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The core's follower survives a reconnect (it resumes after the last line read, marking any
  // gap), so the stream stays open while the node reconnects: the lines read so far stay shown.
  const open = node?.state === 'connected' || node?.state === 'reconnecting';
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    if (open && node) setId(node.id);
    else if (node?.state !== 'reconnecting') setId(null);
  }, [open, node]);
  useEffect(() => {
    setStatus(null);
    setError(null);
    if (!id) return;
    const handle = client.open(
      'logs.follow',
      { id },
      {
        onEvent: (event) => setStatus(event),
        onEnd: (failure) => {
          if (failure) setError(failure.hint ? `${failure.message} ${failure.hint}` : failure.message);
        },
      },
    );
    return () => handle.close();
  }, [client, id]);
  return { status, error };
}
