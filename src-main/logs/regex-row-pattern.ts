/**
 * Rewrites a regex filter's pattern so that it can search many rows at once (regex-chunk-scan.ts)
 * over a chunk where every row is followed by '\n' (log-store.ts), and give, on each row that
 * holds no '\n' itself, exactly what the original gives on that row alone:
 *
 * - every atom that could match '\n' (`.` with the `s` flag, `\s`, `\W`, `\D`, `[^"]`, `\n` …)
 *   becomes `(?:(?!\n)atom)`: the same characters except the separator, so no match runs from
 *   one row into the next and an attempt never reads past its row's end (no more work than on
 *   the row alone). Whether an atom can match '\n' is asked of the regex engine itself.
 * - `^` becomes `(?<![^\n])` and `$` `(?![^\n])`: true exactly at a row's start and end, as the
 *   original's `^`/`$` (no `m` flag) are on the row alone.
 * - `\b` and `\B` stay: '\n' is a non-word character, as the edge of a string is.
 * - back-references stay: they repeat text of the same match, which holds no '\n'.
 * - lookahead and lookbehind stay, rewritten inside like the rest: made of the same atoms and
 *   assertions, they cannot read the separator either, so they cannot see the neighbouring row
 *   (`(?!.)` at a row's end is true, `(?<=a)` at a row's start false, as on the row alone).
 *
 * Null (the caller tests row by row) whenever that is not certain: flags other than `i` and `s`
 * (`m` has `^` after '\r', `y` anchors, `u`/`v` read the pattern differently), legacy octal
 * escapes, group syntax this reader does not know, or a rewrite that does not compile. [inf]
 * Soundness rests on this reader splitting the pattern into the same atoms as the engine; the
 * property test (test/unit/logs/regex-chunk-scan.test.ts) compares both on tricky and on
 * random patterns.
 */

const ALLOWED_FLAGS = /^[is]*$/;

export interface RowBoundedPattern {
  source: string;
  /** Starts with `^` and has no top-level `|`: every match starts at a row's start. */
  anchored: boolean;
}

/** The rewritten pattern, or null when the pattern must be tested row by row. */
export function rowBoundedPattern(source: string, flags = ''): RowBoundedPattern | null {
  if (!ALLOWED_FLAGS.test(flags)) return null;
  const groups = captureGroups(source);
  if (groups < 0) return null;
  const matchesNewline = (atom: string): boolean => {
    try {
      return new RegExp(`^(?:${atom})$`, flags).test('\n');
    } catch {
      return true; // wrapping never changes what an atom matches on a row without '\n'
    }
  };
  const atom = (text: string): string => (matchesNewline(text) ? `(?:(?!\\n)${text})` : text);
  let out = '';
  let depth = 0;
  let alternation = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const escape = readEscape(source, i, groups);
      if (escape === null) return null;
      out += escape.plain ? escape.text : atom(escape.text);
      i += escape.text.length;
    } else if (c === '[') {
      const end = classEnd(source, i);
      if (end < 0) return null;
      out += atom(source.slice(i, end));
      i = end;
    } else if (c === '(') {
      const open = groupOpening(source, i);
      if (open === null) return null;
      out += open;
      depth++;
      i += open.length;
    } else if (c === '^') {
      out += '(?<![^\\n])';
      i++;
    } else if (c === '$') {
      out += '(?![^\\n])';
      i++;
    } else {
      // `.`, a literal character (a raw '\n' in the source too), or syntax (`|`, `)`,
      // quantifiers, which apply to the wrapped atom before them just as to the atom).
      if (c === ')') depth--;
      else if (c === '|' && depth === 0) alternation = true;
      out += c === '.' || c === '\n' ? atom(c) : c;
      i++;
    }
  }
  try {
    new RegExp(out, flags);
  } catch {
    return null;
  }
  return { source: out, anchored: source.startsWith('^') && !alternation };
}

interface Escape {
  text: string;
  /** Cannot match '\n' (an assertion, a back-reference, or a class or character that is not it). */
  plain: boolean;
}

/** The escape at `at` (a backslash) with its full extent, as Annex B reads it without `u`. */
function readEscape(source: string, at: number, groups: number): Escape | null {
  const e = source[at + 1];
  if (e === undefined) return null;
  const hex = (n: number) => new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(source.slice(at + 2, at + 2 + n));
  if (e === 'b' || e === 'B' || e === 'd' || e === 'w' || e === 'S')
    return { text: source.slice(at, at + 2), plain: true };
  if (e === 'x' && hex(2)) return { text: source.slice(at, at + 4), plain: false };
  if (e === 'u' && hex(4)) return { text: source.slice(at, at + 6), plain: false };
  if (e === 'c') {
    // `\cJ` is '\n'; a `\c` without a letter is a literal backslash then `c` (Annex B).
    return /[A-Za-z]/.test(source[at + 2] ?? '')
      ? { text: source.slice(at, at + 3), plain: false }
      : { text: '\\c', plain: true };
  }
  if (e === 'k') return { text: '\\k', plain: true }; // named back-reference, or a plain `k`
  if (e >= '0' && e <= '9') {
    let end = at + 1;
    while (end < source.length && source[end] >= '0' && source[end] <= '9') end++;
    const digits = source.slice(at + 1, end);
    if (digits === '0') return { text: '\\0', plain: true }; // NUL
    // A back-reference to an existing group; anything else is a legacy octal or identity
    // escape (`\12` is '\n'), read differently by context: not worth the risk.
    if (digits[0] !== '0' && Number(digits) <= groups) return { text: `\\${digits}`, plain: true };
    return null;
  }
  return { text: source.slice(at, at + 2), plain: false }; // \s \W \D \n \t, identity escapes
}

/** Index after the class at `at` (`[`), or -1. Without `v` classes do not nest; `[]` is empty. */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i < source.length ? i + 1 : -1;
}

/** `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, or `(?<name>`'s `(?<`; null for any other `(?`. */
function groupOpening(source: string, at: number): string | null {
  if (source[at + 1] !== '?') return '(';
  const k = source[at + 2];
  if (k === ':' || k === '=' || k === '!') return source.slice(at, at + 3);
  if (k === '<') return source[at + 3] === '=' || source[at + 3] === '!' ? source.slice(at, at + 4) : '(?<';
  return null;
}

/** Number of capturing groups, or -1 when the pattern cannot be read. */
function captureGroups(source: string): number {
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(source, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (
      c === '(' &&
      (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))
    )
      n++;
  }
  return n;
}
