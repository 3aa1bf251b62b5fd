/**
 * Splits a byte stream into complete lines; an unterminated tail is kept until more arrives.
 * Bytes are decoded across chunk boundaries (ssh/utf8-stream-decoder.ts), so a character cut
 * by a read boundary comes out whole.
 */
import { Utf8StreamDecoder } from '../../ssh/utf8-stream-decoder';

export class StreamLineSplitter {
  private rest = '';
  private readonly decoder = new Utf8StreamDecoder();

  push(chunk: Uint8Array): string[] {
    const text = this.rest + this.decoder.decode(chunk);
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  /** At the end of the stream: the unterminated last line, if any. */
  end(): string | null {
    const rest = this.rest + this.decoder.flush();
    this.rest = '';
    return rest === '' ? null : rest;
  }

  /** A cut connection leaves a partial line: dropped, it comes again after the cursor. */
  discardTail(): void {
    this.rest = '';
    this.decoder.flush();
  }
}
