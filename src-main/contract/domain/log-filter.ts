/**
 * Which log lines to show (issue 7 point 3): severity, text, regex, one pod, a time range.
 * Computed in the core over the whole store (the renderer holds only what is on screen).
 * Severity comes from the klog header letter, never from journald's PRIORITY, which is 6 for
 * every kubelet line (docs/kubelet.md §5.1).
 */
import type { LogSeverity } from './logs';

/**
 * One pod, as the kubelet names it in its lines (docs/kubelet.md §0, §5.3): `pod="ns/name"`
 * (also inside `pods=[…]`), its `podUID` (static pods: the MD5-derived file UID), and the
 * manifest path (`path="…"` on lines such as "Could not process manifest file", which have no
 * pod because the file did not parse). A line matches when it names any of them.
 */
export interface LogPodFilter {
  /** `namespace/name`. */
  pod?: string;
  podUID?: string;
  manifestPath?: string;
}

export interface LogFilter {
  /** Shown severities; absent or empty = all. `unknown` is the verbatim (unparsed) lines. */
  severities?: LogSeverity[];
  /** Plain text, case-insensitive unless it contains an upper-case letter ("smart case"). */
  text?: string;
  /** A JavaScript regular expression over the raw line. */
  regex?: string;
  pod?: LogPodFilter;
  /** Journal time (ms since the epoch), inclusive bounds. */
  sinceMs?: number;
  untilMs?: number;
  /**
   * Show a run of identical lines (the same text after klog's header, so only the time differs)
   * as its first line with the count of the others (LogRow.repeats).
   */
  foldRepeats?: boolean;
}
