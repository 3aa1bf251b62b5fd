/**
 * Where a list's selection goes for a key (WAI-ARIA APG listbox and grid keyboard interaction):
 * ↑/↓ one item, PageUp/PageDown one page, Home/End the ends. Null for any other key. With
 * nothing selected, ↓ selects the first item and ↑ the last. Pure; tested in test/unit/renderer.
 */
export function listMove(key: string, index: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? 0 : clamp(index + 1);
    case 'ArrowUp':
      return index < 0 ? last : clamp(index - 1);
    case 'PageDown':
      return clamp((index < 0 ? 0 : index) + Math.max(1, page));
    case 'PageUp':
      return clamp((index < 0 ? last : index) - Math.max(1, page));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
