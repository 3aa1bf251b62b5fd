/**
 * The longest plain text that every match of a regular expression must contain, so that the
 * regex filter can first find candidate rows with one native indexOf over a whole chunk (as the
 * text filter does, log-view.ts) and run the regex only on those (issue 7: filtering 1,000,000
 * lines in under 300 ms, bench/RESULTS.md).
 *
 * Soundness over cleverness: a literal is returned only when it is certainly required. Any top-
 * level alternation gives none; groups, classes, `.`, class escapes (`\d`) and optional
 * quantifiers end a run; an escape this reader does not know (`\u…`, `\x…`, back-references,
 * `{`) stops the reading, keeping what was found before it. Missing a literal only costs speed.
 */

const QUANTIFIER_OPTIONAL = new Set(['?', '*']);
const SPECIAL = new Set(['.', '^', '$', '|', '(', ')', '[', ']', '{', '}', '?', '*', '+']);

/** Null when nothing of at least `minLength` characters is certainly in every match. */
export function requiredLiteral(source: string, minLength = 3): string | null {
  if (hasTopLevelAlternation(source)) return null;
  const runs: string[] = [];
  let run = '';
  const endRun = () => {
    if (run.length > 0) runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    let literal: string | null = null;
    let next = i + 1;
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) break;
      if (/[A-Za-z0-9]/.test(e)) {
        // \d \w \s \b and their capitals are classes or assertions; others (\u, \x, \1 …) stop.
        if (!/[dDwWsSbB]/.test(e)) break;
        endRun();
        next = skipQuantifier(source, i + 2);
        i = next;
        continue;
      }
      literal = e;
      next = i + 2;
    } else if (c === '[') {
      endRun();
      i = skipQuantifier(source, skipClass(source, i));
      continue;
    } else if (c === '(') {
      endRun();
      const end = skipGroup(source, i);
      if (end < 0) break;
      // A group that must match once or more (capturing, `(?:`, named, or a positive
      // lookaround, whose text is in the row too) holds its own required text: a candidate.
      const inner = requiredGroupBody(source.slice(i, end));
      const q = source[end];
      if (inner !== null && q !== '?' && q !== '*' && q !== '{') {
        const found = requiredLiteral(inner, 1);
        if (found !== null) runs.push(found);
      }
      i = skipQuantifier(source, end);
      continue;
    } else if (c === '{') {
      break;
    } else if (SPECIAL.has(c)) {
      endRun();
      i = c === '.' ? skipQuantifier(source, i + 1) : i + 1;
      continue;
    } else literal = c;

    const q = source[next];
    if (q !== undefined && QUANTIFIER_OPTIONAL.has(q)) {
      endRun(); // the character may be absent
      i = skipQuantifier(source, next);
    } else if (q === '{') {
      break;
    } else if (q === '+') {
      run += literal; // at least once; what follows need not be adjacent
      endRun();
      i = skipQuantifier(source, next);
    } else {
      run += literal;
      i = next;
    }
  }
  endRun();
  let best = '';
  for (const r of runs) if (r.length > best.length) best = r;
  return best.length >= minLength ? best : null;
}

/** The body of a group every match passes through; null for negative lookarounds and unknown `(?` forms. */
function requiredGroupBody(group: string): string | null {
  const body = group.slice(1, -1);
  if (!body.startsWith('?')) return body;
  const prefix = /^\?(?::|=|<=|<[A-Za-z_$][\w$]*>)/.exec(body);
  return prefix ? body.slice(prefix[0].length) : null;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Index after the class that starts at `at` (`[`). */
function skipClass(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === ']') i++; // not valid in JS, but harmless to step over
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index after the group that starts at `at` (`(`), or -1 when unbalanced. */
function skipGroup(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Steps over a quantifier (and its lazy `?`) at `at`, if any. */
function skipQuantifier(source: string, at: number): number {
  let i = at;
  const c = source[i];
  if (c === '?' || c === '*' || c === '+') i++;
  else if (c === '{') {
    const close = source.indexOf('}', i);
    i = close < 0 ? i + 1 : close + 1;
  } else return i;
  return source[i] === '?' ? i + 1 : i;
}
