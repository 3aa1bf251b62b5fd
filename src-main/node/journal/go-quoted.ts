/**
 * Go-quoted strings as klog prints them (`strconv.Quote`-style: `\"`, `\\`, `\n`, `\t`,
 * `\xNN`, `\uNNNN`, `\UNNNNNNNN`, octal; docs/kubelet.md §5.3), read in place without regex.
 *
 * Hot path of the klog parser: the common case (no backslash) is one scan and one slice.
 * The end position and truncation flag are returned through `quoted` (a reused scratch
 * object) instead of a fresh object per call, to keep allocation per line low.
 */

export const quoted = {
  /** Index just past the closing quote (or the end of the input when truncated). */
  end: 0,
  /** The closing quote was missing: the line was cut inside the string. */
  truncated: false,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Read the string whose opening quote is at `start`. */
export function readGoQuoted(text: string, start: number): string {
  const n = text.length;
  let i = start + 1;
  // Fast path: no escapes.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      quoted.end = i + 1;
      quoted.truncated = false;
      return text.slice(start + 1, i);
    }
    if (c === BACKSLASH) return readEscaped(text, start, i);
    i++;
  }
  quoted.end = n;
  quoted.truncated = true;
  return text.slice(start + 1);
}

function readEscaped(text: string, start: number, firstEscape: number): string {
  const n = text.length;
  let out = text.slice(start + 1, firstEscape);
  let i = firstEscape;
  let chunk = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      quoted.end = i + 1;
      quoted.truncated = false;
      return out + text.slice(chunk, i);
    }
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    out += text.slice(chunk, i);
    if (i + 1 >= n) break; // cut right after a backslash
    const e = text[i + 1]!;
    let len = 2;
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
        out += "'";
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
        len = 4;
        out += hexChar(text, i + 2, 2);
        break;
      case 'u':
        len = 6;
        out += hexChar(text, i + 2, 4);
        break;
      case 'U':
        len = 10;
        out += hexChar(text, i + 2, 8);
        break;
      default:
        if (e >= '0' && e <= '7') {
          len = 4;
          const code = parseInt(text.slice(i + 1, i + 4), 8);
          out += Number.isFinite(code) ? String.fromCharCode(code) : text.slice(i, i + 4);
        } else {
          out += text.slice(i, i + 2); // unknown escape: keep verbatim
        }
    }
    i += len;
    chunk = i;
  }
  quoted.end = n;
  quoted.truncated = true;
  return out + text.slice(chunk, n);
}

function hexChar(text: string, from: number, digits: number): string {
  const code = parseInt(text.slice(from, from + digits), 16);
  if (!Number.isFinite(code) || code > 0x10ffff) return '\ufffd';
  return String.fromCodePoint(code);
}

/**
 * Remove the marker a tool adds where it cut a line: systemctl's `>` (and `…`), or a
 * pager's `...` (fixtures/real/systemctl-status-kubelet-v1.30.txt).
 */
export function stripCutMarker(s: string): string {
  if (s.endsWith('>') || s.endsWith('…')) return s.slice(0, -1);
  if (s.endsWith('...')) return s.slice(0, -3);
  return s;
}
