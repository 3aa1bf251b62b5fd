/**
 * Timeline events grouped into markers: events that would be drawn on top of each other (the
 * same slot of the axis) share one marker, whose moment is the earliest of them, so choosing it
 * keeps every one of them in "what happened after". Pure; tested with since.ts.
 */
import type {
  NodeTimelineEvent,
  NodeTimelineEventKind,
} from '../../../src-main/contract/domain/node-timeline';
import { axisFraction, clockTime } from './since';

/** Slots across the axis: markers closer than 1/MARKER_SLOTS of its width are one. */
export const MARKER_SLOTS = 160;

export interface TimelineMarker {
  atMs: number;
  fraction: number;
  events: NodeTimelineEvent[];
  /** The kind drawn (the most telling of the group). */
  kind: NodeTimelineEventKind;
  label: string;
}

/** Which kind a mixed marker shows: a pod change tells more than a file's mtime. */
const RANK: NodeTimelineEventKind[] = [
  'container-restarted',
  'pod-uid-changed',
  'sandbox-changed',
  'apply-verdict',
  'manifest-rolled-back',
  'manifest-saved',
  'manifest-modified',
];

export const KIND_WORDS: Record<NodeTimelineEventKind, string> = {
  'manifest-saved': 'saved',
  'manifest-rolled-back': 'rolled back',
  'apply-verdict': 'verdict',
  'manifest-modified': 'modified',
  'pod-uid-changed': 'new UID',
  'sandbox-changed': 'new sandbox',
  'container-restarted': 'restart',
};

export function markersOf(events: NodeTimelineEvent[], fromMs: number, toMs: number): TimelineMarker[] {
  const slots = new Map<number, NodeTimelineEvent[]>();
  for (const event of events) {
    const slot = Math.round(axisFraction(event.atMs, fromMs, toMs) * MARKER_SLOTS);
    const group = slots.get(slot) ?? [];
    group.push(event);
    slots.set(slot, group);
  }
  return [...slots.values()]
    .map((group) => {
      const sorted = [...group].sort((a, b) => a.atMs - b.atMs);
      const atMs = sorted[0]!.atMs;
      const kind = RANK.find((k) => sorted.some((e) => e.kind === k)) ?? sorted[0]!.kind;
      const titles = sorted.slice(0, 3).map((e) => e.title);
      const more = sorted.length > 3 ? `, and ${sorted.length - 3} more` : '';
      return {
        atMs,
        fraction: axisFraction(atMs, fromMs, toMs),
        events: sorted,
        kind,
        label: `${clockTime(atMs)}: ${titles.join('; ')}${more}`,
      };
    })
    .sort((a, b) => a.atMs - b.atMs);
}
