/**
 * A filtered view of a LogStore: the seqs of the matching rows, extended incrementally as rows
 * arrive (only new rows are scanned) and trimmed at the front as the ring evicts. Gap markers
 * always pass: a filtered log must not look whole when it is not (docs/security.md "Logs").
 *
 * The scan walks rows in order and decodes each 1 MiB chunk once (latin1, plus its lower case
 * for a case-insensitive text filter); rows are then substrings of that, which V8 makes cheap.
 * In a chunk each row is followed by '\n' (log-store.ts): a search over the chunk maps its hits
 * to rows and rejects any hit that is not wholly inside one row.
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { compileFilter, type LogMatcher } from './log-matcher';
import { ROW_GAP, ROW_NEWLINE, type LogStore } from './log-store';
import { scanRows, type ChunkRegexScan } from './regex-chunk-scan';
import { utf16Offsets } from './utf16-offsets';

/**
 * What makes two lines "the same" for folding repeats: the text after klog's header (severity,
 * date, time, thread id, file:line, `]`), so identical messages at different times fold; a line
 * without the header is compared whole (docs/kubelet.md §5.3).
 */
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]*\] /;

export function repeatKey(text: string): string {
  const header = KLOG_HEADER.exec(text);
  return header ? text.slice(header[0].length) : text;
}

/** The severity slot of a gap marker: not a line, not counted. */
const NOT_COUNTED = 255;

export class LogView {
  private readonly matcher: LogMatcher;
  private readonly fold: boolean;
  private seqs = new Float64Array(1024);
  /** Severity code of each row held (to count by level, also after the store evicted it). */
  private sevs = new Uint8Array(1024);
  /** With fold: identical lines folded into each row after its own. */
  private repeats: Uint32Array | null = null;
  private lastKey: string | null = null;
  private readonly levelCounts = [0, 0, 0, 0, 0];
  private count = 0;
  /** seqs[0..head) have been evicted from the store. */
  private head = 0;
  private scannedTo = 0;

  constructor(
    private readonly store: LogStore,
    readonly filter: LogFilter | undefined,
  ) {
    this.matcher = compileFilter(filter);
    this.fold = filter?.foldRepeats === true;
    if (this.fold) this.repeats = new Uint32Array(1024);
    this.scannedTo = store.firstSeq;
  }

  /** Rows in the view by severity code (Sev: unknown, I, W, E, F); gap markers not counted. */
  counts(): readonly number[] {
    this.update();
    return this.levelCounts;
  }

  /** With fold: how many identical lines follow row `index` and are shown as it. */
  repeatsAt(index: number): number {
    this.update();
    const at = this.head + index;
    return this.repeats !== null && index >= 0 && at < this.count ? this.repeats[at]! : 0;
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
    while (this.head < this.count && this.seqs[this.head] < store.firstSeq) {
      if (this.sevs[this.head] !== NOT_COUNTED) this.levelCounts[this.sevs[this.head]!]! -= 1;
      this.head += 1;
    }
    if (this.head > 65_536 && this.head * 2 > this.count) {
      this.seqs.copyWithin(0, this.head, this.count);
      this.sevs.copyWithin(0, this.head, this.count);
      this.repeats?.copyWithin(0, this.head, this.count);
      this.count -= this.head;
      this.head = 0;
    }
  }

  private push(seq: number): void {
    const gap = this.store.isGap(seq);
    if (this.fold) {
      // A run of identical lines is one row with a count; a gap marker ends the run.
      const key = gap ? null : repeatKey(this.store.text(seq));
      if (key !== null && key === this.lastKey && this.count > this.head && this.repeats) {
        this.repeats[this.count - 1]! += 1;
        return;
      }
      this.lastKey = key;
    }
    if (this.count === this.seqs.length) {
      const next = new Float64Array(this.seqs.length * 2);
      next.set(this.seqs);
      this.seqs = next;
      const sevs = new Uint8Array(next.length);
      sevs.set(this.sevs);
      this.sevs = sevs;
      if (this.repeats) {
        const repeats = new Uint32Array(next.length);
        repeats.set(this.repeats);
        this.repeats = repeats;
      }
    }
    const severity = gap ? NOT_COUNTED : this.store.severity(seq);
    this.sevs[this.count] = severity;
    if (severity !== NOT_COUNTED) this.levelCounts[severity]! += 1;
    if (this.repeats) this.repeats[this.count] = 0;
    this.seqs[this.count++] = seq;
  }

  private scan(from: number, to: number): void {
    const store = this.store;
    let a = from;
    while (a < to) {
      // A run of rows in one chunk: their bytes are contiguous and in seq order.
      const n = store.chunkNumberOf(a);
      let b = a + 1;
      while (b < to && store.chunkNumberOf(b) === n) b++;
      this.scanRun(a, b, n);
      a = b;
    }
  }

  /**
   * Text needles are searched with one native indexOf over the run's bytes (as latin1) and the
   * hits mapped to rows. A regex is searched over the whole run too when regex-chunk-scan.ts can
   * do that exactly (its answer is final for rows without a '\n' of their own); otherwise, or
   * when few rows hold the text it requires (regex-literal.ts), it is tested row by row.
   * Unicode case folding also looks at rows one by one. That keeps a filter over a million
   * rows within the benchmark's target (bench/RESULTS.md).
   */
  private scanRun(a: number, b: number, chunkNumber: number): void {
    const m = this.matcher;
    const store = this.store;
    let hay = '';
    let folded: string | null = null;
    let base = 0;
    let ascii = true;
    let bytes: Buffer | null = null;
    let textHits: Uint8Array | null = null;
    let podHits: Uint8Array | null = null;
    let regexHits: Uint8Array | null = null;
    let regexRows: Uint8Array | null = null;
    if (m.needsText) {
      const chunk = store.chunk(chunkNumber);
      bytes = chunk.bytes;
      ascii = chunk.ascii;
      base = store.offsetOf(a);
      const end = store.offsetOf(b - 1) + store.lengthOf(b - 1);
      hay = bytes.toString('latin1', base, end);
      if (m.foldedText !== null && ascii) folded = '';
      if (m.exactText !== null) textHits = this.hits(hay, m.exactText, false, a, b, base);
      else if (folded !== null && m.foldedText !== null)
        textHits = this.hits(hay, m.foldedSearch, false, a, b, base);
      if (m.regexLiteral !== null) regexHits = this.hits(hay, m.regexLiteral, false, a, b, base);
      // When few rows hold the text the regex requires (under 1 in 20), testing those alone
      // beats searching the whole run (bench/RESULTS.md, "Filtering 1,000,000 lines").
      if (m.regexScan !== null && (regexHits === null || marked(regexHits) * 20 > b - a)) {
        regexRows = this.regexRows(m.regexScan, hay, bytes, ascii, a, b, base);
      }
      if (m.podNeedles !== null) {
        podHits = new Uint8Array(b - a);
        for (const p of m.podNeedles) this.hits(hay, p.needle, p.boundary, a, b, base, podHits);
      }
    }
    for (let seq = a; seq < b; seq++) {
      const flags = store.flagsOf(seq);
      if ((flags & ROW_GAP) !== 0) {
        this.push(seq);
        continue;
      }
      if (((m.severityMask >> store.severity(seq)) & 1) === 0) continue;
      const t = store.timeMs(seq);
      if (t < m.sinceMs || t > m.untilMs) continue;
      if (textHits !== null && textHits[seq - a] === 0) continue;
      if (podHits !== null && podHits[seq - a] === 0) continue;
      if (regexHits !== null && regexHits[seq - a] === 0) continue;
      // The chunk scan cannot judge a row holding '\n' itself (regex-chunk-scan.ts).
      const regexJudged = regexRows !== null && (flags & ROW_NEWLINE) === 0;
      if (regexJudged && regexRows !== null && regexRows[seq - a] === 0) continue;
      const regex = regexJudged ? null : m.regex;
      if (regex !== null || (m.foldedText !== null && !ascii)) {
        const off = store.offsetOf(seq) - base;
        const end = off + store.lengthOf(seq);
        const row = hay.substring(off, end);
        const b2 = bytes;
        const utf8 = () => (ascii || !b2 ? row : b2.toString('utf8', off + base, end + base));
        if (
          m.foldedText !== null &&
          !ascii &&
          !utf8()
            .toLowerCase()
            .includes(m.foldedUnicode ?? '')
        )
          continue;
        if (regex !== null) {
          regex.lastIndex = 0;
          if (!regex.test(utf8())) continue;
        }
      }
      this.push(seq);
    }
  }

  /**
   * The rows of [a, b) the regex matches, by one search over the run (regex-chunk-scan.ts);
   * `hay` is the run as latin1, decoded again as UTF-8 for a chunk that is not all ASCII.
   * Null when the offsets do not add up (bytes that are not valid UTF-8): then row by row.
   */
  private regexRows(
    scan: ChunkRegexScan,
    hay: string,
    bytes: Buffer | null,
    ascii: boolean,
    a: number,
    b: number,
    base: number,
  ): Uint8Array | null {
    const store = this.store;
    const count = b - a;
    let starts: Uint32Array = new Uint32Array(count + 1);
    for (let i = 0; i < count; i++) starts[i] = store.offsetOf(a + i) - base;
    starts[count] = hay.length + 1; // the last row's '\n' is not in `hay`
    let text = hay;
    if (!ascii) {
      if (bytes === null) return null;
      text = bytes.toString('utf8', base, base + hay.length);
      starts = utf16Offsets(hay, starts);
      if (starts[count] !== text.length + 1) return null;
    }
    const out = new Uint8Array(count);
    scanRows(scan, text, starts, count, out);
    return out;
  }

  /** Marks the rows of [a, b) that contain `needle` wholly (not across a row boundary). */
  private hits(
    hay: string,
    needle: string | RegExp,
    boundary: boolean,
    a: number,
    b: number,
    base: number,
    into?: Uint8Array,
  ): Uint8Array {
    const out = into ?? new Uint8Array(b - a);
    const store = this.store;
    let row = a;
    let rowStart = store.offsetOf(a) - base;
    let rowEnd = rowStart + store.lengthOf(a);
    let length = typeof needle === 'string' ? needle.length : 0;
    const find = (from: number): number => {
      if (typeof needle === 'string') return hay.indexOf(needle, from);
      needle.lastIndex = from;
      const found = needle.exec(hay);
      length = found ? found[0].length : 0;
      return found ? found.index : -1;
    };
    let pos = find(0);
    while (pos >= 0) {
      while (row < b && pos >= rowEnd) {
        row++;
        if (row < b) {
          rowStart = store.offsetOf(row) - base;
          rowEnd = rowStart + store.lengthOf(row);
        }
      }
      if (row >= b) break;
      const after = pos + length;
      // Not from a separator (a needle starting with '\n') into the next row either.
      const whole = pos >= rowStart && after <= rowEnd;
      const bounded = !boundary || after === rowEnd || !isNameChar(hay.charCodeAt(after));
      if (whole && bounded) {
        out[row - a] = 1;
        pos = find(rowEnd);
      } else pos = find(pos + 1);
    }
    return out;
  }
}

function marked(rows: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += rows[i];
  return n;
}

/** `[A-Za-z0-9._-]`: a pod name goes on (docs/kubelet.md §5.3). */
function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45
  );
}
