/**
 * The regex part of a log filter, judged one run of rows (one chunk's worth) at a time, so it
 * can run on another thread (regex-worker.ts): a user's pattern may backtrack for ever on some
 * line (`^(a+)+$`), and the core's thread must never wait for that. The rest of the filter
 * (severity, time, text, pod) stays in log-view.ts on the core's thread: it is linear.
 *
 * judgeRun and scanRows are sent to the worker as their source text, so they use nothing but
 * their parameters and built-ins.
 */
import { scanRows, type ChunkRegexScan } from './regex-chunk-scan';

/** One run of rows as the regex sees them (everything copied: the worker gets its own). */
export interface RegexRun {
  count: number;
  /** The run as text with each row followed by '\n', and where each row starts in it. */
  text: string | null;
  starts: Uint32Array | null;
  /** Each row's own text, when the run's text could not be mapped to rows (invalid UTF-8). */
  rows: string[] | null;
  /** 1 for the rows that passed the rest of the filter: only those need the regex. */
  test: Uint8Array;
  /** 1 for rows without a '\n' of their own, which a search over the run can judge. */
  chunkable: Uint8Array;
  /** Search the run at once (regex-chunk-scan.ts) rather than test the rows one by one. */
  useScan: boolean;
}

/** The compiled filter regex in the form both threads rebuild it from. */
export interface RegexSpec {
  source: string;
  scan: { source: string; flags: string; anchored: boolean } | null;
}

export function judgeRun(
  regex: RegExp,
  scan: ChunkRegexScan | null,
  run: RegexRun,
  scanRowsImpl: typeof scanRows,
): Uint8Array {
  const out = new Uint8Array(run.count);
  const scanned = scan !== null && run.useScan && run.text !== null && run.starts !== null;
  if (scanned && scan !== null && run.text !== null && run.starts !== null) {
    const hits = new Uint8Array(run.count);
    scanRowsImpl(scan, run.text, run.starts, run.count, hits);
    for (let r = 0; r < run.count; r++) if (run.chunkable[r] === 1) out[r] = run.test[r] & hits[r];
  }
  for (let r = 0; r < run.count; r++) {
    if (run.test[r] === 0 || (scanned && run.chunkable[r] === 1)) continue;
    let row = '';
    if (run.rows !== null) row = run.rows[r] ?? '';
    else if (run.text !== null && run.starts !== null)
      row = run.text.substring(run.starts[r], run.starts[r + 1] - 1);
    regex.lastIndex = 0;
    if (regex.test(row)) out[r] = 1;
  }
  return out;
}

/** Decides the regex for runs; the worker's one may stop a pattern that takes too long. */
export interface RegexJudge {
  /** True when judge() answers later (another thread): the view then scans in catchUp(). */
  readonly async: boolean;
  judge(run: RegexRun): Uint8Array | Promise<Uint8Array>;
  dispose(): void;
}

/** Thrown by a judge that gave up on a pattern; the message says why, for the user. */
export class RegexStopped extends Error {
  override name = 'RegexStopped';
}

export function compileRegexSpec(spec: RegexSpec): { regex: RegExp; scan: ChunkRegexScan | null } {
  return {
    regex: new RegExp(spec.source),
    scan: spec.scan
      ? { search: new RegExp(spec.scan.source, spec.scan.flags), anchored: spec.scan.anchored }
      : null,
  };
}

/** On the calling thread: for tests and benchmarks of the filter itself, never for the core. */
export function inThreadJudge(spec: RegexSpec): RegexJudge {
  const { regex, scan } = compileRegexSpec(spec);
  return { async: false, judge: (run) => judgeRun(regex, scan, run, scanRows), dispose: () => {} };
}
