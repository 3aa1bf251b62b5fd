/**
 * The contract carries text (JSON strings); long terminal output is cut into pieces only between
 * whole UTF-16 code points (never between the two halves of a surrogate pair, e.g. an emoji).
 * The bytes are decoded before, across chunk boundaries, by ssh/utf8-stream-decoder.ts.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Splits text into pieces of at most `max` UTF-16 units, never between a high and a low
 * surrogate (a piece may be one unit shorter than `max` for that).
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new Error('splitText: max must be at least 2');
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
