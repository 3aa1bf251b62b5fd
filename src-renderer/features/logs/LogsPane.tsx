import { forwardRef } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';

/** The kubelet's journal, parsed as klog. */
export const LogsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function LogsPane({ node }, ref) {
  const message = notReadyMessage(node, 'its kubelet logs');
  return (
    <Pane ref={ref} id="logs" title="Kubelet logs" shortcut="Alt+4">
      <EmptyState title={message ?? 'The kubelet log'}>
        The kubelet's journal, followed live, with severity, pod filters and search.
      </EmptyState>
    </Pane>
  );
});
