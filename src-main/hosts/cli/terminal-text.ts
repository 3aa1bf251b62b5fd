/**
 * Text from a node (file names, pod names, log lines, error output) must not drive the user's
 * terminal: an escape sequence can move the cursor, rewrite what is shown, set the window title
 * or the clipboard (OSC 52), and bidirectional controls reorder what is displayed (the "Trojan
 * Source" class, CVE-2021-42574). The CLI shows every such character as a visible escape.
 */

/**
 * C0 controls, DEL and C1 controls (a terminal acts on them), and the Unicode characters that
 * change display order or hide text: the bidirectional marks, embeddings, overrides and isolates
 * (U+061C, U+200E–F, U+202A–E, U+2066–9), zero-width and invisible formatting characters
 * (U+200B–D, U+2060–4, U+FEFF), line and paragraph separators (U+2028–9) and interlinear
 * annotation marks (U+FFF9–B).
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
/** The same without line feed and tab, for whole multi-line output. */
const UNSAFE_IN_OUTPUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
/* eslint-enable no-control-regex */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One field from a node, on one line: every unsafe character as `\n`, `\t` or `\u001b`. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? hex(c));
}

export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/**
 * Whole output (tables, JSON, messages), a last guard under the per-field escaping: everything
 * unsafe but line feeds and tabs becomes `\uXXXX`. JSON stays valid and means the same, since
 * JSON.stringify writes no raw control character and `\uXXXX` is JSON's own escape.
 */
export function safeOutput(text: string): string {
  return text.replace(UNSAFE_IN_OUTPUT, hex);
}
