/**
 * A filtered view of a LogStore: the seqs of the matching rows, extended incrementally as rows
 * arrive (only new rows are scanned) and trimmed at the front as the ring evicts. Gap markers
 * always pass: a filtered log must not look whole when it is not (security.md "Logs").
 *
 * The scan walks rows in order and decodes each 1 MiB chunk once (latin1, plus its lower case
 * for a case-insensitive text filter); rows are then substrings of that, which V8 makes cheap.
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { compileFilter, textMatches, type LogMatcher } from './log-matcher';
import { ROW_GAP, type LogStore } from './log-store';

export class LogView {
  private readonly matcher: LogMatcher;
  private seqs = new Float64Array(1024);
  private count = 0;
  /** seqs[0..head) have been evicted from the store. */
  private head = 0;
  private scannedTo = 0;

  constructor(
    private readonly store: LogStore,
    readonly filter: LogFilter | undefined,
  ) {
    this.matcher = compileFilter(filter);
    this.scannedTo = store.firstSeq;
  }

  /** Rows in the view (after catching up with the store). */
  get length(): number {
    this.update();
    return this.count - this.head;
  }

  /** The seq of the view's row `index`, or -1. */
  seqAt(index: number): number {
    this.update();
    const at = this.head + index;
    return index >= 0 && at < this.count ? this.seqs[at] : -1;
  }

  /** Scans the rows added since the last call, and drops rows the ring evicted. */
  update(): void {
    const store = this.store;
    if (this.scannedTo < store.firstSeq) this.scannedTo = store.firstSeq;
    if (this.scannedTo < store.endSeq) this.scan(this.scannedTo, store.endSeq);
    this.scannedTo = store.endSeq;
    while (this.head < this.count && this.seqs[this.head] < store.firstSeq) this.head += 1;
    if (this.head > 65_536 && this.head * 2 > this.count) {
      this.seqs.copyWithin(0, this.head, this.count);
      this.count -= this.head;
      this.head = 0;
    }
  }

  private push(seq: number): void {
    if (this.count === this.seqs.length) {
      const next = new Float64Array(this.seqs.length * 2);
      next.set(this.seqs);
      this.seqs = next;
    }
    this.seqs[this.count++] = seq;
  }

  private scan(from: number, to: number): void {
    const m = this.matcher;
    const store = this.store;
    let chunkNumber = -1;
    let latin1 = '';
    let folded: string | null = null;
    let ascii = true;
    let bytes: Buffer | null = null;
    for (let seq = from; seq < to; seq++) {
      if ((store.flagsOf(seq) & ROW_GAP) !== 0) {
        this.push(seq);
        continue;
      }
      if (((m.severityMask >> store.severity(seq)) & 1) === 0) continue;
      const t = store.timeMs(seq);
      if (t < m.sinceMs || t > m.untilMs) continue;
      if (m.needsText) {
        const n = store.chunkNumberOf(seq);
        if (n !== chunkNumber) {
          chunkNumber = n;
          const chunk = store.chunk(n);
          bytes = chunk.bytes;
          ascii = chunk.ascii;
          latin1 = bytes.toString('latin1');
          folded = m.foldedText !== null ? latin1.toLowerCase() : null;
        }
        const off = store.offsetOf(seq);
        const end = off + store.lengthOf(seq);
        const row = latin1.substring(off, end);
        const rowFolded = folded === null ? null : folded.substring(off, end);
        const b = bytes;
        const utf8 = () => (ascii || !b ? row : b.toString('utf8', off, end));
        if (!textMatches(m, row, rowFolded, ascii, utf8)) continue;
      }
      this.push(seq);
    }
  }
}
