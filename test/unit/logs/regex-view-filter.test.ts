import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src-main/logs/log-matcher';
import { LogStore } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';
import { FAST, PIECES, rowByRow, rowsOf, SEEDS, SLOW } from './regex-scan-corpus';

// The log view's regex filter scans whole chunks when it can (regex-chunk-scan.ts) and tests row
// by row when it cannot: either way it must show the rows `new RegExp(p).test(row)` takes, over
// the corpus of regex-scan-corpus.ts, across chunks, and while rows arrive and are evicted.

describe('regex filter in the log view: chunk scan and row test give the same rows', () => {
  function viewRows(store: LogStore, regex: string): number[] {
    const view = new LogView(store, { regex });
    return Array.from({ length: view.length }, (_, i) => view.seqAt(i));
  }

  it('on generated rows, with multi-line and non-ASCII rows', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const rows = rowsOf(seed, 1500, [...PIECES, 'ü'.repeat(20), '😀é😀']);
      const store = new LogStore(10_000);
      rows.forEach((r, i) => store.append(r, i, sniffSeverity(r)));
      for (const p of FAST) {
        expect(compileFilter({ regex: p }).regexScan, p).not.toBeNull();
        expect(viewRows(store, p), `${JSON.stringify(p)} seed ${seed}`).toEqual(rowByRow(p, '', rows, false));
      }
      for (const p of SLOW) {
        expect(compileFilter({ regex: p }).regexScan, p).toBeNull();
        expect(viewRows(store, p), p).toEqual(rowByRow(p, '', rows, false));
      }
    }
  });

  it('over several 1 MiB chunks, ASCII and not', () => {
    // Long rows fill chunks fast; the patterns are ones that stay linear on long rows.
    const patterns = [
      '^[EW]\\d{4} ',
      '(kube-apiserver|etcd)',
      'err="[^"]*timeout',
      '\\s$',
      'ü.😀',
      '^$',
      'b\\b',
      '^\\S',
    ];
    for (const filler of ['q'.repeat(2000), 'ü😀'.repeat(300)]) {
      const rows = rowsOf(7, 1600, [...PIECES, ...Array<string>(12).fill(filler)]);
      const store = new LogStore(10_000);
      rows.forEach((r, i) => store.append(r, i, sniffSeverity(r)));
      expect(store.chunkNumberOf(rows.length - 1), 'spans chunks').toBeGreaterThan(1);
      for (const p of patterns) expect(viewRows(store, p), p).toEqual(rowByRow(p, '', rows, false));
    }
  });

  it('while rows arrive (the view scans only the new ones) and old ones are evicted', () => {
    const rows = rowsOf(9, 2000);
    const store = new LogStore(700);
    const views = ['^[EW]\\d{4} ', '\\s$', '(kube-apiserver|etcd)'].map((p) => ({
      p,
      view: new LogView(store, { regex: p }),
    }));
    for (let i = 0; i < rows.length; i++) {
      store.append(rows[i], i, sniffSeverity(rows[i]));
      if (i % 97 !== 0) continue;
      for (const { p, view } of views) {
        const got = Array.from({ length: view.length }, (_, k) => view.seqAt(k));
        const re = new RegExp(p);
        const want: number[] = [];
        for (let s = store.firstSeq; s < store.endSeq; s++) if (re.test(rows[s])) want.push(s);
        expect(got, `${p} at ${i}`).toEqual(want);
      }
    }
  });
});
