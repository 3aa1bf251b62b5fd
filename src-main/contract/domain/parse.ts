/**
 * The result of a pure parser. Parsers never throw on input they do not understand: they
 * return what they could read plus issues, so the UI can show partial data next to the
 * reason it is partial (tool outputs are often truncated by pagers, systemctl or SSH).
 */

/** Something a parser noticed but tolerated (an unknown line, a truncated value…). */
export interface ParseIssue {
  /** 1-based line number in the input, when the issue belongs to one line. */
  line?: number;
  message: string;
}

export type ParseResult<T> =
  | { ok: true; value: T; issues: ParseIssue[]; truncated: boolean }
  | { ok: false; error: string; issues: ParseIssue[] };
