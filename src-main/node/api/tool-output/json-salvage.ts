/**
 * JSON parsing that survives truncation. Real outputs are often cut: pagers end
 * `journalctl -o json` lines with `>`, issue authors quote only the top of a
 * `crictl inspect` or `kubectl get -o json` (fixtures/real/README.md). Instead of failing,
 * keep every value that was complete and close the open containers.
 */

export type TolerantJson = { ok: true; value: unknown; truncated: boolean } | { ok: false; error: string };

/**
 * Deepest nesting of JSON a parser here accepts. crictl's and kubectl's objects and journal
 * entries nest a dozen levels; a hostile node's `[[[[…]]]]` must not reach the code that walks
 * parsed values recursively (a stack overflow), nor cost a parse and a repair of its depth.
 */
export const MAX_JSON_DEPTH = 200;

/** True when the containers in `text` nest deeper than `limit` (strings skipped; linear). */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i) - 1;
      if (i < 0) return false;
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) depth--;
  }
  return false;
}

export function parseJsonTolerant(text: string): TolerantJson {
  if (jsonTooDeep(text)) return { ok: false, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, truncated: false };
  } catch (e) {
    const repaired = repairTruncatedJson(text);
    if (repaired !== null) {
      try {
        return { ok: true, value: JSON.parse(repaired) as unknown, truncated: true };
      } catch {
        // fall through to the original error
      }
    }
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const OPEN_OBJ = 0x7b; // {
const CLOSE_OBJ = 0x7d; // }
const OPEN_ARR = 0x5b; // [
const CLOSE_ARR = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * Cut `text` after the last complete value and append the closers of the containers
 * still open there. Returns null when no root container starts the text.
 * A value is "complete" only when its end was seen, so a number or string cut mid-way
 * is dropped with its key (an unfinished `"mounts": [` is dropped, not shown as empty).
 */
export function repairTruncatedJson(text: string): string | null {
  let i = 0;
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  if (first !== OPEN_OBJ && first !== OPEN_ARR) return null;

  const stack: number[] = []; // open container chars
  const expectKey: boolean[] = []; // per object frame: next string is a key
  let cut = -1;
  let cutStack = '';
  const closers = (): string =>
    stack
      .map((c) => (c === OPEN_OBJ ? '}' : ']'))
      .reverse()
      .join('');
  const markComplete = (end: number): void => {
    cut = end;
    cutStack = closers();
  };

  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = skipString(text, i);
      if (end < 0) break; // unterminated string: truncated here
      const top = stack.length - 1;
      const isKey = stack[top] === OPEN_OBJ && expectKey[top] === true;
      if (isKey) expectKey[top] = false;
      else markComplete(end);
      i = end - 1;
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      stack.push(c);
      expectKey.push(c === OPEN_OBJ);
      if (stack.length === 1) markComplete(i + 1); // an empty root is better than nothing
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      stack.pop();
      expectKey.pop();
      markComplete(i + 1);
      if (stack.length === 0) return text.slice(0, i + 1); // root closed: drop trailing text
    } else if (c === COMMA) {
      const top = stack.length - 1;
      if (stack[top] === OPEN_OBJ) expectKey[top] = true;
    } else if (c === COLON || isSpace(c)) {
      // separators
    } else {
      // number or literal: complete only if a delimiter follows
      let j = i;
      while (j < n && !isDelimiter(text.charCodeAt(j))) j++;
      if (j >= n) break;
      markComplete(j);
      i = j - 1;
    }
  }
  if (cut < 0) return null;
  return text.slice(0, cut) + cutStack;
}

/** Index just past the closing quote of the string starting at `start`, or -1. */
function skipString(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c);
}

/**
 * Several JSON documents written one after another (older crictl printed one object per
 * ID for `inspect a b`; ≥1.31 prints an array, docs/kubelet.md §3.4). Complete documents are
 * parsed; a truncated last one is salvaged.
 */
export function parseJsonDocuments(
  text: string,
): { ok: true; values: unknown[]; truncated: boolean } | { ok: false; error: string } {
  const whole = parseJsonTolerant(text);
  if (!whole.ok && jsonTooDeep(text)) return whole;
  if (whole.ok && !whole.truncated) return { ok: true, values: [whole.value], truncated: false };
  const values: unknown[] = [];
  let start = firstNonSpace(text, 0);
  while (start < text.length) {
    const end = endOfDocument(text, start);
    if (end < 0) {
      const tail = parseJsonTolerant(text.slice(start));
      if (!tail.ok) break;
      values.push(tail.value);
      return { ok: true, values, truncated: true };
    }
    try {
      values.push(JSON.parse(text.slice(start, end)) as unknown);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    start = firstNonSpace(text, end);
  }
  if (values.length === 0) return whole.ok ? { ok: true, values: [whole.value], truncated: true } : whole;
  return { ok: true, values, truncated: start < text.length };
}

/** End index (exclusive) of the container starting at `start`, or -1 if it never closes. */
function endOfDocument(text: string, start: number): number {
  const open = text.charCodeAt(start);
  if (open !== OPEN_OBJ && open !== OPEN_ARR) return -1;
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      j = skipString(text, j) - 1;
      if (j < 0) return -1;
    } else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
    else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
