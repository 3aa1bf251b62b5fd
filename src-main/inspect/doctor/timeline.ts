/**
 * One timeline across nodes (docs/doctor.md "Bundle"): every kubelet journal entry at its
 * journald time (`__REALTIME_TIMESTAMP`, µs, docs/kubelet.md §5.2) and every container exit at
 * the runtime's `finishedAt` (crictl inspect), sorted by time, each line naming its node.
 * Times come from each node's own clock; a skewed clock shows as such, nothing is adjusted.
 */
import type { CriContainerInspect } from '../../contract/domain/cri';
import { parseJournalJsonLine } from '../../node/journal/journal-json';

export interface TimelineEvent {
  atMs: number;
  node: string;
  source: 'kubelet' | 'container-exit';
  text: string;
}

export function kubeletEvents(node: string, journalText: string, max = 5000): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const line of journalText.split('\n')) {
    if (out.length >= max) break;
    const entry = parseJournalJsonLine(line);
    if (!entry?.message || entry.realtimeUs === null) continue;
    out.push({ atMs: Math.floor(entry.realtimeUs / 1000), node, source: 'kubelet', text: entry.message });
  }
  return out;
}

export function exitEvents(node: string, inspected: CriContainerInspect[]): TimelineEvent[] {
  return inspected
    .filter((c) => c.finishedAtMs !== null)
    .map((c) => ({
      atMs: c.finishedAtMs as number,
      node,
      source: 'container-exit' as const,
      text: `container ${c.name} (${c.id.slice(0, 13)}) of ${c.podNamespace ?? '?'}/${c.podName ?? '?'} attempt ${c.attempt} exited with code ${c.exitCode}${c.reason ? ` (${c.reason})` : ''}`,
    }));
}

export function mergeTimeline(events: TimelineEvent[]): string {
  return (
    [...events]
      .sort((a, b) => a.atMs - b.atMs)
      .map(
        (e) =>
          `${new Date(e.atMs).toISOString()} ${e.node} ${e.source === 'kubelet' ? 'kubelet' : 'exit   '} ${e.text}`,
      )
      .join('\n') + '\n'
  );
}
