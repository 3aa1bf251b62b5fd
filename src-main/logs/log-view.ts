/**
 * A filtered view of a LogStore: the seqs of the matching rows, extended incrementally as rows
 * arrive (only new rows are scanned) and trimmed at the front as the ring evicts. Gap markers
 * always pass: a filtered log must not look whole when it is not (docs/security.md "Logs").
 *
 * The scan walks rows in order and decodes each 1 MiB chunk once (latin1, plus its lower case
 * for a case-insensitive text filter); rows are then substrings of that, which V8 makes cheap.
 * In a chunk each row is followed by '\n' (log-store.ts): a search over the chunk maps its hits
 * to rows and rejects any hit that is not wholly inside one row.
 *
 * The regex part of a filter is judged by a RegexJudge (regex-judge.ts). In the core it is a
 * worker thread with a time budget (regex-worker.ts): such a view scans only in catchUp(), never
 * synchronously, and a pattern that takes too long stops the view where it got to, with a
 * reason (stoppedReason) the user is told.
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { compileFilter, regexSpecOf, type LogMatcher } from './log-matcher';
import { ROW_GAP, ROW_NEWLINE, type LogStore } from './log-store';
import { inThreadJudge, RegexStopped, type RegexJudge, type RegexRun, type RegexSpec } from './regex-judge';
import { marked, runHits } from './run-hits';
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

/** One run of rows after the checks other than the regex, waiting for the regex's verdict. */
interface PlannedRun {
  a: number;
  b: number;
  /** Per row: 1 gap marker (always shown), 2 passed the other checks, 0 out. */
  verdict: Uint8Array;
  regex: RegexRun | null;
}

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
  private readonly judge: RegexJudge | null;
  private stopped: string | null = null;
  private catching: Promise<void> | null = null;

  /** `makeJudge` gives the regex's judge (the default runs it on this thread). */
  constructor(
    private readonly store: LogStore,
    readonly filter: LogFilter | undefined,
    makeJudge: (spec: RegexSpec) => RegexJudge = inThreadJudge,
  ) {
    this.matcher = compileFilter(filter);
    this.fold = filter?.foldRepeats === true;
    if (this.fold) this.repeats = new Uint32Array(1024);
    const spec = regexSpecOf(this.matcher);
    this.judge = spec ? makeJudge(spec) : null;
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

  /** Why the regex stopped before the end of the log (rows after that point are not in the view). */
  get stoppedReason(): string | null {
    return this.stopped;
  }

  /** Catches up with the store, off this thread when the judge is; resolves when done or stopped. */
  catchUp(): Promise<void> {
    if (!this.judge?.async) {
      this.update();
      return Promise.resolve();
    }
    this.catching ??= this.scanAsync().finally(() => (this.catching = null));
    return this.catching;
  }

  dispose(): void {
    this.judge?.dispose();
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
    if (!this.judge?.async && this.stopped === null) {
      if (this.scannedTo < store.endSeq) this.scan(this.scannedTo, store.endSeq);
      this.scannedTo = store.endSeq;
    }
    this.trim();
  }

  private trim(): void {
    const store = this.store;
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

  /** Runs of rows in one chunk: their bytes are contiguous and in seq order. */
  private runEnd(a: number, to: number): number {
    const n = this.store.chunkNumberOf(a);
    let b = a + 1;
    while (b < to && this.store.chunkNumberOf(b) === n) b++;
    return b;
  }

  private scan(from: number, to: number): void {
    for (let a = from; a < to;) {
      const b = this.runEnd(a, to);
      const plan = this.planRun(a, b);
      const judged = plan.regex && this.judge ? (this.judge.judge(plan.regex) as Uint8Array) : null;
      this.accept(plan, judged);
      a = b;
    }
  }

  private async scanAsync(): Promise<void> {
    while (this.stopped === null) {
      const store = this.store;
      if (this.scannedTo < store.firstSeq) this.scannedTo = store.firstSeq;
      if (this.scannedTo >= store.endSeq) break;
      const a = this.scannedTo;
      const b = this.runEnd(a, store.endSeq);
      const plan = this.planRun(a, b);
      try {
        this.accept(plan, plan.regex && this.judge ? await this.judge.judge(plan.regex) : null);
      } catch (error) {
        this.stopped = error instanceof RegexStopped ? error.message : String(error);
        break;
      }
      this.scannedTo = b;
    }
    this.trim();
  }

  /** Pushes the run's rows that passed: gap markers, and the others the regex (if any) kept. */
  private accept(plan: PlannedRun, judged: Uint8Array | null): void {
    for (let r = 0; r < plan.b - plan.a; r++) {
      const v = plan.verdict[r];
      if (v === 1 || (v === 2 && (plan.regex === null || judged?.[r] === 1))) this.push(plan.a + r);
    }
  }

  /**
   * The checks other than the regex, for the run [a, b) of one chunk, and the regex's work for
   * its judge. Text needles are searched with one native indexOf over the run's bytes (as
   * latin1) and the hits mapped to rows. The regex is searched over the whole run too when
   * regex-chunk-scan.ts can do that exactly (its answer is final for rows without a '\n' of
   * their own); otherwise, or when few rows hold the text it requires (regex-literal.ts), it is
   * tested row by row. Unicode case folding looks at rows one by one. That keeps a filter over
   * a million rows within the benchmark's target (bench/RESULTS.md).
   */
  private planRun(a: number, b: number): PlannedRun {
    const m = this.matcher;
    const store = this.store;
    const count = b - a;
    let hay = '';
    let base = 0;
    let ascii = true;
    let bytes: Buffer | null = null;
    let textHits: Uint8Array | null = null;
    let podHits: Uint8Array | null = null;
    let literalHits: Uint8Array | null = null;
    if (m.needsText) {
      const chunk = store.chunk(store.chunkNumberOf(a));
      bytes = chunk.bytes;
      ascii = chunk.ascii;
      base = store.offsetOf(a);
      const end = store.offsetOf(b - 1) + store.lengthOf(b - 1);
      hay = bytes.toString('latin1', base, end);
      if (m.exactText !== null) textHits = runHits(store, hay, m.exactText, false, a, b, base);
      else if (m.foldedText !== null && ascii)
        textHits = runHits(store, hay, m.foldedSearch, false, a, b, base);
      if (m.regexLiteral !== null) literalHits = runHits(store, hay, m.regexLiteral, false, a, b, base);
      if (m.podNeedles !== null) {
        podHits = new Uint8Array(count);
        for (const p of m.podNeedles) runHits(store, hay, p.needle, p.boundary, a, b, base, podHits);
      }
    }
    const verdict = new Uint8Array(count);
    const chunkable = new Uint8Array(count);
    for (let seq = a; seq < b; seq++) {
      const r = seq - a;
      const flags = store.flagsOf(seq);
      if ((flags & ROW_GAP) !== 0) {
        verdict[r] = 1;
        continue;
      }
      if ((flags & ROW_NEWLINE) === 0) chunkable[r] = 1;
      if (((m.severityMask >> store.severity(seq)) & 1) === 0) continue;
      const t = store.timeMs(seq);
      if (t < m.sinceMs || t > m.untilMs) continue;
      if (textHits !== null && textHits[r] === 0) continue;
      if (podHits !== null && podHits[r] === 0) continue;
      if (literalHits !== null && literalHits[r] === 0) continue;
      if (m.foldedText !== null && !ascii && bytes !== null) {
        const off = store.offsetOf(seq);
        const row = bytes.toString('utf8', off, off + store.lengthOf(seq));
        if (!row.toLowerCase().includes(m.foldedUnicode ?? '')) continue;
      }
      verdict[r] = 2;
    }
    if (m.regex === null) return { a, b, verdict, regex: null };
    const test = new Uint8Array(count);
    for (let r = 0; r < count; r++) test[r] = verdict[r] === 2 ? 1 : 0;
    // When few rows hold the text the regex requires (under 1 in 20), testing those alone
    // beats searching the whole run (bench/RESULTS.md, "Filtering 1,000,000 lines").
    const useScan = m.regexScan !== null && (literalHits === null || marked(literalHits) * 20 > count);
    return { a, b, verdict, regex: this.regexRun(hay, bytes, ascii, a, b, base, test, chunkable, useScan) };
  }

  /**
   * The run as the regex reads it: `hay` is the run as latin1, decoded again as UTF-8 for a
   * chunk that is not all ASCII. When the offsets do not add up (bytes that are not valid
   * UTF-8), each row is decoded on its own and tested alone.
   */
  private regexRun(
    hay: string,
    bytes: Buffer | null,
    ascii: boolean,
    a: number,
    b: number,
    base: number,
    test: Uint8Array,
    chunkable: Uint8Array,
    useScan: boolean,
  ): RegexRun {
    const store = this.store;
    const count = b - a;
    let starts: Uint32Array | null = new Uint32Array(count + 1);
    for (let i = 0; i < count; i++) starts[i] = store.offsetOf(a + i) - base;
    starts[count] = hay.length + 1; // the last row's '\n' is not in `hay`
    let text: string | null = hay;
    if (!ascii && bytes !== null) {
      text = bytes.toString('utf8', base, base + hay.length);
      starts = utf16Offsets(hay, starts);
      if (starts[count] !== text.length + 1) {
        const rows = Array.from({ length: count }, (_, r) =>
          test[r] === 1
            ? bytes.toString('utf8', store.offsetOf(a + r), store.offsetOf(a + r) + store.lengthOf(a + r))
            : '',
        );
        return { count, text: null, starts: null, rows, test, chunkable, useScan: false };
      }
    }
    return { count, text, starts, rows: null, test, chunkable, useScan };
  }
}
