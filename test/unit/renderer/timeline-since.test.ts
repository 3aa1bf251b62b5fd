/**
 * How the panes apply a moment chosen on the node timeline, and how events become markers.
 */
import { describe, expect, it } from 'vitest';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import type { NodeTimelineEvent } from '../../../src-main/contract/domain/node-timeline';
import { markersOf } from '../../../src-renderer/features/timeline/markers';
import {
  markerMove,
  modifiedSince,
  podChangedSince,
  withSince,
} from '../../../src-renderer/features/timeline/since';

const T0 = Date.UTC(2026, 11, 3, 17, 42, 5);

function event(id: string, atMs: number, kind: NodeTimelineEvent['kind']): NodeTimelineEvent {
  return {
    id,
    atMs,
    kind,
    title: id,
    detail: '',
    source: 'test',
    timeFrom: 'app-clock',
    pod: null,
    manifestPath: null,
  };
}

describe('the moment chosen on the timeline, per pane', () => {
  it('logs: the later of the filter’s own "from" and the moment', () => {
    expect(withSince({ text: 'x' }, T0)).toEqual({ text: 'x', sinceMs: T0 });
    expect(withSince({ sinceMs: T0 + 1 }, T0)).toEqual({ sinceMs: T0 + 1 });
    expect(withSince({ sinceMs: T0 - 1 }, T0)).toEqual({ sinceMs: T0 });
    const own = { text: 'y' };
    expect(withSince(own, null)).toBe(own);
  });

  it('pods: changed when a sandbox or container was created at or after it; no times, no claim', () => {
    const pod = {
      sandboxes: [{ createdAtMs: T0 - 60_000 }],
      containers: [{ createdAtMs: T0 + 2_000 }, { createdAtMs: T0 - 50_000 }],
    } as unknown as JoinedPod;
    expect(podChangedSince(pod, T0)).toBe(T0 + 2_000);
    expect(podChangedSince(pod, T0 + 3_000)).toBeNull();
    const untimed = { sandboxes: [{ createdAtMs: null }], containers: [] } as unknown as JoinedPod;
    expect(podChangedSince(untimed, 0)).toBeNull();
  });

  it('manifests: modified at or after it, by mtime', () => {
    expect(modifiedSince(T0, T0)).toBe(true);
    expect(modifiedSince(T0 - 1, T0)).toBe(false);
    expect(modifiedSince(T0, null)).toBe(false);
  });
});

describe('markers', () => {
  it('events in one slot of the axis share a marker at the earliest of them; order is time order', () => {
    const from = T0 - 15 * 60_000;
    const markers = markersOf(
      [
        event('restart', T0 + 1_000, 'container-restarted'),
        event('save', T0, 'manifest-saved'),
        event('old', from + 1_000, 'manifest-modified'),
      ],
      from,
      T0 + 60_000,
    );
    expect(markers.map((m) => [m.atMs, m.kind, m.events.length])).toEqual([
      [from + 1_000, 'manifest-modified', 1],
      [T0, 'container-restarted', 2],
    ]);
  });

  it('arrow keys, Home and End move between markers and stop at the ends', () => {
    expect(markerMove('ArrowRight', 2, 3)).toBe(2);
    expect(markerMove('ArrowLeft', 0, 3)).toBe(0);
    expect(markerMove('ArrowLeft', 2, 3)).toBe(1);
    expect(markerMove('Home', 2, 3)).toBe(0);
    expect(markerMove('End', 0, 3)).toBe(2);
    expect(markerMove('Enter', 0, 3)).toBeNull();
    expect(markerMove('ArrowRight', 0, 0)).toBeNull();
  });
});
