/**
 * A regex filter over a run of rows in one search, instead of one `RegExp.test` per row (issue
 * 7: filtering 1,000,000 lines in under 300 ms, bench/RESULTS.md). For a regex with no text
 * it requires (regex-literal.ts) the per-row calls were the cost: 427 ms on a million rows.
 *
 * The text searched is the rows as the store keeps them, each followed by '\n' (log-store.ts),
 * and the pattern is rewritten so that it never matches '\n' and its `^`/`$` hold at row edges
 * (regex-row-pattern.ts). On a row without '\n' of its own, the rewritten pattern then matches
 * in the text at a position of the row exactly when the original matches the row alone there:
 * the characters it reads are the row's, its assertions see the same edges, and it cannot read
 * past the row's end. Rows that hold '\n' (multi-line records) are not judged here; the caller
 * tests them row by row.
 *
 * Why one search per matching row finds them all: `exec` from the start of row r returns the
 * leftmost match at or after it. If some row s ≥ r matches, the rewritten pattern matches at a
 * position inside s, so the match found lies in s or in an earlier row; either way no matching
 * row is passed over. A row counts once: after a match the search goes on from the next row's
 * start, which also moves past an empty match (the separator is a character), so a pattern such
 * as `x*` cannot loop (it costs one search per row, like the row-by-row test).
 *
 * A pattern anchored at the start (`^…` without a top-level `|`) can only match at a row's
 * start, so it is tried there alone: one sticky test per row on the same string, which costs
 * far less than searching every position (or than a substring and a test per row).
 */
import { rowBoundedPattern } from './regex-row-pattern';

export interface ChunkRegexScan {
  /** Global (sticky when anchored), so that `lastIndex` sets where a search starts. */
  readonly search: RegExp;
  readonly anchored: boolean;
}

/** Null when the pattern must be tested row by row (regex-row-pattern.ts says when). */
export function compileChunkScan(source: string, flags = ''): ChunkRegexScan | null {
  const rewritten = rowBoundedPattern(leadingLookbehindAsText(source), flags);
  if (rewritten === null) return null;
  const { anchored } = rewritten;
  return { search: new RegExp(rewritten.source, `${anchored ? 'y' : 'g'}${flags}`), anchored };
}

/**
 * `(?<=L)R` with a plain text L matches somewhere in a row exactly when `LR` does (R then starts
 * right after L either way, seeing the same characters around it), and only whether a row
 * matches counts here. Reading L as text lets the engine search for it, instead of testing the
 * lookbehind at every position of the chunk (bench/RESULTS.md: 494 → see "Filtering").
 */
export function leadingLookbehindAsText(source: string): string {
  const found = /^\(\?<=((?:[^\\^$.|?*+()[\]{}]|\\[^A-Za-z0-9])+)\)/.exec(source);
  return found ? `${found[1]}${source.slice(found[0].length)}` : source;
}

/**
 * Marks in `into` the rows of `text` that the pattern matches. Row i is text[starts[i],
 * starts[i + 1] - 1), followed by its '\n' (the last row's may be missing: `starts[count]` may
 * be text.length + 1). Only valid for rows that hold no '\n' themselves (see above).
 */
export function scanRows(
  scan: ChunkRegexScan,
  text: string,
  starts: Uint32Array,
  count: number,
  into: Uint8Array,
): void {
  const re = scan.search;
  if (scan.anchored) {
    for (let r = 0; r < count; r++) {
      re.lastIndex = starts[r];
      if (re.test(text)) into[r] = 1;
    }
    return;
  }
  let row = 0;
  while (row < count) {
    re.lastIndex = starts[row];
    const found = re.exec(text);
    if (found === null) return;
    const at = found.index;
    // Move to the row holding the match; its separator (starts[row + 1] - 1) belongs to it.
    while (row < count && starts[row + 1] <= at) row++;
    if (row === count) return;
    into[row] = 1;
    row++;
  }
}
