import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src-main/logs/log-matcher';
import { LogStore } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { compileChunkScan, scanRows } from '../../../src-main/logs/regex-chunk-scan';
import { rowBoundedPattern } from '../../../src-main/logs/regex-row-pattern';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// The chunk scan must say exactly what `new RegExp(p).test(row)` says of each row on its own
// (regex-chunk-scan.ts). Property test: many generated rows whose pieces make the tricky cases
// likely (a row ending in a word character before one starting with one, quotes left open, a
// space or 'a' at a row's end and 'b' at the next one's start, empty rows, multi-line rows,
// non-ASCII, '\r' and U+2028), and a corpus of patterns, compared row set against row set.

/** Patterns the scan must take (not fall back on), most of them tricky at row edges. */
const FAST = [
  '^[EW]\\d{4} ',
  '^E',
  '^',
  '$',
  '^$',
  'ms"$',
  '^a|b$',
  'b$|^$',
  '^(?:a|b)',
  '^a|^b',
  '^(a|b)|x',
  '^\\S*$',
  '^.*b',
  '^[^"]*"$',
  '\\bkube\\b',
  '\\Bube',
  'etcd\\b',
  '\\b',
  '\\B',
  '\\ba',
  'b\\b',
  '\\Bb',
  'a\\B',
  'err="[^"]*timeout',
  '[^"]*',
  '[^x]+y',
  '[^]',
  '[^]]',
  '[]',
  '[^a-]b',
  '[\\s\\S]',
  '[\\n]',
  '[^\\S]',
  '\\s+',
  '\\s',
  'a\\sb',
  'a\\s*b',
  '\\S+ms',
  '\\W\\w',
  '\\W',
  '\\D{2}',
  '\\D',
  '\\d{3}ms',
  'b\\Wa',
  '(kube-apiserver|etcd)',
  'etcd|^W',
  '(?:x|y)+$',
  '(?:a|b)(?:a|b)',
  'x*',
  '(?:)',
  'a?',
  'x*$',
  'x*?',
  '\\b|x',
  '(x)*',
  '(a)\\1',
  '(\\w)\\1',
  '(?<n>[a-z])\\k<n>',
  '(a)|\\1b',
  '\\1(a)',
  '.',
  '.*',
  '.+timeout',
  'b.a',
  'ms.E',
  'a.*b',
  'a[^]*b',
  'a[^]b',
  'ü',
  '[ü-ÿ]',
  '😀',
  '.😀',
  '\\u00fc',
  '\\x20',
  '\\x0a',
  '\\u000a',
  '\\n',
  '\\cJ',
  '\\cj',
  'a\nb',
  '\\\n',
  '"\\r',
  '\\r$',
  '\u2028',
  '\\u2028',
  '\\0',
  '\\c',
  '\\c1',
  '\\k',
  '\\p{L}',
  '\\u{2}',
  'a{',
  'x{2,}',
  '\\]',
  // Lookarounds next to a row edge: the neighbouring row must stay out of their sight.
  '(?<=E)1011',
  '(?<=E1)011',
  '(?<=a\\.)b',
  '(?<=ab)(?<=b)c|d',
  '(?<=a)^b',
  '(?<=a)b*',
  '(?<=a)$',
  '(?<=b)\\bc',
  '(?=ms)',
  '(?!x)E',
  '(?<!a)b',
  'E\\d{4}(?= )',
  'b(?!.)',
  'b(?![^])',
  '(?<![^])a',
  '(?<=^)a',
  'b(?=$)',
  '(?<=\\s)b',
  'a(?=\\s)',
  '(?<!\\S)b',
  'a(?!\\S)',
  '(?<=b\\W*)a',
  'b(?=\\W*a)',
  '(?<=(a))b\\1',
  '^(?=.*b)a',
  '(?<=\\b)a',
];

/** Patterns left to the row-by-row test (legacy escapes whose reading depends on context). */
const SLOW = ['\\012', '\\1', '\\8', '(a)\\2', '[a](?:\\3)'];

const PIECES = [
  'E1011 ',
  'W0823 ',
  'I1011 ',
  'err="',
  '"',
  'timeout',
  ' ',
  '\t',
  'kube-apiserver',
  'etcd',
  'ube',
  'ms',
  'ms"',
  '123',
  '9',
  'a',
  'b',
  'x',
  'y',
  'xx',
  '_',
  '-',
  '/',
  '=',
  ']',
  'ü',
  'é',
  'ÿ',
  '😀',
  '\n',
  '\r',
  '\u2028',
  '',
  'aa',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rowsOf(seed: number, count: number, pieces = PIECES): string[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    let row = '';
    const n = Math.floor(random() * 7);
    for (let i = 0; i < n; i++) row += pieces[Math.floor(random() * pieces.length)];
    return row;
  });
}

const SEEDS = [1, 2, 3, 4, 5, 6];

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

function rowByRow(pattern: string, flags: string, rows: string[], skipNewline: boolean): number[] {
  const re = new RegExp(pattern, flags);
  return rows.flatMap((r, i) => ((skipNewline && r.includes('\n')) || !re.test(r) ? [] : [i]));
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
