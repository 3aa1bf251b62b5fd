/**
 * PTY output arrives as bytes cut anywhere, possibly inside a multi-byte UTF-8 character; the
 * contract carries text (JSON strings), so the core decodes with a streaming decoder that holds
 * the first bytes of a cut character until the rest arrives, and cuts long text only between
 * whole UTF-16 code points (never between the two halves of a surrogate pair, e.g. an emoji).
 */

/** Decodes one byte stream to text, across chunk boundaries. */
export class Utf8StreamDecoder {
  // fatal: false — binary output (`cat /bin/ls`) becomes U+FFFD, as a terminal would show it.
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  /** The text complete so far; an incomplete trailing character is kept for the next call. */
  decode(bytes: Uint8Array): string {
    return this.decoder.decode(bytes, { stream: true });
  }

  /** At the end of the stream: whatever is left (an incomplete character becomes U+FFFD). */
  flush(): string {
    return this.decoder.decode();
  }
}

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
