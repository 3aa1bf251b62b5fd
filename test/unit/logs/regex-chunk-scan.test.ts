import { describe, expect, it } from 'vitest';
import { compileChunkScan, scanRows } from '../../../src-main/logs/regex-chunk-scan';
import { rowBoundedPattern } from '../../../src-main/logs/regex-row-pattern';
import { FAST, rng, rowByRow, rowsOf, SEEDS, SLOW } from './regex-scan-corpus';

// The chunk scan must say exactly what `new RegExp(p).test(row)` says of each row on its own
// (regex-chunk-scan.ts). Property test: generated rows and a corpus of patterns, tricky at row
// edges (regex-scan-corpus.ts), compared row set against row set.

/** Rows the scan marks, among rows without '\n' (the caller tests the others row by row). */
function scanned(pattern: string, flags: string, rows: string[]): number[] {
  const scan = compileChunkScan(pattern, flags);
  if (scan === null) throw new Error(`no scan for ${pattern}`);
  const text = rows.join('\n');
  const starts = new Uint32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) starts[i + 1] = starts[i] + rows[i].length + 1;
  const into = new Uint8Array(rows.length);
  scanRows(scan, text, starts, rows.length, into);
  return rows.flatMap((r, i) => (into[i] === 1 && !r.includes('\n') ? [i] : []));
}

describe('regex chunk scan: the same rows as testing each row alone', () => {
  it('takes the tricky patterns and leaves legacy octal escapes to the row test', () => {
    for (const p of FAST) expect(rowBoundedPattern(p), p).not.toBeNull();
    for (const p of SLOW) expect(rowBoundedPattern(p), p).toBeNull();
    for (const flags of ['m', 'y', 'u', 'g']) expect(rowBoundedPattern('a', flags), flags).toBeNull();
  });

  it('tries a pattern anchored at the start only at row starts', () => {
    expect(compileChunkScan('^[EW]\\d{4} ')?.anchored).toBe(true);
    expect(compileChunkScan('^(?:a|b)')?.anchored).toBe(true);
    expect(compileChunkScan('^a|b')?.anchored).toBe(false);
    expect(compileChunkScan('(^a)')?.anchored).toBe(false);
    expect(compileChunkScan('[^a]')?.anchored).toBe(false);
  });

  it('finds exactly the matching rows, pattern by pattern, over generated rows', () => {
    for (const seed of SEEDS) {
      const rows = rowsOf(seed, 400);
      for (const p of FAST)
        expect(scanned(p, '', rows), `${JSON.stringify(p)} seed ${seed}`).toEqual(
          rowByRow(p, '', rows, true),
        );
    }
  });

  it('with the i and s flags too', () => {
    const patterns = ['ETCD', '^e', '[a-z]+\\b', 'Ü', '[^A-Z]$', '.', '.+', 'a.b', 'b.', '\\W', '[^]'];
    for (const seed of SEEDS) {
      const rows = rowsOf(seed, 300);
      for (const flags of ['i', 's', 'is']) {
        for (const p of patterns)
          expect(scanned(p, flags, rows), `${p} /${flags} seed ${seed}`).toEqual(
            rowByRow(p, flags, rows, true),
          );
      }
    }
  });

  it('on random patterns made of tricky pieces (groups, quantifiers, escapes, assertions)', () => {
    const bits = [
      'a',
      'b',
      'x',
      'E',
      '9',
      ' ',
      '"',
      '-',
      'ü',
      '😀',
      '^',
      '$',
      '\\b',
      '\\B',
      '.',
      '\\s',
      '\\S',
      '\\w',
      '\\W',
      '\\d',
      '\\D',
      '\\n',
      '\\r',
      '\\x0a',
      '\\u000a',
      '\\cJ',
      '\\0',
      '\\c',
      '\\\\',
      '\\.',
      '[^a]',
      '[ab]',
      '[^]',
      '[\\s]',
      '[^"]',
      '[^\\n]',
      '[a-z]',
      '[\\b]',
      '(',
      '(?:',
      '(?<n>',
      ')',
      '|',
      '*',
      '+',
      '?',
      '*?',
      '{2}',
      '{1,}',
      '{',
      '}',
      ']',
      '\\1',
      '\\2',
      '\\k<n>',
      '(?=',
      '(?!',
      '(?<=',
      '(?<!',
      '(?=a)',
      '(?!b)',
      '(?<=a)',
      '(?<!b)',
      '(?=$)',
      '(?<=^)',
      '(?!.)',
    ];
    const random = rng(42);
    const rows = rowsOf(11, 300);
    let compared = 0;
    for (let k = 0; k < 3000; k++) {
      let p = '';
      for (let n = 1 + Math.floor(random() * 6); n > 0; n--) p += bits[Math.floor(random() * bits.length)];
      try {
        new RegExp(p);
      } catch {
        continue; // not a pattern the filter accepts
      }
      if (compileChunkScan(p) === null) continue;
      compared++;
      expect(scanned(p, '', rows), JSON.stringify(p)).toEqual(rowByRow(p, '', rows, true));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('never lets a match cross a row end, even in rows that could run on for the whole chunk', () => {
    // Without the rewrite `[^x]*y` would read past every row end (and be quadratic per chunk).
    const rows = ['aaa', 'y', 'ab', 'b', 'a ', ' b', 'a', '\nb', 'a\n', 'b'];
    expect(scanned('[^x]*y', '', rows)).toEqual([1]);
    expect(scanned('a\\s*b', '', rows)).toEqual([2]);
    expect(scanned('a[^]*b', '', rows)).toEqual([2]);
    expect(scanned('b$', '', rows)).toEqual([2, 3, 5, 9]);
  });
});
