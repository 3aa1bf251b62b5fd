import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../src-main/core/handlers/timeline';
import { logVolume } from '../../../src-main/inspect/timeline/log-volume';
import { LogStore, ROW_GAP, Sev } from '../../../src-main/logs/log-store';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// The timeline counts the Logs pane's own store: severity as stored at ingest (the klog
// header letter, docs/kubelet.md §5.3), time as the journal's; gap markers are not lines.
describe("the timeline's log volume from the log store", () => {
  it('counts stored lines by severity per interval, newest first, skipping gaps', () => {
    const t0 = Date.UTC(2026, 11, 3, 17, 42, 0);
    const store = new LogStore(100);
    const lines: Array<[string, number]> = [
      ['I1203 17:42:00.100000    812 kubelet.go:2468] "SyncLoop ADD" source="file"', t0 + 100],
      ['E1203 17:42:00.900000    812 file.go:187] "Could not process manifest file" err="bad"', t0 + 900],
      ['W1203 17:42:01.200000    812 kubelet.go:1888] "Unable to attach or mount volumes"', t0 + 1_200],
    ];
    for (const [text, time] of lines) store.append(text, time, sniffSeverity(text));
    store.append('-- 12 lines not read (reconnected) --', t0 + 1_500, Sev.Unknown, ROW_GAP);
    expect(logVolume(newestFirst(store), t0, t0 + 1_999, 1_000)).toEqual([
      { startMs: t0, E: 1, W: 0, I: 1, other: 0 },
      { startMs: t0 + 1_000, E: 0, W: 1, I: 0, other: 0 },
    ]);
  });
});
