import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { humanAge, summarizePod } from '../../../src-main/contract/domain/node-pods-summary';

const ROW_HEIGHT = 26;
const KIND_LABEL: Record<string, string> = {
  static: 'static', mirror: 'static', daemonset: 'DaemonSet', deployment: 'Deployment', replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet', job: 'Job', controlled: 'controlled', plain: 'plain pod', unknown: 'runtime only',
};

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
 * The joined table: crictl's view and kubectl's view side by side; static pods first, the
 * node's other pods apart below, each marked for what created it (issue 6 point 1). Virtualised
 * (fixed row height) so 400 pods stay smooth. ↑/↓ select, Enter opens the details.
 */
export function PodsTable({ pods, now, selectedUid, flagged, onSelect, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: pods.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
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
    <div className="pods-table" role="grid" aria-label="Pods: crictl and kubectl side by side" aria-rowcount={pods.length} tabIndex={0} onKeyDown={onKeyDown}>
      <div className="pods-row pods-head" role="row">
        <span role="columnheader">Pod</span>
        <span role="columnheader">Kind</span>
        <span role="columnheader" className="pods-side">crictl: state</span>
        <span role="columnheader">ready</span>
        <span role="columnheader">restarts</span>
        <span role="columnheader">age</span>
        <span role="columnheader">containers</span>
        <span role="columnheader" className="pods-side">kubectl: status</span>
        <span role="columnheader">ready</span>
        <span role="columnheader">restarts</span>
        <span role="columnheader">age</span>
        <span role="columnheader">IP</span>
      </div>
      <div ref={scroller} className="pods-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const pod = pods[item.index] as JoinedPod;
            const s = summarizePod(pod);
            const previous = pods[item.index - 1];
            const firstOther = pod.origin === 'api' && previous?.origin === 'static';
            const flag = flagged.get(pod.uid);
            return (
              <div
                key={pod.uid}
                role="row"
                aria-selected={pod.uid === selectedUid}
                data-uid={pod.uid}
                data-origin={pod.origin}
                className={`pods-row${pod.uid === selectedUid ? ' selected' : ''}${firstOther ? ' pods-first-other' : ''}${flag ? ` flagged-${flag}` : ''}`}
                style={{ position: 'absolute', top: item.start, height: ROW_HEIGHT, left: 0, right: 0 }}
                onClick={() => onSelect(pod.uid)}
                onDoubleClick={() => onOpen(pod.uid)}
              >
                <span role="gridcell" className="pods-name" title={`${pod.namespace}/${pod.name}`}>
                  {flag ? <span className={`pods-dot pods-dot-${flag}`} aria-label={flag} /> : null}
                  {pod.name}
                </span>
                <span role="gridcell" className={`pods-kind pods-kind-${s.kind}`}>{KIND_LABEL[s.kind] ?? s.kind}</span>
                <span role="gridcell" className="pods-side">{s.runtime.state}</span>
                <span role="gridcell">{s.runtime.ready}</span>
                <span role="gridcell">{s.runtime.restarts}</span>
                <span role="gridcell">{s.runtime.createdAtMs ? humanAge(now - s.runtime.createdAtMs) : '–'}</span>
                <span role="gridcell" className="pods-mono" title={s.runtime.images.join('\n')}>{s.runtime.containerIds.join(' ') || '–'}</span>
                <span role="gridcell" className="pods-side">{s.api ? `${s.api.state}${pod.mirrorStale ? ' (stale)' : ''}` : 'no mirror'}</span>
                <span role="gridcell">{s.api?.ready ?? '–'}</span>
                <span role="gridcell">{s.api?.restarts ?? '–'}</span>
                <span role="gridcell">{s.api?.createdAtMs ? humanAge(now - s.api.createdAtMs) : '–'}</span>
                <span role="gridcell" className="pods-mono">{s.api?.ip ?? '–'}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
