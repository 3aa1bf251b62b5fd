/**
 * A LogFilter compiled for the scan: cheap per-row checks (severity mask, time range) first,
 * then text checks on the row's bytes. Text and pod checks run on a latin1 view of the UTF-8
 * bytes (one byte = one char, so no decoding per row); the needles are converted the same way,
 * so non-ASCII needles still match byte for byte.
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { ContractError } from '../contract';
import { Sev } from './log-store';
import { compileChunkScan, type ChunkRegexScan } from './regex-chunk-scan';
import type { RegexSpec } from './regex-judge';
import { requiredLiteral } from './regex-literal';
import { severityCode } from './severity-sniff';

export interface LogMatcher {
  /** Bit per Sev code; all bits when no severity filter. */
  severityMask: number;
  sinceMs: number;
  untilMs: number;
  /** Needs the row text at all. */
  needsText: boolean;
  /** Lower-cased latin1 needle for a case-insensitive text filter. */
  foldedText: string | null;
  /** The needle as a case-insensitive global RegExp, searched over whole ASCII chunks. */
  foldedSearch: RegExp;
  /** The same in real Unicode lower case, for rows that are not ASCII. */
  foldedUnicode: string | null;
  /** latin1 needle for a case-sensitive text filter. */
  exactText: string | null;
  /** Any of these latin1 needles (the pod's names, UID, manifest path). */
  podNeedles: Array<{ needle: string; boundary: boolean }> | null;
  regex: RegExp | null;
  /** latin1 text every regex match contains (regex-literal.ts): candidate rows by indexOf. */
  regexLiteral: string | null;
  /** The regex over a whole run of rows in one search (regex-chunk-scan.ts), when that is exact. */
  regexScan: ChunkRegexScan | null;
}

const toLatin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

export function compileFilter(filter: LogFilter | undefined): LogMatcher {
  const f = filter ?? {};
  let severityMask = 0xff;
  if (f.severities && f.severities.length > 0) {
    severityMask = 0;
    for (const s of f.severities) severityMask |= 1 << (s === 'unknown' ? Sev.Unknown : severityCode(s));
  }
  const text = f.text ?? '';
  const smartCaseSensitive = text !== text.toLowerCase();
  let regex: RegExp | null = null;
  if (f.regex) {
    try {
      regex = new RegExp(f.regex);
    } catch (error) {
      throw new ContractError({
        code: 'invalid-argument',
        message: `The regular expression is not valid: ${(error as Error).message}`,
        hint: 'Fix the expression, or use the text filter for plain text.',
      });
    }
  }
  const podNeedles: Array<{ needle: string; boundary: boolean }> = [];
  // `pod="ns/name"` and `pods=["ns/name"]`, old `pods=[ns/name]`: the name must end there,
  // or `ns/etcd-a` would match `ns/etcd-ab` (docs/kubelet.md §5.3).
  if (f.pod?.pod) podNeedles.push({ needle: toLatin1(f.pod.pod), boundary: true });
  if (f.pod?.podUID) podNeedles.push({ needle: toLatin1(f.pod.podUID), boundary: false });
  if (f.pod?.manifestPath) podNeedles.push({ needle: toLatin1(f.pod.manifestPath), boundary: true });
  return {
    severityMask,
    sinceMs: f.sinceMs ?? -Infinity,
    untilMs: f.untilMs ?? Infinity,
    needsText: text.length > 0 || regex !== null || podNeedles.length > 0,
    foldedText: text && !smartCaseSensitive ? toLatin1(text).toLowerCase() : null,
    foldedUnicode: text && !smartCaseSensitive ? text.toLowerCase() : null,
    foldedSearch: new RegExp(toLatin1(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') || '(?:)', 'gi'),
    exactText: text && smartCaseSensitive ? toLatin1(text) : null,
    podNeedles: podNeedles.length > 0 ? podNeedles : null,
    regex,
    regexLiteral: regex && f.regex ? latin1OrNull(requiredLiteral(f.regex)) : null,
    regexScan: regex && f.regex ? compileChunkScan(f.regex) : null,
  };
}

/** The regex part of a compiled filter, as a judge on any thread rebuilds it (regex-judge.ts). */
export function regexSpecOf(m: LogMatcher): RegexSpec | null {
  if (m.regex === null) return null;
  const scan = m.regexScan;
  return {
    source: m.regex.source,
    scan: scan ? { source: scan.search.source, flags: scan.search.flags, anchored: scan.anchored } : null,
  };
}

function latin1OrNull(s: string | null): string | null {
  return s === null ? null : toLatin1(s);
}

/** Stable key of a filter, for caching its view. */
export function filterKey(filter: LogFilter | undefined): string {
  if (!filter) return '';
  const f: LogFilter = {};
  if (filter.severities?.length) f.severities = [...filter.severities].sort();
  if (filter.text) f.text = filter.text;
  if (filter.regex) f.regex = filter.regex;
  if (filter.pod && (filter.pod.pod || filter.pod.podUID || filter.pod.manifestPath)) f.pod = filter.pod;
  if (filter.sinceMs !== undefined) f.sinceMs = filter.sinceMs;
  if (filter.untilMs !== undefined) f.untilMs = filter.untilMs;
  if (filter.foldRepeats) f.foldRepeats = true;
  return Object.keys(f).length === 0 ? '' : JSON.stringify(f);
}
