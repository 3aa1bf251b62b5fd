/**
 * The severity of a kubelet line at ingest, cheaply: every kubelet line has journald
 * PRIORITY=6 (docs/kubelet.md §5.1), so the klog header letter is the only source (§5.3). The
 * fast path looks at the header (`Lmmdd hh:`); anything else (syslog-file prefixes, JSON
 * logging, Docker Desktop) goes through the full parser.
 */
import { parseKlogLine } from '../node/journal/klog-line';
import { Sev } from './log-store';

const LETTERS: Record<string, Sev> = { I: Sev.I, W: Sev.W, E: Sev.E, F: Sev.F };

export function severityCode(letter: string): Sev {
  return LETTERS[letter] ?? Sev.Unknown;
}

export function severityLetter(code: number): 'I' | 'W' | 'E' | 'F' | 'unknown' {
  return code === Sev.I
    ? 'I'
    : code === Sev.W
      ? 'W'
      : code === Sev.E
        ? 'E'
        : code === Sev.F
          ? 'F'
          : 'unknown';
}

function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function sniffSeverity(line: string): Sev {
  const letter = LETTERS[line[0] ?? ''];
  if (
    letter !== undefined &&
    line.length > 8 &&
    digit(line.charCodeAt(1)) &&
    digit(line.charCodeAt(2)) &&
    digit(line.charCodeAt(3)) &&
    digit(line.charCodeAt(4)) &&
    line.charCodeAt(5) === 32
  ) {
    return letter;
  }
  return severityCode(parseKlogLine(line).severity);
}
