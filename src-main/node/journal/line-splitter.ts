/** Splits a byte stream into complete lines; an unterminated tail is kept until more arrives. */
export class StreamLineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  push(chunk: Buffer): string[] {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  /** A cut connection leaves a partial line: dropped, it comes again after the cursor. */
  discardTail(): void {
    this.rest = '';
    this.decoder.decode();
  }
}
