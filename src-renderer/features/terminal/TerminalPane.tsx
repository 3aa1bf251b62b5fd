import { forwardRef } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';

/** A shell on the node. */
export const TerminalPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function TerminalPane({ node }, ref) {
  const message = notReadyMessage(node, 'a terminal on it');
  return (
    <Pane ref={ref} id="terminal" title="Terminal" shortcut="Alt+5">
      <EmptyState title={message ?? 'A shell on the node'}>An interactive shell on the node, in tabs.</EmptyState>
    </Pane>
  );
});
