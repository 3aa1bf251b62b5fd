/**
 * The watch hub: changes found between snapshots by resourceVersion, replayed after a version,
 * refused (null → 410 Expired) from before the history kept, as the watch cache does.
 */
import { describe, expect, it } from 'vitest';
import { WatchHub, type HubEvent } from '../../../../src-main/sandbox/apiserver/watch-hub';
import type { ApiPod } from '../../../../src-main/sandbox/model';
import { apiPod } from '../commands/api-fixture';

function pod(name: string, rv: number): ApiPod {
  const p = apiPod({ ns: 'default', name, ageMs: 0, containers: [{ ready: true }] });
  p.metadata.resourceVersion = String(rv);
  return p;
}

function hub(capacity = 1000) {
  let next = 1000;
  return new WatchHub(() => String(++next), capacity);
}

const summary = (events: HubEvent[]) => events.map((e) => [e.type, e.object.metadata.name, e.rv]);

describe('WatchHub', () => {
  it('the first snapshot is the baseline; then ADDED, MODIFIED and DELETED in version order', () => {
    const h = hub();
    h.observe({ pods: [pod('a', 10), pod('b', 11)], nodes: [] });
    expect(h.resourceVersion).toBe(11);
    const seen: HubEvent[] = [];
    h.subscribe(11, (e) => seen.push(e));
    h.observe({ pods: [pod('a', 14), pod('c', 12)], nodes: [] });
    expect(summary(seen)).toEqual([
      ['ADDED', 'c', 12],
      ['MODIFIED', 'a', 14],
      ['DELETED', 'b', 1001],
    ]);
    expect(seen[2]?.object.metadata.resourceVersion).toBe('1001');
    expect(seen[1]?.previous?.metadata.resourceVersion).toBe('10');
    // Same versions again: nothing new.
    h.observe({ pods: [pod('a', 14), pod('c', 12)], nodes: [] });
    expect(seen).toHaveLength(3);
  });

  it('replays what followed a version; refuses a version older than the history', () => {
    const h = hub(2);
    h.observe({ pods: [pod('a', 10)], nodes: [] });
    h.observe({ pods: [pod('a', 11)], nodes: [] });
    h.observe({ pods: [pod('a', 12)], nodes: [] });
    const replay: HubEvent[] = [];
    h.subscribe(11, (e) => replay.push(e));
    expect(summary(replay)).toEqual([['MODIFIED', 'a', 12]]);
    h.observe({ pods: [pod('a', 13)], nodes: [] });
    // Capacity 2: the event at 11 was dropped, so a watch from 10 would miss it.
    expect(h.subscribe(10, () => undefined)).toBeNull();
    expect(h.oldestResourceVersion).toBe(11);
    expect(h.subscribe(11, () => undefined)).not.toBeNull();
  });
});
