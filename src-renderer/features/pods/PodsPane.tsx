import { forwardRef, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { Finding } from '../../../src-main/contract/domain/node-pods';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';
import { FindingsList } from './FindingsList';
import { PodDetails } from './PodDetails';
import { PodsTable } from './PodsTable';
import { useNow, usePodsSnapshot } from './usePodsSnapshot';
import './pods.css';

/** The static pods as the runtime sees them (crictl) beside the mirror pods (kubectl), joined, with findings. */
export const PodsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function PodsPane(
  { node },
  ref,
) {
  const message = notReadyMessage(node, 'its pods');
  const { snapshot, error, loading, refresh } = usePodsSnapshot(node);
  const now = useNow();
  const [selectedUid, setSelectedUid] = useState<string | null>(null);
  const [openUid, setOpenUid] = useState<string | null>(null);
  useEffect(() => {
    setSelectedUid(null);
    setOpenUid(null);
  }, [node?.id]);

  const flagged = useMemo(() => {
    const map = new Map<string, Finding['severity']>();
    for (const f of snapshot?.findings ?? [])
      if (f.podUid && !map.has(f.podUid)) map.set(f.podUid, f.severity);
    return map;
  }, [snapshot]);
  const openPod = snapshot?.pods.find((p) => p.uid === openUid) ?? null;

  const onKeyDown = (event: KeyboardEvent) => {
    // R refreshes now (issue 6 point 6), unless typing in a field.
    if (
      (event.key === 'r' || event.key === 'R') &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !(event.target instanceof HTMLInputElement)
    ) {
      event.preventDefault();
      void refresh();
    } else if (event.key === 'Escape' && openUid) setOpenUid(null);
  };

  const actions =
    node?.state === 'connected' ? (
      <>
        <span className="pods-muted" aria-live="polite">
          {snapshot
            ? `${snapshot.pods.length} pods · ${snapshot.findings.length} findings${loading ? ' · refreshing…' : ''}`
            : 'Reading…'}
        </span>
        <button type="button" onClick={() => void refresh()} title="Refresh now (R)">
          Refresh <kbd>R</kbd>
        </button>
      </>
    ) : null;

  return (
    <Pane ref={ref} id="pods" title="Pods" shortcut="Alt+3" actions={actions}>
      <div className="pods-pane" onKeyDown={onKeyDown}>
        {message ? (
          <EmptyState title={message}>
            The runtime's sandboxes and containers (crictl) beside the API server's mirror pods (kubectl),
            joined on the static UID.
          </EmptyState>
        ) : !snapshot ? (
          <EmptyState title={error ? `Could not read the pods: ${error}` : 'Reading the pods…'}>
            {error
              ? 'Press R to try again.'
              : 'One round trip: crictl, kubectl, the manifests and the kubelet journal.'}
          </EmptyState>
        ) : (
          <>
            {error ? (
              <p className="pods-error" role="alert">
                Last refresh failed: {error}
              </p>
            ) : null}
            <div className="pods-sources">
              {snapshot.setup ? (
                <span title={snapshot.setup.evidence.join('\n')} data-testid="node-setup">
                  {snapshot.setup.label} ({snapshot.setup.support})
                  {snapshot.setup.support !== 'supported' && snapshot.setup.supportNote
                    ? `: ${snapshot.setup.supportNote}`
                    : ''}
                </span>
              ) : null}
              <span title={snapshot.tools?.crictl.version ?? undefined}>
                crictl{snapshot.tools?.crictl.path ? ` (${snapshot.tools.crictl.argv.join(' ')})` : ''}:{' '}
                {snapshot.runtime.available ? 'ok' : snapshot.runtime.reason}
              </span>
              <span title={snapshot.tools?.kubectl.version ?? undefined}>
                kubectl:{' '}
                {snapshot.api.available
                  ? `ok (${snapshot.api.via === 'kubeconfig' ? 'your kubeconfig' : 'on the node'})`
                  : snapshot.api.reason}
              </span>
              {snapshot.kubeletLog ? (
                <span>
                  kubelet log ({snapshot.kubeletLog.source}):{' '}
                  {snapshot.kubeletLog.readable
                    ? `last ${snapshot.kubeletLog.windowSeconds} s read`
                    : snapshot.kubeletLog.reason}
                </span>
              ) : null}
            </div>
            <PodsTable
              pods={snapshot.pods}
              now={now}
              selectedUid={selectedUid}
              flagged={flagged}
              onSelect={setSelectedUid}
              onOpen={(uid) => {
                setSelectedUid(uid);
                setOpenUid(uid);
              }}
            />
            {openPod && node ? (
              <PodDetails
                nodeId={node.id}
                pod={openPod}
                findings={snapshot.findings.filter((f) => f.podUid === openPod.uid)}
                crashes={snapshot.crashes}
              />
            ) : (
              <FindingsList findings={snapshot.findings} compact />
            )}
          </>
        )}
      </div>
    </Pane>
  );
});
