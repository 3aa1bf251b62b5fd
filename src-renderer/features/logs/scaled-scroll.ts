/**
 * Scroll geometry for a fixed-row-height list of up to millions of rows. Browsers cap an
 * element's height (Chromium ~33.5 M px, Firefox ~17.9 M px), so past MAX_SCROLL_PX the
 * scroll position is scaled: the scrollbar spans the whole log, and a scroll offset maps to
 * a first row proportionally (docs/architecture.md "big lists").
 */
export const ROW_HEIGHT = 20;
export const MAX_SCROLL_PX = 8_000_000;

export function scrollHeightFor(total: number): number {
  return Math.min(total * ROW_HEIGHT, MAX_SCROLL_PX);
}

/** The first visible row and the pixel offset of that row from the top of the viewport. */
export function firstRowAt(
  scrollTop: number,
  viewport: number,
  total: number,
): { first: number; shift: number } {
  const full = total * ROW_HEIGHT;
  if (full <= MAX_SCROLL_PX)
    return { first: Math.floor(scrollTop / ROW_HEIGHT), shift: scrollTop % ROW_HEIGHT };
  const visible = Math.floor(viewport / ROW_HEIGHT);
  const range = Math.max(1, MAX_SCROLL_PX - viewport);
  const first = Math.round((Math.min(scrollTop, range) / range) * Math.max(0, total - visible));
  return { first, shift: 0 };
}

/** The scroll offset that shows `index` at the top. */
export function scrollTopFor(index: number, viewport: number, total: number): number {
  const full = total * ROW_HEIGHT;
  if (full <= MAX_SCROLL_PX) return index * ROW_HEIGHT;
  const visible = Math.floor(viewport / ROW_HEIGHT);
  return (index / Math.max(1, total - visible)) * Math.max(1, MAX_SCROLL_PX - viewport);
}
