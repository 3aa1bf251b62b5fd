import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { PodRow } from './PodRow';

/** Two text lines a pod (see PodRow); fixed, so the virtualiser needs no measuring. */
const ROW_HEIGHT = 36;
/** The two header rows (views, then columns), sticky above the rows in the same scroller. */
const HEAD_HEIGHT = 42;

interface Props {
  pods: JoinedPod[];
  now: number;
  selectedUid: string | null;
  /** uids with an error / warning finding */
  flagged: Map<string, 'error' | 'warning' | 'info'>;
  onSelect(uid: string): void;
  onOpen(uid: string): void;
}

/**
 * The joined table: crictl's view and kubectl's view side by side under their own headers;
 * static pods first, the node's other pods apart below, each marked for what created it
 * (issue 6 point 1). Compact enough to fit the Pods pane at a 1400 px window; narrower, it
 * scrolls sideways with the header and the name column staying put. Virtualised (fixed row
 * height) so 400 pods stay smooth. ↑/↓ select, Enter opens the details.
 */
export function PodsTable({ pods, now, selectedUid, flagged, onSelect, onOpen }: Props) {
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

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(pods.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
      const pod = pods[next];
      if (pod) {
        onSelect(pod.uid);
        virtualizer.scrollToIndex(next);
      }
    } else if (event.key === 'Enter' && selectedUid) {
      event.preventDefault();
      onOpen(selectedUid);
    }
  }

  return (
    <div
      className="pods-table"
      role="grid"
      aria-label="Pods: crictl and kubectl side by side"
      aria-rowcount={pods.length + 2}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div ref={scroller} className="pods-scroll" data-testid="pods-scroll">
        <div className="pods-head" role="rowgroup" style={{ height: HEAD_HEIGHT }}>
          <div className="pods-row pods-head-groups" role="row">
            <span role="columnheader" className="pods-sticky pods-a-name">
              Pod
            </span>
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
          <div className="pods-row pods-head-columns" role="row">
            <span role="columnheader" className="pods-sticky pods-a-name">
              kind · namespace
            </span>
            <span role="columnheader" className="pods-side pods-a-cs">
              state
            </span>
            <span role="columnheader" className="pods-num pods-a-cr">
              ready
            </span>
            <span role="columnheader" className="pods-num pods-a-cx">
              restarts
            </span>
            <span role="columnheader" className="pods-num pods-a-ca">
              age
            </span>
            <span role="columnheader" className="pods-side pods-a-ks">
              status
            </span>
            <span role="columnheader" className="pods-num pods-a-kr">
              ready
            </span>
            <span role="columnheader" className="pods-num pods-a-kx">
              restarts
            </span>
            <span role="columnheader" className="pods-num pods-a-ka">
              age
            </span>
          </div>
        </div>
        <div className="pods-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const pod = pods[item.index] as JoinedPod;
            const previous = pods[item.index - 1];
            return (
              <PodRow
                key={pod.uid}
                pod={pod}
                now={now}
                selected={pod.uid === selectedUid}
                firstOther={pod.origin === 'api' && previous?.origin === 'static'}
                flag={flagged.get(pod.uid)}
                style={{ top: item.start - HEAD_HEIGHT, height: ROW_HEIGHT }}
                onSelect={onSelect}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
