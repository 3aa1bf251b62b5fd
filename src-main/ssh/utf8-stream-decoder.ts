/**
 * A node's channels deliver bytes cut anywhere, possibly inside a multi-byte UTF-8 character
 * (a PTY, `crictl logs -f`, `journalctl -f`); the contract carries text. One streaming decoder
 * for all of them holds the first bytes of a cut character until the rest arrives.
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
