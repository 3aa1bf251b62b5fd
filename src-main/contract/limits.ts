/**
 * Size limits of the contract, in bytes of UTF-8 as they travel, and agreeing end to end: a
 * message that carries the largest valid argument always fits in one frame, so an argument
 * that is too large gets a clear error from the contract check instead of a closed connection.
 */
import { z } from 'zod';

const MiB = 1024 * 1024;

/**
 * A manifest's content. The kubelet reads at most 10 MiB of a manifest (docs/kubelet.md §1.3);
 * a little more is accepted so that the rule check can say so, and a file of up to this size
 * on a node can be opened and saved back.
 */
export const MAX_MANIFEST_BYTES = 12 * MiB;

/** One `terminal.input` call (a paste is split by the renderer well below this). */
export const MAX_TERMINAL_INPUT_BYTES = 1 * MiB;

/**
 * JSON.stringify grows a string by at most 6 times in UTF-8: a control character (1 byte) is
 * written `\u001b` (6 bytes); `"`, `\` and line breaks double; other characters stay as they are
 * (a lone surrogate, 3 bytes as U+FFFD, becomes `\ud800`, 6 bytes).
 */
export const JSON_STRING_GROWTH = 6;

/** The largest message a client sends (one frame of the browser mode's WebSocket). */
export const MAX_MESSAGE_BYTES = JSON_STRING_GROWTH * MAX_MANIFEST_BYTES + 64 * 1024;

/** Length of `text` in UTF-8 without encoding it (a lone surrogate counts 3, as U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** A string of at most `maxBytes` bytes of UTF-8, with an error that says both sizes. */
export function utf8String(maxBytes: number, what: string) {
  return z.string().superRefine((text, context) => {
    const bytes = utf8ByteLength(text);
    if (bytes > maxBytes) {
      context.addIssue({
        code: 'custom',
        message: `${what} is ${formatBytes(bytes)} in UTF-8; at most ${formatBytes(maxBytes)} can be sent.`,
      });
    }
  });
}
