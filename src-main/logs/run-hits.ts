/**
 * Text needles over a run of rows: one native search over the run's bytes (as latin1), the hits
 * mapped to rows (log-view.ts). A hit counts only wholly inside one row, never across the '\n'
 * that follows each row in a chunk (log-store.ts).
 */
import type { LogStore } from './log-store';

/** Marks the rows of [a, b) that contain `needle` wholly (not across a row boundary). */
export function runHits(
  store: LogStore,
  hay: string,
  needle: string | RegExp,
  boundary: boolean,
  a: number,
  b: number,
  base: number,
  into?: Uint8Array,
): Uint8Array {
  const out = into ?? new Uint8Array(b - a);
  let row = a;
  let rowStart = store.offsetOf(a) - base;
  let rowEnd = rowStart + store.lengthOf(a);
  let length = typeof needle === 'string' ? needle.length : 0;
  const find = (from: number): number => {
    if (typeof needle === 'string') return hay.indexOf(needle, from);
    needle.lastIndex = from;
    const found = needle.exec(hay);
    length = found ? found[0].length : 0;
    return found ? found.index : -1;
  };
  let pos = find(0);
  while (pos >= 0) {
    while (row < b && pos >= rowEnd) {
      row++;
      if (row < b) {
        rowStart = store.offsetOf(row) - base;
        rowEnd = rowStart + store.lengthOf(row);
      }
    }
    if (row >= b) break;
    const after = pos + length;
    // Not from a separator (a needle starting with '\n') into the next row either.
    const whole = pos >= rowStart && after <= rowEnd;
    const bounded = !boundary || after === rowEnd || !isNameChar(hay.charCodeAt(after));
    if (whole && bounded) {
      out[row - a] = 1;
      pos = find(rowEnd);
    } else pos = find(pos + 1);
  }
  return out;
}

export function marked(rows: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += rows[i];
  return n;
}

/** `[A-Za-z0-9._-]`: a pod name goes on (docs/kubelet.md §5.3). */
function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45
  );
}
