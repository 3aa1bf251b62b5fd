/**
 * Kubelet log records (docs/kubelet.md §5). Journald stores every kubelet line with
 * PRIORITY=6 (§5.1), so severity comes from the klog header letter, never from journald.
 * Flat and JSON-serialisable.
 */

/** klog header letter; `unknown` for lines kept verbatim because they did not parse. */
export type LogSeverity = 'I' | 'W' | 'E' | 'F' | 'unknown';

/** Which syntax the body of the line used. */
export type LogFormat =
  | 'klog-structured' // "Message" key=value … (kubelet ≥ ~1.21, §5.3)
  | 'klog-text' // free text after the header (older / unmigrated messages)
  | 'json' // --logging-format=json (§5.3)
  | 'unparsed';

/** A typed key/value value, as klog's text format prints it (§5.3). */
export type KlogValue =
  /** `quoted: false` for bare tokens such as `podUID=a965…` (klog ≤1.25, §5.3). */
  | { type: 'string'; value: string; quoted: boolean }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  /** `[a b]` or `["a" "b"]`; items unquoted. */
  | { type: 'list'; value: string[] }
  /** `key=<` newline, tab-indented lines, newline ` >`; tabs removed, lines joined by `\n`. */
  | { type: 'multiline'; value: string }
  /** A JSON value of a `--logging-format=json` line that is an object or array. */
  | { type: 'json'; value: string };

/**
 * One `key=value` pair: the key plus the typed value, flat (one object per pair — the klog
 * parser creates millions of these). `key` is empty for a remainder of the line that did
 * not parse as key=value, kept so nothing is lost.
 */
export type KlogKeyValue = KlogValue & {
  key: string;
  /** The value was cut off (e.g. `systemctl status` ends lines with `>`). */
  truncated?: true;
};

/** The prefix a log transport put in front of the klog line (§5.1, §5.2). */
export interface LogLinePrefix {
  kind: 'journal-short' | 'iso' | 'docker-desktop' | 'node';
  /** As printed (`Oct 11 01:18:20`, `2025-08-23T11:21:56.530696+00:00`…). */
  timestamp: string | null;
  host: string | null;
  /** `kubelet`, `kubelet-wrapper`, `docker`… */
  identifier: string | null;
  pid: number | null;
}

export interface KlogRecord {
  severity: LogSeverity;
  format: LogFormat;
  /** From the klog header (no year in klog, §5.3); 0 when unknown. */
  month: number;
  day: number;
  /** `hh:mm:ss.uuuuuu` as printed; empty when unknown. */
  time: string;
  /** Microseconds since local midnight, for ordering within a day; -1 when unknown. */
  micros: number;
  /** Process id from the klog header; -1 when unknown. */
  pid: number;
  /** `kubelet.go` (basename; `config/file.go` for JSON lines). */
  file: string;
  line: number;
  message: string;
  keyValues: KlogKeyValue[];
  /** Convenience copies of well-known keys (§0): `err`, `pod`, `podUID`, `pods`. */
  err: string | null;
  pod: string | null;
  podUID: string | null;
  pods: string[] | null;
  /** Some value or the message was cut off by the tool that printed the line. */
  truncated: boolean;
  prefix: LogLinePrefix | null;
  /** The input line, verbatim. */
  raw: string;
}

/** A value of `journalctl -o json`: string, byte array (non-UTF-8), null (>4096 bytes,
 * no `--all`), or an array of those for a field present several times (§5.2). */
export type JournalFieldValue = string | number[] | null | Array<string | number[] | null>;

export interface JournalRecord {
  cursor: string | null;
  /** `__REALTIME_TIMESTAMP`: µs since the epoch (< 2^53, exact as a number). */
  realtimeUs: number | null;
  monotonicUs: number | null;
  /** MESSAGE decoded (byte arrays as UTF-8); null when journald elided it (>4096 bytes). */
  message: string | null;
  /** MESSAGE was null, i.e. longer than 4096 bytes and `--all` was not given (§5.2). */
  messageElided: boolean;
  pid: number | null;
  unit: string | null;
  identifier: string | null;
  hostname: string | null;
  bootId: string | null;
  /** journald's PRIORITY; 6 for every kubelet line (§5.1). */
  priority: number | null;
  /** Every field as journalctl printed it. */
  fields: Record<string, JournalFieldValue>;
  /** The line was cut (e.g. by a pager) and only the complete fields were kept. */
  truncated: boolean;
}

/**
 * Where a followed kubelet log comes from (docs/kubelet.md §5.1: `-u` can miss lines, so `-t`;
 * `log-file`: the file the set-up writes the kubelet's output to, RKE2's agent/logs/kubelet.log).
 */
export type LogSourceKind = 'journal-unit' | 'journal-identifier' | 'log-files' | 'log-file' | 'none';

export type LogFollowState =
  /** Looking for the kubelet's log (journal unit, identifier, files). */
  | 'starting'
  | 'following'
  /** The command or the connection ended; resuming after the last delivered cursor. */
  | 'reconnecting'
  /** Not following (`follow: false` read to its end, or no log was found). */
  | 'complete'
  | 'failed';

/** A small notification of a follow session; the rows themselves are fetched by range. */
export interface LogFollowStatus {
  session: string;
  state: LogFollowState;
  source: LogSourceKind;
  /** Rows held (≤ capacity; gap markers count as rows). */
  total: number;
  /** Rows received since the session started (evicted ones included). */
  received: number;
  /** Rows dropped from the front of the ring. */
  evicted: number;
  gaps: number;
  capacity: number;
  /** What is going on, in words (reconnect reason, fallback, error). */
  message?: string;
  /**
   * Where the lines come from, in words: `journalctl -u k3s-agent`,
   * `/var/lib/rancher/rke2/agent/logs/kubelet.log`; with the reason when it is the set-up's.
   */
  origin?: string;
}

/** A key/value of a row, as text (`value` unquoted). */
export interface LogRowKeyValue {
  key: string;
  value: string;
}

/** One row of the viewer: a parsed kubelet line, or a gap marker. */
export interface LogRow {
  /** Position in the view (filtered or not). */
  index: number;
  /** Position in the whole session, stable while the row is held. */
  seq: number;
  kind: 'line' | 'gap';
  /** Journal time (ms since the epoch); 0 when unknown. */
  timeMs: number;
  severity: LogSeverity;
  /** klog `hh:mm:ss.uuuuuu`, or the journal time when klog had none. */
  time: string;
  file: string;
  line: number;
  message: string;
  keyValues: LogRowKeyValue[];
  raw: string;
  /** With LogFilter.foldRepeats: identical lines after this one, shown as it (0 when none). */
  repeats?: number;
}

/** Lines per severity of a view (gap markers not counted). */
export type LogLevelCounts = Record<LogSeverity, number>;
