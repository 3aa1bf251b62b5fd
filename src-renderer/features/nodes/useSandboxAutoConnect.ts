import { useEffect, useRef } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';

/**
 * Connects the Sandbox node once at start, so a newcomer sees every pane working without any
 * set-up (issue 3). After that, connecting and disconnecting are the user's choice.
 */
export function useSandboxAutoConnect(nodes: NodeSummary[]): void {
  const { client } = useApi();
  const tried = useRef(false);
  useEffect(() => {
    const sandbox = nodes.find((n) => n.kind === 'sandbox');
    if (!sandbox || tried.current) return;
    tried.current = true;
    if (sandbox.state === 'disconnected')
      client.call('nodes.connect', { id: sandbox.id }).catch(() => undefined);
  }, [nodes, client]);
}
