/**
 * Watch events for pods and nodes, found by comparing snapshots of the simulated API: an object
 * that appears is ADDED, one whose resourceVersion changed is MODIFIED, one that is gone is
 * DELETED (with a resourceVersion of its own, as etcd gives the delete one). Every object change
 * in the simulation takes a new resourceVersion from one counter (engine/api/api-store.ts), so
 * comparing versions finds every change, in order.
 *
 * The hub keeps the last `capacity` events, as the watch cache keeps a window of history
 * (apiserver/pkg/storage/cacher): a watch from a resourceVersion inside the window replays what
 * followed it; one from before the window is refused with 410 Expired ("too old resource
 * version"), and a client lists again. Event shape: metav1.WatchEvent
 * (apimachinery/pkg/apis/meta/v1/watch.go: `{"type": …, "object": …}`).
 */
import type { ApiNode, ApiPod } from '../model';

export type WatchResource = 'pods' | 'nodes';
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type ApiObject = ApiPod | ApiNode;

export interface HubEvent {
  rv: number;
  type: WatchEventType;
  resource: WatchResource;
  object: ApiObject;
  /** The object as it was before this event (absent for ADDED). */
  previous?: ApiObject;
}

export interface Snapshot {
  pods: ApiPod[];
  nodes: ApiNode[];
}

const keyOf = (resource: WatchResource, o: ApiObject) => `${resource}/${o.metadata.uid}`;
const rvOf = (o: ApiObject) => Number(o.metadata.resourceVersion) || 0;

export class WatchHub {
  private known = new Map<string, { resource: WatchResource; object: ApiObject }>();
  private events: HubEvent[] = [];
  /** Events at or below this version are no longer kept. */
  private compactedRv = 0;
  private latestRv = 0;
  private readonly listeners = new Set<(e: HubEvent) => void>();
  private started = false;

  constructor(
    private readonly nextResourceVersion: () => string,
    private readonly capacity = 1000,
  ) {}

  /** The newest resourceVersion the hub has seen: what a list answers as its own. */
  get resourceVersion(): number {
    return this.latestRv;
  }

  /** Compares with the previous snapshot and emits what changed. The first one is the baseline. */
  observe(snapshot: Snapshot): void {
    const current = new Map<string, { resource: WatchResource; object: ApiObject }>();
    for (const pod of snapshot.pods) current.set(keyOf('pods', pod), { resource: 'pods', object: pod });
    for (const node of snapshot.nodes) current.set(keyOf('nodes', node), { resource: 'nodes', object: node });
    for (const { object } of current.values()) this.latestRv = Math.max(this.latestRv, rvOf(object));
    if (!this.started) {
      this.started = true;
      this.known = current;
      this.compactedRv = this.latestRv;
      return;
    }
    const fresh: HubEvent[] = [];
    for (const [key, entry] of current) {
      const before = this.known.get(key);
      if (!before) fresh.push({ rv: rvOf(entry.object), type: 'ADDED', ...entry });
      else if (before.object.metadata.resourceVersion !== entry.object.metadata.resourceVersion)
        fresh.push({ rv: rvOf(entry.object), type: 'MODIFIED', ...entry, previous: before.object });
    }
    for (const [key, before] of this.known) {
      if (current.has(key)) continue;
      const rv = this.nextResourceVersion();
      const object = structuredClone(before.object);
      object.metadata.resourceVersion = rv;
      fresh.push({
        rv: Number(rv),
        type: 'DELETED',
        resource: before.resource,
        object,
        previous: before.object,
      });
      this.latestRv = Math.max(this.latestRv, Number(rv));
    }
    this.known = current;
    fresh.sort((a, b) => a.rv - b.rv);
    for (const event of fresh) {
      this.events.push(event);
      for (const listener of this.listeners) listener(event);
    }
    if (this.events.length > this.capacity) {
      const dropped = this.events.splice(0, this.events.length - this.capacity);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
  }

  /**
   * Events after `fromRv` (replayed at once), then every new one, until unsubscribed. Returns
   * null when `fromRv` is older than the kept history (the caller answers 410 Expired).
   */
  subscribe(fromRv: number, listener: (e: HubEvent) => void): { unsubscribe(): void; oldest: number } | null {
    if (fromRv < this.compactedRv) return null;
    for (const event of this.events) if (event.rv > fromRv) listener(event);
    this.listeners.add(listener);
    return { unsubscribe: () => void this.listeners.delete(listener), oldest: this.compactedRv };
  }

  get oldestResourceVersion(): number {
    return this.compactedRv;
  }

  get watcherCount(): number {
    return this.listeners.size;
  }
}
