/**
 * The terminal pane's shortcuts. Ctrl+Shift, like GNOME Terminal and VS Code's terminal, since
 * plain Ctrl+C/V/T/W/F belong to the shell (SIGINT, literal next, readline …).
 */
export type TerminalAction =
  'copy' | 'paste' | 'new-tab' | 'close-tab' | 'search' | 'next-tab' | 'previous-tab';

export interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

const CTRL_SHIFT: Record<string, TerminalAction> = {
  c: 'copy',
  v: 'paste',
  t: 'new-tab',
  w: 'close-tab',
  f: 'search',
};

export function terminalAction(event: KeyLike): TerminalAction | null {
  if (event.type !== 'keydown' || event.altKey || event.metaKey || !event.ctrlKey) return null;
  if (event.key === 'PageDown') return 'next-tab';
  if (event.key === 'PageUp') return 'previous-tab';
  if (!event.shiftKey) return null;
  return CTRL_SHIFT[event.key.toLowerCase()] ?? null;
}

/** Splits pasted text for terminal.input, which takes at most 1 MiB per call. */
export function pasteChunks(text: string, max = 256 * 1024): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + max);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1; // keep a surrogate pair whole
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}
