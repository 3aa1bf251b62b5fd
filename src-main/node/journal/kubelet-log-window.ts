/**
 * The kubelet's recent log as the findings read it: a window of TIME, not a number of lines —
 * a `--v=2` kubelet (OpenShift, docs/distributions.md) fills 300 lines in seconds, and a
 * manifest error is logged again on every re-list of the directory (docs/kubelet.md §1.1), so a
 * window of at least three re-list periods sees it at least once. Read wherever the log is
 * (kubelet-log-location.ts): the journal (`-o short-unix --since -<N>s`, falling back from the
 * units to the identifiers, docs/kubelet.md §5.1) or a file (its tail, lines kept by their klog
 * time against the node's clock). Bounded in lines and bytes; when a bound cuts the window, the
 * result says how far back it actually reaches. k0s's wrapped lines are unwrapped.
 */
import type { KubeletLogLocation, KubeletLogWindow } from '../../contract/domain/node-setup';
import type { KlogRecord } from '../../contract/domain/logs';
import type { BatchSection } from '../batch/batch-script';
import { accessFailure } from '../session/access-failure';
import { unwrapK0sKubeletLine } from './k0s-wrapped';
import { parseKlogLine } from './klog-line';

export const WINDOW_MAX_LINES = 10_000;
export const WINDOW_MAX_BYTES = 4 * 1024 * 1024;

/** At least a minute, and at least three re-list periods. */
export function logWindowSeconds(fileCheckSeconds: number): number {
  return Math.max(60, Math.ceil(3 * fileCheckSeconds));
}

/**
 * Shell functions for a batch: `lwn` prints the node's clock (`<epoch seconds> <±hhmm>`);
 * `lwj J S FLAG LIST` runs journalctl J over the last S seconds for each name in LIST
 * (newline-separated) given as FLAG (-u/-t); `lw J S UNITS IDENTS` tries the units, then the
 * identifiers when the units gave nothing; `lwf FILE` prints the file's tail (exit 3 only when
 * the file is really not there). Output is cut to
 * the newest WINDOW_MAX_LINES lines and WINDOW_MAX_BYTES bytes; journalctl's exit status is
 * kept through the pipe.
 */
export const LOG_WINDOW_FUNCTIONS =
  'lwn() { date "+%s %z"; }; ' +
  "lwj() { _j=$1; _s=$2; _f=$3; _l=$4; set --; _o=$IFS; IFS='\n'; set -f; " +
  'for _u in $_l; do set -- "$@" "$_f" "$_u"; done; set +f; IFS=$_o; ' +
  '_st=$(mktemp); { "$_j" "$@" -o short-unix --no-pager --all --since "-${_s}s"; echo $? >"$_st"; } | ' +
  `tail -n ${WINDOW_MAX_LINES} | tail -c ${WINDOW_MAX_BYTES}; _c=$(cat "$_st"); rm -f "$_st"; return "\${_c:-1}"; }; ` +
  'lw() { _r=$(lwj "$1" "$2" -u "$3"; echo "x$?"); _c=${_r##*x}; _r=${_r%x*}; ' +
  '[ "$_c" = 0 ] || { printf "%s" "$_r"; return "$_c"; }; ' +
  'if [ -n "$_r" ] || [ -z "$4" ]; then printf "%s" "$_r"; return 0; fi; lwj "$1" "$2" -t "$4"; }; ' +
  // A file behind a directory this user may not search is refused, not missing.
  'lwf() { [ -e "$1" ] || { case $(stat -L "$1" 2>&1) in *ermission*) echo "tail: cannot open \'$1\' for reading: Permission denied" >&2; return 1;; esac; ' +
  `echo "$1: No such file or directory" >&2; return 3; }; tail -c ${WINDOW_MAX_BYTES} "$1"; }; `;

/** The batch lines that read the window; sections `lognow` and `logwin`. */
export function logWindowBatch(
  location: KubeletLogLocation,
  journalctl: string | null,
  seconds: number,
): {
  body: string;
  params: string[];
} {
  if (location.kind === 'journal' && journalctl) {
    return {
      body: 'sec lognow lwn; sec logwin lw "$1" "$2" "$3" "$4"',
      params: [journalctl, String(seconds), location.units.join('\n'), location.identifiers.join('\n')],
    };
  }
  if (location.kind === 'file' && location.file) {
    return { body: 'sec lognow lwn; sec logwin lwf "$1"', params: [location.file] };
  }
  return { body: 'sec lognow lwn', params: [] };
}

export interface WindowRead {
  window: KubeletLogWindow;
  records: KlogRecord[];
}

/** `1718093702.123456 host kubelet[1204]: <message>` (journalctl -o short-unix). */
function splitShortUnix(line: string): { timeMs: number; message: string } | null {
  const m = /^(\d{9,11})\.(\d{1,6}) \S+ [^\s:[]+(?:\[\d+\])?: ?(.*)$/.exec(line);
  if (!m) return null;
  return {
    timeMs: Number(m[1]) * 1000 + Math.floor(Number((m[2] as string).padEnd(6, '0')) / 1000),
    message: m[3] as string,
  };
}

/** A klog header's time (no year, node local time) as ms since the epoch, near the node's `now`. */
export function klogTimeMs(record: KlogRecord, nowMs: number, offsetMinutes: number): number | null {
  if (record.month === 0 || record.micros < 0) return null;
  const local = new Date(nowMs + offsetMinutes * 60_000);
  let year = local.getUTCFullYear();
  // A December line read in January belongs to last year.
  if (record.month === 12 && local.getUTCMonth() === 0) year -= 1;
  const dayStartUtc = Date.UTC(year, record.month - 1, record.day);
  return dayStartUtc + Math.floor(record.micros / 1000) - offsetMinutes * 60_000;
}

function parseNow(section: BatchSection | undefined): { nowMs: number; offsetMinutes: number } {
  const m = /^(\d+) ([+-])(\d\d)(\d\d)/.exec(section?.stdout.toString('utf8').trim() ?? '');
  if (!m) return { nowMs: Date.now(), offsetMinutes: 0 };
  const sign = m[2] === '-' ? -1 : 1;
  return { nowMs: Number(m[1]) * 1000, offsetMinutes: sign * (Number(m[3]) * 60 + Number(m[4])) };
}

function sourceOf(location: KubeletLogLocation): string {
  if (location.kind === 'file') return location.file ?? 'a file';
  if (location.kind === 'journal') return `journal unit ${location.units.join(', ')}`;
  return 'no kubelet log';
}

export function readLogWindow(
  sections: Map<string, BatchSection>,
  location: KubeletLogLocation,
  seconds: number,
  user: string,
): WindowRead {
  const base = { source: sourceOf(location), windowSeconds: seconds };
  const none = (reason: string): WindowRead => ({
    window: { ...base, readable: false, reason, oldestMs: null, complete: false, lines: 0 },
    records: [],
  });
  if (location.kind === 'none') return none(location.explanation);
  const section = sections.get('logwin');
  if (!section)
    return none(
      location.kind === 'journal' ? 'journalctl was not found on the node.' : 'The log was not read.',
    );
  const refused = accessFailure(section.stderr, user);
  if (refused) return none(`${refused.reason}.`);
  if (section.code === 3) return none(`${location.file} does not exist.`);
  if (section.code !== 0) {
    const detail = section.stderr.trim().split('\n').slice(-1)[0] || `exit ${section.code}`;
    return none(`Reading ${base.source} failed: ${detail}`);
  }
  const { nowMs, offsetMinutes } = parseNow(sections.get('lognow'));
  const raw = section.stdout;
  const cut = raw.length >= WINDOW_MAX_BYTES;
  let lines = raw.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (cut) lines = lines.slice(1); // the first line was cut by the byte bound
  const fromMs = nowMs - seconds * 1000;
  const records: KlogRecord[] = [];
  let oldestMs: number | null = null;
  let reachedStart = false;
  for (const line of lines) {
    let text = line;
    let timeMs: number | null = null;
    if (location.kind === 'journal') {
      const split = splitShortUnix(line);
      if (!split) continue;
      text = split.message;
      timeMs = split.timeMs;
    }
    if (location.format === 'k0s') {
      const inner = unwrapK0sKubeletLine(text);
      if (inner === null) continue;
      text = inner;
    }
    const record = parseKlogLine(text);
    if (timeMs === null) timeMs = klogTimeMs(record, nowMs, offsetMinutes);
    if (timeMs !== null && timeMs < fromMs) {
      reachedStart = true;
      continue;
    }
    if (timeMs !== null && (oldestMs === null || timeMs < oldestMs)) oldestMs = timeMs;
    records.push(record);
  }
  // A journal read is the window by construction (--since) unless a bound cut it; a file read
  // covers the window when it reached a line older than its start (or the file's beginning).
  const complete =
    location.kind === 'journal'
      ? !cut && lines.length < WINDOW_MAX_LINES
      : reachedStart || (!cut && raw.length < WINDOW_MAX_BYTES);
  return {
    window: { ...base, readable: true, reason: null, oldestMs, complete, lines: records.length },
    records,
  };
}
