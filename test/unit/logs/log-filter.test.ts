import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../src-main/contract/domain/log-filter';
import { filterKey } from '../../../src-main/logs/log-matcher';
import { LogStore, ROW_GAP, Sev } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { exportText, findSeverity, rowsOf } from '../../../src-main/logs/log-rows';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// Real kubelet lines (shared/fixtures/real/kubelet-journal-static-pods.txt shapes, §5.4).
const LINES = [
  'I1011 01:18:20.046733   20023 kubelet.go:2337] "SyncLoop ADD" source="file" pods=["kube-system/etcd-controlplane"]',
  'E1011 01:18:21.046733   20023 file.go:187] "Could not process manifest file" err="invalid pod: [spec.containers: Required value]" path="/etc/kubernetes/manifests/broken.yaml"',
  'I1011 01:18:22.046733   20023 kubelet.go:1900] "Trying to delete pod" pod="kube-system/etcd-controlplane-2" podUID="a9dc80a0d8f74cefb3be144bbfc1b898"',
  'W1011 01:18:23.046733   20023 warnings.go:70] "Ünïcode warning" pod="kube-system/kube-apiserver-controlplane"',
  'E1228 07:24:45.973287    6272 kubelet.go:1635] Failed creating a mirror pod for "kube-scheduler-node01_kube-system(9be8cb46)": pods "kube-scheduler-node01" already exists',
  'I1011 01:18:25.046733   20023 kubelet.go:2337] "SyncLoop UPDATE" source="file" pods=[kube-system/etcd-controlplane]',
];

function storeOf(lines: string[]): LogStore {
  const store = new LogStore(1000);
  lines.forEach((l, i) => store.append(l, 1000 * (i + 1), sniffSeverity(l)));
  return store;
}

function matching(filter: LogFilter, lines = LINES): number[] {
  const store = storeOf(lines);
  const view = new LogView(store, filter);
  return Array.from({ length: view.length }, (_, i) => view.seqAt(i));
}

describe('log filters', () => {
  it('by severity (from the klog letter)', () => {
    expect(matching({ severities: ['E', 'F'] })).toEqual([1, 4]);
    expect(matching({ severities: ['W'] })).toEqual([3]);
  });

  it('by text, case-insensitive unless the text has upper case (smart case)', () => {
    expect(matching({ text: 'syncloop' })).toEqual([0, 5]);
    expect(matching({ text: 'SyncLoop ADD' })).toEqual([0]);
    expect(matching({ text: 'SYNCLOOP' })).toEqual([]);
    expect(matching({ text: 'ünïcode' })).toEqual([3]);
  });

  it('by regex, on the UTF-8 text', () => {
    expect(matching({ regex: 'kubelet\\.go:(2337|1635)\\]' })).toEqual([0, 4, 5]);
    expect(matching({ regex: 'Ünï' })).toEqual([3]);
    expect(() => matching({ regex: '(' })).toThrow(/not valid/);
  });

  it('by pod: pod="ns/name", pods=[…] in both forms, without matching a longer name', () => {
    expect(matching({ pod: { pod: 'kube-system/etcd-controlplane' } })).toEqual([0, 5]);
    expect(matching({ pod: { pod: 'kube-system/etcd-controlplane-2' } })).toEqual([2]);
  });

  it('by pod UID and by manifest path (the line of a file that did not parse has no pod)', () => {
    expect(matching({ pod: { podUID: 'a9dc80a0d8f74cefb3be144bbfc1b898' } })).toEqual([2]);
    expect(matching({ pod: { manifestPath: '/etc/kubernetes/manifests/broken.yaml' } })).toEqual([1]);
    expect(
      matching({ pod: { pod: 'kube-system/nope', manifestPath: '/etc/kubernetes/manifests/broken.yaml' } }),
    ).toEqual([1]);
    expect(matching({ pod: { manifestPath: '/etc/kubernetes/manifests/broken.yam' } })).toEqual([]);
  });

  it('by time range (inclusive), combined with the others', () => {
    expect(matching({ sinceMs: 2000, untilMs: 4000 })).toEqual([1, 2, 3]);
    expect(matching({ sinceMs: 2000, severities: ['E'] })).toEqual([1, 4]);
  });

  it('always shows gap markers, so a filtered log does not look whole', () => {
    const store = storeOf(LINES);
    store.append('Gap: the journal no longer has the entries', 9000, Sev.Unknown, ROW_GAP);
    const view = new LogView(store, { severities: ['E'] });
    expect(view.length).toBe(3);
    expect(rowsOf(store, view, 2, 1)[0]).toMatchObject({ kind: 'gap' });
  });

  it('never matches text across the end of one row and the start of the next', () => {
    // In a chunk each row is followed by '\n' (log-store.ts); a needle holding '\n' must not
    // find that separator, only a '\n' inside a multi-line row.
    const lines = ['first row', 'second row', 'multi\nline row'];
    expect(matching({ text: 'row\nsecond' }, lines)).toEqual([]);
    expect(matching({ text: '\nsecond' }, lines)).toEqual([]);
    expect(matching({ text: '\nline' }, lines)).toEqual([2]);
    expect(matching({ text: 'Row\nSecond' }, lines)).toEqual([]);
    expect(matching({ regex: 'row\\nsecond|\\nsecond|^second row$' }, lines)).toEqual([1]);
    expect(matching({ regex: 'i\\sl' }, lines)).toEqual([2]);
  });

  it('gives the same cache key for the same filter', () => {
    expect(filterKey({ severities: ['W', 'E'] })).toBe(filterKey({ severities: ['E', 'W'], text: '' }));
    expect(filterKey({})).toBe('');
  });
});

describe('rows, error lookup and export', () => {
  it('parses rows lazily into time, severity, file:line, message and key/values', () => {
    const store = storeOf(LINES);
    const [row] = rowsOf(store, new LogView(store, undefined), 1, 1);
    expect(row).toMatchObject({
      index: 1,
      severity: 'E',
      file: 'file.go',
      line: 187,
      message: 'Could not process manifest file',
      time: '01:18:21.046733',
    });
    expect(row.keyValues).toEqual([
      { key: 'err', value: 'invalid pod: [spec.containers: Required value]' },
      { key: 'path', value: '/etc/kubernetes/manifests/broken.yaml' },
    ]);
  });

  it('finds the next and previous error', () => {
    const store = storeOf(LINES);
    const view = new LogView(store, undefined);
    expect(findSeverity(store, view, -1, 1, 'E')).toBe(1);
    expect(findSeverity(store, view, 1, 1, 'E')).toBe(4);
    expect(findSeverity(store, view, 4, 1, 'E')).toBeNull();
    expect(findSeverity(store, view, 4, -1, 'E')).toBe(1);
    expect(findSeverity(store, view, 1, 1, 'W')).toBe(3);
    expect(findSeverity(store, view, 100, -1, 'E')).toBe(4); // from past the end: the last error
  });

  it('exports raw lines of a view, gap markers as comments', () => {
    const store = storeOf(LINES.slice(0, 2));
    store.append('Gap: x', 0, Sev.Unknown, ROW_GAP);
    expect(exportText(store, new LogView(store, undefined), 0, 10)).toEqual({
      text: `${LINES[0]}\n${LINES[1]}\n# Gap: x\n`,
      rows: 3,
    });
  });
});
