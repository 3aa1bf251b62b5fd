/**
 * A colour per node, so the node a pane, dialog or terminal tab belongs to is seen at a glance
 * beside its name. Derived from the node's id (stable across launches and renames); the hues are
 * spread apart so that a few nodes rarely look alike. Pure, tested in test/unit/renderer.
 */

/** Hues far enough apart to tell apart, the Sandbox node's first (it is first in the list). */
const HUES = [205, 28, 140, 285, 350, 60, 175, 245, 100, 320];

/** 32-bit FNV-1a of the id: small, stable, evenly spread. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function nodeHue(id: string): number {
  return HUES[hash(id) % HUES.length]!;
}

/**
 * The swatch colour: a mid lightness that stands out (≥ 3:1, WCAG's non-text contrast) on both
 * the light and the dark backgrounds of the app; the node's name beside it carries the meaning.
 */
export function nodeColour(id: string): string {
  return `hsl(${nodeHue(id)} 70% 45%)`;
}
