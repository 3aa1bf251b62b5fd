/**
 * Text to the system clipboard through the page's Clipboard API, as the log and terminal copy
 * do (in Electron the same call reaches the system clipboard). The result says whether the
 * write happened, so a view says "Copied" only when it did.
 */
export type CopyResult = { ok: true } | { ok: false; reason: string };

interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

export async function copyText(
  text: string,
  clipboard: ClipboardLike | undefined = globalThis.navigator?.clipboard,
): Promise<CopyResult> {
  if (!clipboard) return { ok: false, reason: 'this page has no clipboard access (not a secure context)' };
  try {
    await clipboard.writeText(text);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message || 'the clipboard refused the write' };
  }
}
