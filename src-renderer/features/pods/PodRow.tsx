import type { CSSProperties } from 'react';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { humanAge, summarizePod } from '../../../src-main/contract/domain/node-pods-summary';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { clockTime, podChangedSince } from '../timeline/since';
import { compactImage, containersText, containersTitle } from './compact-cells';

const KIND_LABEL: Record<string, string> = {
  static: 'static',
  mirror: 'static',
  daemonset: 'DaemonSet',
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  job: 'Job',
  controlled: 'controlled',
  plain: 'plain pod',
  unknown: 'runtime only',
};

interface Props {
  pod: JoinedPod;
  /** The row's id, for the grid's aria-activedescendant. */
  id: string;
  rowIndex: number;
  now: number;
  selected: boolean;
  /** A separator above the first of the node's other pods (issue 6 point 1: listed apart). */
  firstOther: boolean;
  flag: 'error' | 'warning' | 'info' | undefined;
  style: CSSProperties;
  onSelect(uid: string): void;
  onOpen(uid: string): void;
}

export const FLAG_WORDS = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * One pod on two lines, so the two views fit side by side in the pane (issue 6 point 1): the
 * name (sticky when the pane is narrow) over its kind and namespace; per view, state, ready,
 * restarts and age over the view's container ids / IP and image short forms. Every shortened
 * cell carries the full value in its title. The DOM order is the reading order (name, kind,
 * crictl, kubectl), which is also each row's accessible name.
 */
export function PodRow({
  pod,
  id,
  rowIndex,
  now,
  selected,
  firstOther,
  flag,
  style,
  onSelect,
  onOpen,
}: Props) {
  const s = summarizePod(pod);
  // A moment chosen on the timeline: mark the pods the runtime changed after it.
  const { since } = useWorkspace();
  const changedAt = since === null ? null : podChangedSince(pod, since);
  const age = (ms: number | null) => (ms ? humanAge(now - ms) : '–');
  const apiState = s.api ? `${s.api.state}${pod.mirrorStale ? ' (stale)' : ''}` : 'no mirror';
  const apiLine2 = s.api ? [s.api.ip ?? '–', ...s.api.images.map(compactImage)].join(' ') : '–';
  const apiTitle = s.api
    ? [`IP ${s.api.ip ?? '–'}`, containersTitle(s.api.containerIds, s.api.images)].filter(Boolean).join('\n')
    : 'No mirror pod in the API server';
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-uid={pod.uid}
      data-origin={pod.origin}
      data-changed-since={changedAt !== null ? '' : undefined}
      className={`pods-row pods-row-data${selected ? ' selected' : ''}${firstOther ? ' pods-first-other' : ''}${flag ? ` flagged-${flag}` : ''}`}
      style={style}
      onClick={() => onSelect(pod.uid)}
      onDoubleClick={() => onOpen(pod.uid)}
    >
      <span
        role="gridcell"
        className="pods-sticky pods-name pods-a-name"
        title={`${pod.namespace}/${pod.name}`}
      >
        {flag ? (
          <span className={`pods-dot pods-dot-${flag}`} role="img" aria-label={FLAG_WORDS[flag]} />
        ) : null}
        {pod.name}
        {changedAt !== null ? (
          <span
            className="pods-changed"
            title={`A sandbox or container of this pod was created at ${clockTime(changedAt)}, after the moment chosen on the timeline`}
          >
            changed {clockTime(changedAt)}
          </span>
        ) : null}
      </span>
      <span
        role="gridcell"
        className={`pods-sticky pods-kind pods-kind-${s.kind} pods-a-kind`}
        title={`${KIND_LABEL[s.kind] ?? s.kind} pod in namespace ${pod.namespace}`}
      >
        {KIND_LABEL[s.kind] ?? s.kind} · {pod.namespace}
      </span>
      <span role="gridcell" className="pods-side pods-a-cs" title={`crictl: ${s.runtime.state}`}>
        {s.runtime.state}
      </span>
      <span role="gridcell" className="pods-num pods-a-cr">
        {s.runtime.ready}
      </span>
      <span role="gridcell" className="pods-num pods-a-cx">
        {s.runtime.restarts}
      </span>
      <span role="gridcell" className="pods-num pods-a-ca">
        {age(s.runtime.createdAtMs)}
      </span>
      <span
        role="gridcell"
        className="pods-side pods-line2 pods-mono pods-a-c2"
        title={containersTitle(s.runtime.containerIds, s.runtime.images) || 'No container in the runtime'}
      >
        {containersText(s.runtime.containerIds, s.runtime.images)}
      </span>
      <span role="gridcell" className="pods-side pods-a-ks" title={`kubectl: ${apiState}`}>
        {apiState}
      </span>
      <span role="gridcell" className="pods-num pods-a-kr">
        {s.api?.ready ?? '–'}
      </span>
      <span role="gridcell" className="pods-num pods-a-kx">
        {s.api?.restarts ?? '–'}
      </span>
      <span role="gridcell" className="pods-num pods-a-ka">
        {age(s.api?.createdAtMs ?? null)}
      </span>
      <span role="gridcell" className="pods-side pods-line2 pods-mono pods-a-k2" title={apiTitle}>
        {apiLine2}
      </span>
    </div>
  );
}
