/**
 * Prefixes that log transports put in front of a klog line (docs/kubelet.md §5.1, §5.2):
 * - journalctl `-o short` / `systemctl status`: `Feb 25 14:16:02 controlplane kubelet[26952]: `
 *   (`-o short-precise` adds `.uuuuuu` to the time);
 * - journalctl `-o short-iso` and rsyslog files: `2025-08-23T11:21:56.530696+00:00 controlplane kubelet[1504]: `;
 * - Docker Desktop: `[2024-03-07T10:32:41.617552843Z][kubelet][I] `;
 * - `talosctl logs` and other multi-node tools: `172.20.0.2: `.
 *
 * Scanned by character codes: called once per line on the hot path.
 */
import type { LogLinePrefix } from '../../contract/domain/logs';

/** Result slot: where the body starts after the prefix returned by `readPrefix`. */
export const prefixEnd = { at: 0 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function startsWithMonth(line: string): boolean {
  for (let m = 0; m < 12; m++) if (line.startsWith(MONTHS[m]!)) return true;
  return false;
}

export function readPrefix(line: string): LogLinePrefix | null {
  const c0 = line.charCodeAt(0);
  if (c0 === 0x5b) return dockerDesktop(line); // [
  if (c0 >= 0x41 && c0 <= 0x5a && line.charCodeAt(3) === 0x20 && startsWithMonth(line)) {
    return syslogStyle(line);
  }
  if (isDigit(c0) && line.charCodeAt(4) === 0x2d && line.charCodeAt(10) === 0x54) return isoStyle(line);
  return nodePrefix(line);
}

/** `Mmm dd hh:mm:ss[.uuuuuu] host ident[pid]: ` */
function syslogStyle(line: string): LogLinePrefix | null {
  // `Oct 11 01:18:20` (journald) or `Oct  1 01:18:20` (syslog pads the day with a space)
  if (line.charCodeAt(9) !== 0x3a || line.charCodeAt(12) !== 0x3a) return null;
  let i = 15;
  if (line.charCodeAt(i) === 0x2e) {
    i++;
    while (isDigit(line.charCodeAt(i))) i++;
  }
  return hostIdentPid(line, i, 'journal-short');
}

/** `2024-10-11T01:18:20+0000 host ident[pid]: ` */
function isoStyle(line: string): LogLinePrefix | null {
  const sp = line.indexOf(' ', 19);
  if (sp < 0) return null;
  return hostIdentPid(line, sp, 'iso');
}

/** From the space after the timestamp: ` host ident[pid]: ` or ` host ident: `. */
function hostIdentPid(line: string, tsEnd: number, kind: LogLinePrefix['kind']): LogLinePrefix | null {
  if (line.charCodeAt(tsEnd) !== 0x20) return null;
  const hostEnd = line.indexOf(' ', tsEnd + 1);
  if (hostEnd < 0) return null;
  // The identifier runs to the first `:`; it has no spaces (`kubelet[20023]`,
  // `kubelet-wrapper[20425]`); an optional `[pid]` ends it.
  let colon = hostEnd + 1;
  let bracket = -1;
  let pid: number | null = null;
  for (; colon < line.length; colon++) {
    const c = line.charCodeAt(colon);
    if (c === 0x3a) break; // :
    if (c === 0x20) return null;
    if (c === 0x5b && bracket < 0) {
      bracket = colon; // [
      pid = 0;
    } else if (bracket >= 0 && c !== 0x5d) {
      const d = c - 0x30;
      pid = d >= 0 && d <= 9 && pid !== null ? pid * 10 + d : null;
    }
  }
  if (colon >= line.length || colon === hostEnd + 1) return null;
  if (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 0x20) return null;
  if (bracket >= 0 && line.charCodeAt(colon - 1) !== 0x5d) {
    bracket = -1; // `[` inside the identifier, no `[pid]` suffix
    pid = null;
  }
  const ident = line.slice(hostEnd + 1, bracket >= 0 ? bracket : colon);
  prefixEnd.at = Math.min(colon + 2, line.length);
  return {
    kind,
    timestamp: line.slice(0, tsEnd),
    host: line.slice(tsEnd + 1, hostEnd),
    identifier: ident,
    pid,
  };
}

/** `[2024-03-07T10:32:41.617552843Z][kubelet][I] ` — the level letter is Docker's, not klog's. */
function dockerDesktop(line: string): LogLinePrefix | null {
  const a = line.indexOf('][');
  if (a < 0) return null;
  const b = line.indexOf('][', a + 2);
  if (b < 0) return null;
  const c = line.indexOf(']', b + 2);
  if (c < 0) return null;
  prefixEnd.at = line.charCodeAt(c + 1) === 0x20 ? c + 2 : c + 1;
  return {
    kind: 'docker-desktop',
    timestamp: line.slice(1, a),
    host: null,
    identifier: line.slice(a + 2, b),
    pid: null,
  };
}

/** `172.20.0.2: ` before a JSON or klog line (talosctl logs). */
function nodePrefix(line: string): LogLinePrefix | null {
  const colon = line.indexOf(': ');
  if (colon <= 0 || colon > 253) return null;
  for (let i = 0; i < colon; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x22 || c === 0x7b) return null; // space, quote, {
  }
  const next = line.charCodeAt(colon + 2);
  // Only when what follows is recognisably a log line.
  if (next !== 0x7b && !isKlogLetter(next)) return null;
  prefixEnd.at = colon + 2;
  return { kind: 'node', timestamp: null, host: line.slice(0, colon), identifier: null, pid: null };
}

export function isKlogLetter(c: number): boolean {
  return c === 0x49 || c === 0x57 || c === 0x45 || c === 0x46; // I W E F
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
