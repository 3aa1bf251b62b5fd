import { forwardRef } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';

/** The static pod manifest directory, as the kubelet sees it. */
export const ManifestsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function ManifestsPane({ node }, ref) {
  const message = notReadyMessage(node, 'its static pod manifests (/etc/kubernetes/manifests on kubeadm nodes)');
  return (
    <Pane ref={ref} id="manifests" title="Manifests" shortcut="Alt+2">
      <EmptyState title={message ?? 'The static pod manifest directory'}>
        Every file the kubelet reads from the static pod path, with the pod it yields and whether it
        parses — stray backups and name clashes flagged.
      </EmptyState>
    </Pane>
  );
});
