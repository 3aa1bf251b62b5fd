/**
 * The klog header (docs/kubelet.md §5.3), exactly:
 * `Lmmdd hh:mm:ss.uuuuuu PPPPPPP file.go:NNN] ` — level letter, month/day (no year),
 * time with microseconds, the pid right-aligned in 7 columns after one space (so 1 to 7
 * spaces before it), the caller's basename and line, then `] `.
 *
 * Read with fixed offsets and char codes: no regex, no allocation except the two
 * substrings (time, file) the record keeps. Results go to the reused `header` slot.
 */
import type { LogSeverity } from '../../contract/domain/logs';

export const header = {
  severity: 'I' as LogSeverity,
  month: 0,
  day: 0,
  time: '',
  micros: 0,
  pid: 0,
  file: '',
  line: 0,
  /** Index of the first body character (after `] `). */
  bodyAt: 0,
};

/** Parse the header starting at `at`; false if `line` has none there. */
export function readKlogHeader(line: string, at: number): boolean {
  const n = line.length;
  if (n - at < 30) return false; // shortest: `I0101 00:00:00.000000 1 a.go:1]`
  const c0 = line.charCodeAt(at);
  let severity: LogSeverity;
  if (c0 === 0x49) severity = 'I';
  else if (c0 === 0x57) severity = 'W';
  else if (c0 === 0x45) severity = 'E';
  else if (c0 === 0x46) severity = 'F';
  else return false;

  const month = d2(line, at + 1);
  const day = d2(line, at + 3);
  const hh = d2(line, at + 6);
  const mm = d2(line, at + 9);
  const ss = d2(line, at + 12);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hh < 0 ||
    mm < 0 ||
    ss < 0 ||
    line.charCodeAt(at + 5) !== 0x20 ||
    line.charCodeAt(at + 8) !== 0x3a ||
    line.charCodeAt(at + 11) !== 0x3a ||
    line.charCodeAt(at + 14) !== 0x2e
  ) {
    return false;
  }
  let frac = 0;
  let i = at + 15;
  const fracEnd = i + 6;
  for (; i < fracEnd; i++) {
    const c = line.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return false;
    frac = frac * 10 + c;
  }
  const timeEnd = i;
  if (line.charCodeAt(i) !== 0x20) return false;
  while (line.charCodeAt(i) === 0x20) i++;
  let pid = 0;
  const pidStart = i;
  for (; i < n; i++) {
    const c = line.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) break;
    pid = pid * 10 + c;
  }
  if (i === pidStart || line.charCodeAt(i) !== 0x20) return false;
  const fileStart = ++i;
  // file:line] — the file has no spaces; the last ':' before ']' separates the line.
  let colon = -1;
  for (; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3a) colon = i;
    else if (c === 0x5d)
      break; // ]
    else if (c === 0x20) return false;
  }
  if (i >= n || colon < fileStart) return false;
  let lineNo = 0;
  for (let k = colon + 1; k < i; k++) {
    const c = line.charCodeAt(k) - 0x30;
    if (c < 0 || c > 9) return false;
    lineNo = lineNo * 10 + c;
  }
  header.severity = severity;
  header.month = month;
  header.day = day;
  header.time = line.slice(at + 6, timeEnd);
  header.micros = ((hh * 60 + mm) * 60 + ss) * 1_000_000 + frac;
  header.pid = pid;
  header.file = line.slice(fileStart, colon);
  header.line = lineNo;
  // `] ` then the body; a header with nothing after `]` has an empty body.
  header.bodyAt = line.charCodeAt(i + 1) === 0x20 ? i + 2 : i + 1;
  return true;
}

/** Two decimal digits at `i`, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}
