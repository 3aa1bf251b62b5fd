import { forwardRef, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { Finding, JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { summarizePod } from '../../../src-main/contract/domain/node-pods-summary';
import { useAnnounce } from '../../components/Announcer';
import { EmptyState } from '../../components/EmptyState';
import { NotConnected, StaleNote } from '../../components/NotConnected';
import { Pane } from '../../components/Pane';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { notReadyMessage, staleSince } from '../paneMessages';
import { clockTime, podChangedSince } from '../timeline/since';
import { FindingsList } from './FindingsList';
import { filterPods, sortPods, type PodRowFacts, type PodSort, type SortColumn } from './pod-order';
import { PodDetails } from './PodDetails';
import { PodsTable } from './PodsTable';
import { useNow, usePodsSnapshot } from './usePodsSnapshot';
import './pods.css';

type Row = PodRowFacts & { pod: JoinedPod };

function factsOf(pod: JoinedPod, severity: Finding['severity'] | undefined): Row {
  const s = summarizePod(pod);
  return {
    pod,
    uid: pod.uid,
    name: pod.name,
    namespace: pod.namespace,
    kind: s.kind,
    origin: pod.origin,
    severity: severity ?? null,
    runtimeState: s.runtime.state,
    runtimeReady: s.runtime.ready,
    runtimeRestarts: s.runtime.restarts,
    runtimeCreatedMs: s.runtime.createdAtMs,
    apiState: s.api ? s.api.state : 'no mirror',
    apiReady: s.api?.ready ?? '–',
    apiRestarts: s.api?.restarts ?? null,
    apiCreatedMs: s.api?.createdAtMs ?? null,
  };
}

/**
 * The static pods as the runtime sees them (crictl) beside the mirror pods (kubectl), joined, with
 * findings. `/` filters, column headers sort, problem pods come first; the selected pod's details
 * open in a side panel (Enter, Space or a double click) that follows the selection and closes
 * with its × or Escape. While the node reconnects, the last snapshot stays, greyed and marked.
 */
export const PodsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function PodsPane(
  { node },
  ref,
) {
  const message = notReadyMessage(node, 'its pods');
  const { snapshot, error, loading, refresh, stale } = usePodsSnapshot(node);
  const { since } = useWorkspace();
  const now = useNow();
  const announce = useAnnounce();
  const [selectedUid, setSelectedUid] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PodSort | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setSelectedUid(null);
    setDetailsOpen(false);
  }, [node?.id]);

  const flagged = useMemo(() => {
    const map = new Map<string, Finding['severity']>();
    for (const f of snapshot?.findings ?? [])
      if (f.podUid && (!map.has(f.podUid) || f.severity === 'error')) map.set(f.podUid, f.severity);
    return map;
  }, [snapshot]);
  const rows = useMemo(() => {
    const all = (snapshot?.pods ?? []).map((pod) => factsOf(pod, flagged.get(pod.uid)));
    return sortPods(filterPods(all, query), sort);
  }, [snapshot, flagged, query, sort]);
  const selected = snapshot?.pods.find((p) => p.uid === selectedUid) ?? null;

  const select = (uid: string, by: 'keyboard' | 'pointer') => {
    setSelectedUid(uid);
    if (by !== 'keyboard') return;
    const at = rows.findIndex((r) => r.uid === uid);
    const row = rows[at];
    if (row)
      announce(
        `${row.name}, ${row.runtimeState}${row.severity ? `, has an ${row.severity === 'error' ? 'error' : 'warning'}` : ''}, ${at + 1} of ${rows.length}`,
      );
  };
  const onSort = (column: SortColumn) =>
    setSort((s) =>
      s?.column !== column
        ? { column, descending: false }
        : s.descending
          ? null
          : { column, descending: true },
    );

  const onKeyDown = (event: KeyboardEvent) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/' && !typing) {
      event.preventDefault();
      filterInput.current?.focus();
    } else if ((event.key === 'r' || event.key === 'R') && !typing) {
      // R refreshes now (issue 6 point 6), unless typing in a field.
      event.preventDefault();
      void refresh();
    } else if (event.key === 'Escape' && detailsOpen) {
      event.preventDefault();
      setDetailsOpen(false);
      grid.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
    } else if (event.key === 'Escape' && typing && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const connected = node?.state === 'connected';
  // A moment chosen on the timeline: how many pods the runtime changed after it (rows are marked).
  const changedCount =
    since === null || !snapshot
      ? null
      : snapshot.pods.filter((p) => podChangedSince(p, since) !== null).length;
  // A fixed-width status that never moves the header and is not a live region: a refresh every
  // 2 s is not news (the count says what changed when the user looks).
  const actions = snapshot ? (
    <>
      <span className="pods-count" data-testid="pods-count">
        {snapshot.pods.length} pods ·{' '}
        {(snapshot.causes ?? []).length > 0
          ? `${snapshot.causes.length} cause${snapshot.causes.length === 1 ? '' : 's'} of ${snapshot.findings.length} findings`
          : `${snapshot.findings.length} findings`}
      </span>
      {changedCount !== null && since !== null ? (
        <span className="pods-changed-count" data-testid="pods-changed-count">
          {changedCount} changed since {clockTime(since)}
        </span>
      ) : null}
      <span
        className={`pods-refreshing${loading ? ' is-on' : ''}`}
        title={loading ? 'Refreshing' : 'Refreshed every 2 s'}
        aria-hidden="true"
      />
      <button type="button" onClick={() => void refresh()} title="Refresh now (R)" disabled={!connected}>
        Refresh <kbd>R</kbd>
      </button>
    </>
  ) : null;

  let body;
  if (!snapshot) {
    body = message ? (
      <NotConnected node={node} title={message}>
        The runtime's sandboxes and containers (crictl) beside the API server's mirror pods (kubectl), joined
        on the static UID.
      </NotConnected>
    ) : (
      <EmptyState title={error ? `Could not read the pods: ${error}` : 'Reading the pods…'}>
        {error
          ? 'Press R to try again.'
          : 'One round trip: crictl, kubectl, the manifests and the kubelet journal.'}
      </EmptyState>
    );
  } else {
    body = (
      <div className={`pods-layout${detailsOpen && selected ? ' with-details' : ''}`}>
        <div className={`pods-main${stale ? ' is-stale' : ''}`} ref={grid}>
          {stale && node ? <StaleNote node={node} since={staleSince(snapshot.takenAt)} /> : null}
          {error && !stale ? (
            <p className="pods-error" role="alert">
              Last refresh failed: {error}
            </p>
          ) : null}
          <div className="pods-toolbar">
            <label className="pods-filter">
              <span>Filter</span>
              <input
                ref={filterInput}
                type="search"
                value={query}
                placeholder="name, namespace, state…  ( / )"
                onChange={(e) => setQuery(e.target.value)}
                aria-keyshortcuts="/"
              />
            </label>
            {query ? (
              <span className="pods-muted" data-testid="pods-shown">
                {rows.length} of {snapshot.pods.length}
              </span>
            ) : null}
            <span className="pods-sources">
              {snapshot.setup ? (
                <span title={snapshot.setup.evidence.join('\n')} data-testid="node-setup">
                  {snapshot.setup.label} ({snapshot.setup.support})
                  {snapshot.setup.support !== 'supported' && snapshot.setup.supportNote
                    ? `: ${snapshot.setup.supportNote}`
                    : ''}
                </span>
              ) : null}
              {snapshot.nodeNameInfo ? (
                <span title={snapshot.nodeNameInfo.how} data-testid="node-name-source">
                  node name {snapshot.nodeNameInfo.name}
                  {snapshot.nodeNameInfo.certain ? '' : ' (not confirmed)'}
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
            </span>
          </div>
          <PodsTable
            pods={rows.map((r) => r.pod)}
            total={rows.length}
            now={now}
            selectedUid={selectedUid}
            flagged={flagged}
            sort={sort}
            onSort={onSort}
            onSelect={select}
            onOpen={(uid) => {
              setSelectedUid(uid);
              setDetailsOpen(true);
            }}
          />
          <div className="pods-findings-area">
            <FindingsList findings={snapshot.findings} causes={snapshot.causes ?? []} node={node} compact />
          </div>
        </div>
        {detailsOpen && selected && node ? (
          <PodDetails
            nodeId={node.id}
            pod={selected}
            findings={snapshot.findings.filter((f) => f.podUid === selected.uid)}
            crashes={snapshot.crashes}
            onClose={() => {
              setDetailsOpen(false);
              grid.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
            }}
          />
        ) : null}
      </div>
    );
  }

  return (
    <Pane ref={ref} id="pods" title="Pods" shortcut="Alt+3" actions={actions} onKeyDown={onKeyDown}>
      <div className="pods-pane">{body}</div>
    </Pane>
  );
});
