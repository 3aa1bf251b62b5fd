import { forwardRef } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';

/** The static pods as the runtime sees them (crictl) beside the mirror pods (kubectl). */
export const PodsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function PodsPane({ node }, ref) {
  const message = notReadyMessage(node, 'its pods');
  return (
    <Pane ref={ref} id="pods" title="Pods" shortcut="Alt+3">
      <div className="pods-columns">
        <div className="pods-column" aria-label="crictl view">
          <h3>crictl · container runtime</h3>
          <EmptyState title={message ?? 'Pod sandboxes and containers'}>
            What the container runtime runs: sandboxes, containers, restarts.
          </EmptyState>
        </div>
        <div className="pods-column" aria-label="kubectl view">
          <h3>kubectl · API server</h3>
          <EmptyState title={message ?? 'Mirror pods'}>
            What the API server shows: mirror pods of the static pods and the node's other pods.
          </EmptyState>
        </div>
      </div>
    </Pane>
  );
});
