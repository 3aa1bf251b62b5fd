import { describe, expect, it } from 'vitest';
import { levelCounts, rowsOf } from '../../../src-main/logs/log-rows';
import { LogStore, ROW_GAP, Sev } from '../../../src-main/logs/log-store';
import { LogView, repeatKey } from '../../../src-main/logs/log-view';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// Kubelet lines as the back-off repeats them (docs/kubelet.md §5.4): the same message, only the
// header's time differs.
const BACKOFF = (time: string) =>
  `E1011 01:18:${time}   20023 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-apiserver\\" with CrashLoopBackOff" pod="kube-system/kube-apiserver-controlplane"`;
const SYNC = 'I1011 01:18:30.000001   20023 kubelet.go:2337] "SyncLoop UPDATE" source="api"';

function storeOf(lines: string[], capacity = 1000): LogStore {
  const store = new LogStore(capacity);
  lines.forEach((l, i) => store.append(l, 1000 * (i + 1), sniffSeverity(l)));
  return store;
}

describe('folding repeated lines', () => {
  it('compares lines after the klog header, so only the time may differ', () => {
    expect(repeatKey(BACKOFF('21.000001'))).toBe(repeatKey(BACKOFF('41.123456')));
    expect(repeatKey(SYNC)).toBe('"SyncLoop UPDATE" source="api"');
    expect(repeatKey('plain text line')).toBe('plain text line');
  });

  it('shows a run of identical lines once with the count of the others; a different line ends the run', () => {
    const store = storeOf([BACKOFF('21.1'), BACKOFF('31.2'), BACKOFF('41.3'), SYNC, BACKOFF('51.4')]);
    const view = new LogView(store, { foldRepeats: true });
    expect(view.length).toBe(3);
    const rows = rowsOf(store, view, 0, 10);
    expect(rows.map((r) => r.repeats)).toEqual([2, 0, 0]);
    expect(rows.map((r) => r.seq)).toEqual([0, 3, 4]);
    // Without folding every line is its own row, and rows carry no count.
    const plain = new LogView(store, undefined);
    expect(plain.length).toBe(5);
    expect(rowsOf(store, plain, 0, 1)[0]!.repeats).toBeUndefined();
  });

  it('does not fold across a gap marker, and goes on folding lines that arrive later', () => {
    const store = storeOf([BACKOFF('21.1'), BACKOFF('31.2')]);
    const view = new LogView(store, { foldRepeats: true });
    expect(view.length).toBe(1);
    store.append(BACKOFF('41.3'), 5000, Sev.E);
    expect(view.repeatsAt(0)).toBe(2);
    store.append('Gap: reconnected', 6000, Sev.Unknown, ROW_GAP);
    store.append(BACKOFF('51.4'), 7000, Sev.E);
    expect(view.length).toBe(3);
  });
});

describe('lines per severity', () => {
  it('counts the rows of a view by level, gap markers not counted, and forgets evicted rows', () => {
    const store = storeOf([SYNC, BACKOFF('21.1'), BACKOFF('31.2')], 3);
    const view = new LogView(store, undefined);
    expect(levelCounts(view)).toEqual({ unknown: 0, I: 1, W: 0, E: 2, F: 0 });
    store.append('Gap: x', 0, Sev.Unknown, ROW_GAP); // evicts SYNC
    store.append('W1011 01:18:50.1   20023 a.go:1] "warn"', 9000, Sev.W); // evicts the first BACKOFF
    expect(levelCounts(view)).toEqual({ unknown: 0, I: 0, W: 1, E: 1, F: 0 });
  });

  it('counts what the filter shows (here: one pod)', () => {
    const store = storeOf([SYNC, BACKOFF('21.1'), 'E1011 01:18:22.1   20023 a.go:1] "other" pod="ns/x"']);
    const view = new LogView(store, { pod: { pod: 'kube-system/kube-apiserver-controlplane' } });
    expect(levelCounts(view)).toEqual({ unknown: 0, I: 0, W: 0, E: 1, F: 0 });
  });
});
