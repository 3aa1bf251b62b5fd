import { describe, expect, it } from 'vitest';
import { LogStore, ROW_GAP, ROW_NEWLINE, Sev } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

const line = (n: number, letter = 'I') =>
  `${letter}0823 11:21:56.530696    1504 kubelet.go:${n}] "line ${n}" pod="kube-system/etcd-controlplane"`;

describe('LogStore', () => {
  it('keeps rows in order and returns their text, severity and time', () => {
    const store = new LogStore(10);
    store.append('héllo wörld', 1000, Sev.W);
    store.append('second', 2000, Sev.E);
    expect(store.size).toBe(2);
    expect(store.text(0)).toBe('héllo wörld');
    expect(store.severity(1)).toBe(Sev.E);
    expect(store.timeMs(1)).toBe(2000);
    expect(store.bytes).toBe(Buffer.byteLength('héllo wörld') + 6);
  });

  it('is a ring: past its capacity the oldest rows go, seqs keep counting', () => {
    const store = new LogStore(1000);
    for (let i = 0; i < 2500; i++) store.append(`row ${i}`, i, Sev.I);
    expect(store.size).toBe(1000);
    expect(store.firstSeq).toBe(1500);
    expect(store.endSeq).toBe(2500);
    expect(store.has(1499)).toBe(false);
    expect(() => store.text(1499)).toThrow(RangeError);
    expect(store.text(1500)).toBe('row 1500');
    expect(store.text(2499)).toBe('row 2499');
  });

  it('frees chunks whose rows were all evicted (memory stays bounded)', () => {
    const store = new LogStore(1000);
    const big = 'x'.repeat(10_000);
    for (let i = 0; i < 5000; i++) store.append(`${i} ${big}`, i, Sev.I);
    // 1000 rows of ~10 KB = ~10 MB: about ten 1 MiB chunks, not fifty.
    expect(store.footprint()).toBeLessThan(13 * 1024 * 1024);
    expect(store.text(4999).startsWith('4999 ')).toBe(true);
  });

  it('grows its index on demand, so a small log does not allocate a million slots', () => {
    const store = new LogStore(1_000_000);
    store.append('one', 0, Sev.I);
    expect(store.footprint()).toBeLessThan(2 * 1024 * 1024);
  });

  it('follows each row with a newline in its chunk and flags rows that hold one (regex-chunk-scan.ts)', () => {
    const store = new LogStore(10);
    for (const t of ['one', 'two\nlines', '', 'ü']) store.append(t, 0, Sev.I);
    const chunk = store.chunk(store.chunkNumberOf(0)).bytes;
    const at = (seq: number) => store.offsetOf(seq) + store.lengthOf(seq);
    expect([0, 1, 2, 3].map((s) => chunk[at(s)])).toEqual([0x0a, 0x0a, 0x0a, 0x0a]);
    expect(chunk.toString('utf8', 0, at(3) + 1)).toBe('one\ntwo\nlines\n\nü\n');
    expect([0, 1, 2, 3].map((s) => (store.flagsOf(s) & ROW_NEWLINE) !== 0)).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(store.text(1)).toBe('two\nlines');
    expect(store.bytes).toBe(3 + 9 + 0 + 2); // the separators are not the log's bytes
  });

  it('keeps gap markers as flagged rows', () => {
    const store = new LogStore(10);
    store.append('a', 0, Sev.I);
    store.append('Gap: …', 0, Sev.Unknown, ROW_GAP);
    expect(store.isGap(0)).toBe(false);
    expect(store.isGap(1)).toBe(true);
  });
});

describe('severity at ingest', () => {
  it('comes from the klog letter, also behind a syslog prefix (docs/kubelet.md §5.1, §5.3)', () => {
    expect(sniffSeverity(line(1, 'E'))).toBe(Sev.E);
    expect(sniffSeverity(line(1, 'W'))).toBe(Sev.W);
    expect(sniffSeverity(line(1, 'F'))).toBe(Sev.F);
    expect(
      sniffSeverity(
        '2025-08-23T11:21:56.530696+00:00 controlplane kubelet[1504]: E0823 11:21:56.530696    1504 file.go:187] "Could not process manifest file"',
      ),
    ).toBe(Sev.E);
    expect(sniffSeverity('not a klog line at all')).toBe(Sev.Unknown);
  });
});

describe('LogView', () => {
  it('follows the store as rows arrive and drops evicted rows', () => {
    const store = new LogStore(100);
    const view = new LogView(store, { severities: ['E'] });
    for (let i = 0; i < 50; i++)
      store.append(line(i, i % 10 === 0 ? 'E' : 'I'), i, i % 10 === 0 ? Sev.E : Sev.I);
    expect(view.length).toBe(5);
    for (let i = 50; i < 250; i++)
      store.append(line(i, i % 10 === 0 ? 'E' : 'I'), i, i % 10 === 0 ? Sev.E : Sev.I);
    expect(view.length).toBe(10); // rows 150..249 held: errors 150, 160 … 240
    expect(store.text(view.seqAt(0))).toContain('kubelet.go:150]');
  });
});
