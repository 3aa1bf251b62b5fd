/**
 * One node's timeline as the core observes it: events kept by id (the same change read twice is
 * one event), the last pod states to diff the next snapshot against, and the axis view.
 *
 * Bounded in memory: at most MAX_TIMELINE_EVENTS events a node (the oldest go first, counted in
 * `dropped`) and one PodStates (a few fields a pod); log buckets are not stored, they are
 * counted from the log store when asked (at most MAX_LOG_BUCKETS of them).
 */
import type { LogVolumeBucket, NodeTimeline, NodeTimelineEvent } from '../../contract/domain/node-timeline';
import type { NodePodsSnapshot } from '../../contract/domain/node-pods';
import { podChanges, podStatesOf, type PodStates } from './pod-changes';

export const MAX_TIMELINE_EVENTS = 500;

export interface TimelineLogs {
  bucketMs: number;
  buckets: LogVolumeBucket[];
  unavailable: string | null;
}

export class TimelineRecorder {
  private readonly events = new Map<string, NodeTimelineEvent>();
  private podStates: PodStates = null;
  private dropped = 0;
  private firstObservedMs: number | null = null;

  constructor(private readonly maxEvents = MAX_TIMELINE_EVENTS) {}

  /** Diffs a new pods snapshot against the previous one (pod-changes.ts). */
  addSnapshot(snapshot: NodePodsSnapshot): void {
    this.firstObservedMs ??= snapshot.takenAt;
    const next = podStatesOf(snapshot);
    this.add(podChanges(this.podStates, next, snapshot.takenAt));
    // A snapshot whose runtime could not be read keeps the last known states to diff against.
    if (next) this.podStates = next;
  }

  add(events: NodeTimelineEvent[]): void {
    for (const event of events) {
      if (!this.events.has(event.id)) this.events.set(event.id, event);
    }
    if (this.events.size <= this.maxEvents) return;
    const oldestFirst = [...this.events.values()].sort((a, b) => a.atMs - b.atMs);
    for (const event of oldestFirst.slice(0, this.events.size - this.maxEvents)) {
      this.events.delete(event.id);
      this.dropped++;
    }
  }

  /** The axis [nowMs - spanMs, nowMs] with the events on it, oldest first. */
  view(nowMs: number, spanMs: number, logs: TimelineLogs): NodeTimeline {
    const fromMs = nowMs - spanMs;
    const all = [...this.events.values()].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
    const events = all.filter((e) => e.atMs >= fromMs && e.atMs <= nowMs);
    return {
      fromMs,
      toMs: nowMs,
      events,
      earlier: all.filter((e) => e.atMs < fromMs).length,
      dropped: this.dropped,
      bucketMs: logs.bucketMs,
      buckets: logs.buckets,
      logsUnavailable: logs.unavailable,
      observingSinceMs: this.firstObservedMs,
    };
  }
}
