/**
 * The regex filter's test corpus: patterns the chunk scan must take (FAST) or leave to the
 * row-by-row test (SLOW), generated rows whose pieces make the tricky cases likely (a row ending
 * in a word character before one starting with one, quotes left open, a space or 'a' at a row's
 * end and 'b' at the next one's start, empty rows, multi-line rows, non-ASCII, '\r' and U+2028),
 * and the row-by-row oracle they are compared with.
 */

/** Patterns the scan must take (not fall back on), most of them tricky at row edges. */
export const FAST = [
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
export const SLOW = ['\\012', '\\1', '\\8', '(a)\\2', '[a](?:\\3)'];

export const PIECES = [
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

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rowsOf(seed: number, count: number, pieces = PIECES): string[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    let row = '';
    const n = Math.floor(random() * 7);
    for (let i = 0; i < n; i++) row += pieces[Math.floor(random() * pieces.length)];
    return row;
  });
}

export const SEEDS = [1, 2, 3, 4, 5, 6];

/** The rows `new RegExp(pattern, flags).test(row)` takes, each row on its own: the oracle. */
export function rowByRow(pattern: string, flags: string, rows: string[], skipNewline: boolean): number[] {
  const re = new RegExp(pattern, flags);
  return rows.flatMap((r, i) => ((skipNewline && r.includes('\n')) || !re.test(r) ? [] : [i]));
}
