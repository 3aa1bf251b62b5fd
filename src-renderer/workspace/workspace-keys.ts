/**
 * The workspace's own shortcuts, in one place: the window's handler acts on them and the
 * terminal lets them through instead of sending them to the shell (as VS Code's terminal does
 * with its "commands to skip shell"). Tab and Escape stay with the shell: completion and vi need
 * them; F6 or a pane shortcut leaves the terminal. Pure; tested in test/unit/renderer.
 *
 * - Alt+1…6: jump to a pane (desktop convention; in a browser on Linux, Alt+digit may switch
 *   the browser's tabs before the page sees it), so also
 * - Ctrl+Shift+1…6: the same, bound by no common browser or terminal;
 * - F6 / Shift+F6: next / previous pane (browsers and desktop apps);
 * - Ctrl+Shift+Enter: maximise the focused pane, or restore (bound by no common browser; the
 *   terminal's own shortcuts are Ctrl+Shift+letters).
 */
export type WorkspaceAction =
  { kind: 'focus'; pane: number } | { kind: 'cycle'; step: 1 | -1 } | { kind: 'maximise' };

export interface KeyLike {
  type?: string;
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export const PANE_COUNT = 6;
export const MAXIMISE_KEYS = 'Ctrl+Shift+Enter';

export function workspaceAction(event: KeyLike): WorkspaceAction | null {
  if (event.type !== undefined && event.type !== 'keydown') return null;
  if (event.metaKey) return null;
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit) {
    const pane = Number(digit[1]) - 1;
    const alt = event.altKey && !event.ctrlKey && !event.shiftKey;
    const ctrlShift = event.ctrlKey && event.shiftKey && !event.altKey;
    if ((alt || ctrlShift) && pane < PANE_COUNT) return { kind: 'focus', pane };
    return null;
  }
  if (event.key === 'F6' && !event.ctrlKey && !event.altKey)
    return { kind: 'cycle', step: event.shiftKey ? -1 : 1 };
  if (event.key === 'Enter' && event.ctrlKey && event.shiftKey && !event.altKey) return { kind: 'maximise' };
  return null;
}

/**
 * In a tab strip (WAI-ARIA Authoring Practices, "Tabs"): Left/Right move to the previous/next
 * tab, round the ends; Home/End to the first/last. The index of the tab to show, or null.
 */
export function tabForKey(key: string, count: number, current: number): number | null {
  if (count <= 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return null;
  return (Math.max(0, current) + step + count) % count;
}
