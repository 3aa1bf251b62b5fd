import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { listMove } from '../nodes/list-move';
import type { PodSort, SortColumn } from './pod-order';
import { PodRow } from './PodRow';

/** Two text lines a pod (see PodRow); fixed, so the virtualiser needs no measuring. */
const ROW_HEIGHT = 36;
/** The two header rows (views, then columns), sticky above the rows in the same scroller. */
const HEAD_HEIGHT = 42;

interface Props {
  /** In table order (sorted and filtered by the pane). */
  pods: JoinedPod[];
  /** All the pods the node has, for the row count. */
  total: number;
  now: number;
  selectedUid: string | null;
  /** uids with an error / warning finding */
  flagged: Map<string, 'error' | 'warning' | 'info'>;
  sort: PodSort | null;
  onSort(column: SortColumn): void;
  onSelect(uid: string, by: 'keyboard' | 'pointer'): void;
  onOpen(uid: string): void;
}

const rowId = (uid: string) => `pod-row-${uid.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The joined table: crictl's view and kubectl's view side by side under their own headers
 * (issue 6 point 1). As tall as its rows while the pane has room; narrower than the columns, it
 * scrolls sideways with the header and the name column staying put. Virtualised (fixed row
 * height) so 400 pods stay smooth. The grid is one tab stop (aria-activedescendant, WAI-ARIA
 * APG "Grid"): ↑/↓, PageUp/PageDown, Home/End select; Enter or Space opens the details; column
 * headers sort (natural order).
 */
export function PodsTable({ pods, total, now, selectedUid, flagged, sort, onSort, onSelect, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The header sits inside the scroller (so it scrolls sideways with the rows): the rows start
  // below it, and a row scrolled into view must land below it too.
  const virtualizer = useVirtualizer({
    count: pods.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const index = pods.findIndex((p) => p.uid === selectedUid);

  // The selection stays in view when it moves (keys, another sort or filter).
  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index);
  }, [index, virtualizer]);

  function onKeyDown(event: KeyboardEvent) {
    if ((event.key === 'Enter' || event.key === ' ') && selectedUid) {
      event.preventDefault();
      onOpen(selectedUid);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const next = listMove(event.key, index, pods.length, page);
    if (next === null) return;
    event.preventDefault();
    const pod = pods[next];
    if (pod) onSelect(pod.uid, 'keyboard');
  }

  const header = (column: SortColumn, label: ReactNode, className: string, title?: string) => {
    const active = sort?.column === column;
    return (
      <span
        role="columnheader"
        className={className}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="pods-sort"
          tabIndex={-1}
          title={title ?? `Sort by ${typeof label === 'string' ? label : column}`}
          onClick={() => onSort(column)}
        >
          {label}
          <span className="pods-sort-mark" aria-hidden="true">
            {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </span>
        </button>
      </span>
    );
  };

  return (
    <div
      className="pods-table"
      role="grid"
      aria-label="Pods: crictl and kubectl side by side"
      aria-rowcount={total + 2}
      aria-activedescendant={selectedUid && index >= 0 ? rowId(selectedUid) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div ref={scroller} className="pods-scroll" data-testid="pods-scroll">
        <div className="pods-head" role="rowgroup" style={{ height: HEAD_HEIGHT }}>
          <div className="pods-row pods-head-groups" role="row" aria-rowindex={1}>
            {header(
              'name',
              'Pod',
              'pods-sticky pods-a-name',
              'Sort by name (natural order: app-2 before app-10)',
            )}
            <span
              role="columnheader"
              aria-colspan={5}
              className="pods-side pods-group pods-a-cg"
              title="The container runtime's view: crictl pods, crictl ps -a (second line: container ids, images)"
            >
              crictl <span className="pods-muted">· ids, image</span>
            </span>
            <span
              role="columnheader"
              aria-colspan={5}
              className="pods-side pods-group pods-a-kg"
              title="The API server's view: the mirror pod, kubectl get pods (second line: pod IP, images)"
            >
              kubectl <span className="pods-muted">· IP, image</span>
            </span>
          </div>
          <div className="pods-row pods-head-columns" role="row" aria-rowindex={2}>
            <span role="columnheader" className="pods-sticky pods-a-name">
              kind · namespace
            </span>
            {header('runtimeState', 'state', 'pods-side pods-a-cs')}
            {header('runtimeReady', 'ready', 'pods-num pods-a-cr')}
            {header('runtimeRestarts', 'restarts', 'pods-num pods-a-cx')}
            {header('runtimeAge', 'age', 'pods-num pods-a-ca')}
            {header('apiState', 'status', 'pods-side pods-a-ks')}
            {header('apiReady', 'ready', 'pods-num pods-a-kr')}
            {header('apiRestarts', 'restarts', 'pods-num pods-a-kx')}
            {header('apiAge', 'age', 'pods-num pods-a-ka')}
          </div>
        </div>
        <div className="pods-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const pod = pods[item.index] as JoinedPod;
            const previous = pods[item.index - 1];
            return (
              <PodRow
                key={pod.uid}
                id={rowId(pod.uid)}
                rowIndex={item.index + 3}
                pod={pod}
                now={now}
                selected={pod.uid === selectedUid}
                firstOther={sort === null && pod.origin === 'api' && previous?.origin === 'static'}
                flag={flagged.get(pod.uid)}
                style={{ top: item.start - HEAD_HEIGHT, height: ROW_HEIGHT }}
                onSelect={(uid) => onSelect(uid, 'pointer')}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
