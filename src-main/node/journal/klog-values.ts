/**
 * The `key=value` list after a structured klog message (docs/kubelet.md §5.3):
 * - `"…"` Go-quoted string (escapes handled by go-quoted.ts);
 * - bare tokens: numbers, `true`/`false`, or unquoted strings (`podUID=a965…` in ≤1.25);
 * - lists `[a b]` (older `KObjs`) and `["a" "b"]` (`KObjSlice`);
 * - multi-line `key=<` newline, tab-indented lines, newline ` >`;
 * - `{…}` structs printed with `%+v`, kept as unquoted strings.
 * A bare value followed by space-separated words without `=` (a `%v` time such as
 * `2024-09-13 03:00:01 +0000 UTC`) is joined back together. Text that is not a key=value
 * pair is kept as a pair with an empty key, so nothing is lost.
 */
import type { KlogKeyValue } from '../../contract/domain/logs';
import { quoted, readGoQuoted, stripCutMarker } from './go-quoted';

/** Set by `readKeyValues`: some value was cut off at the end of the line. */
export const kvResult = { truncated: false };

export function readKeyValues(text: string, start: number): KlogKeyValue[] {
  const out: KlogKeyValue[] = [];
  const n = text.length;
  let i = start;
  kvResult.truncated = false;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 0x20) i++;
    if (i >= n) break;
    // key: up to '=', no spaces or quotes
    let k = i;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === 0x3d || c === 0x20 || c === 0x22 || c === 0x0a) break;
      k++;
    }
    if (k >= n || text.charCodeAt(k) !== 0x3d || k === i) {
      const word = text.slice(i, k);
      if (k >= n && (word.endsWith('>') || word.endsWith('…'))) {
        // A key cut off by the tool that printed the line (`podStartSLOdura>`).
        kvResult.truncated = true;
        break;
      }
      const prev = out[out.length - 1];
      if (
        prev !== undefined &&
        prev.key !== '' &&
        prev.type === 'string' &&
        !prev.quoted &&
        (k >= n || text.charCodeAt(k) === 0x20)
      ) {
        prev.value = prev.value + ' ' + word;
        i = k;
        continue;
      }
      out.push({ key: '', type: 'string', value: text.slice(i), quoted: false });
      break;
    }
    const key = text.slice(i, k);
    i = k + 1;
    const c = text.charCodeAt(i);
    let kv: KlogKeyValue;
    let truncated = false;
    if (c === 0x22) {
      const s = readGoQuoted(text, i);
      truncated = quoted.truncated;
      kv = { key, type: 'string', value: truncated ? stripCutMarker(s) : s, quoted: true };
      i = quoted.end;
    } else if (c === 0x5b) {
      const end = listEnd(text, i);
      truncated = end < 0;
      kv = { key, type: 'list', value: listItems(text, i + 1, end < 0 ? n : end - 1, truncated) };
      i = end < 0 ? n : end;
    } else if (c === 0x3c && text.charCodeAt(i + 1) === 0x0a) {
      const end = text.indexOf('\n >', i + 1);
      truncated = end < 0;
      const body = text.slice(i + 2, end < 0 ? n : end);
      kv = { key, type: 'multiline', value: body.replace(/^\t/gm, '') };
      i = end < 0 ? n : end + 3;
    } else if (c === 0x7b) {
      const end = braceEnd(text, i);
      truncated = end < 0;
      kv = { key, type: 'string', value: text.slice(i, end < 0 ? n : end), quoted: false };
      i = end < 0 ? n : end;
    } else {
      let e = i;
      while (e < n && text.charCodeAt(e) !== 0x20) e++;
      kv = bareValue(key, text.slice(i, e));
      i = e;
    }
    if (truncated) {
      kv.truncated = true;
      kvResult.truncated = true;
    }
    out.push(kv);
  }
  return out;
}

/** `true`, `false`, a number that survives as a double, or an unquoted string. */
function bareValue(key: string, token: string): KlogKeyValue {
  if (token === 'true') return { key, type: 'bool', value: true };
  if (token === 'false') return { key, type: 'bool', value: false };
  const c = token.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b) {
    const num = Number(token);
    // Long digit strings (IDs) would lose precision: keep them as text.
    if (Number.isFinite(num) && (token.length <= 15 || !Number.isInteger(num))) {
      return { key, type: 'number', value: num };
    }
  }
  return { key, type: 'string', value: token, quoted: false };
}

/** Index just past the `]` closing the list opened at `start`, or -1 (truncated). */
function listEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      readGoQuoted(text, i);
      if (quoted.truncated) return -1;
      i = quoted.end - 1;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function listItems(text: string, from: number, to: number, truncated: boolean): string[] {
  const items: string[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      i++;
    } else if (c === 0x22) {
      const s = readGoQuoted(text, i);
      items.push(quoted.truncated ? stripCutMarker(s) : s);
      i = quoted.end;
    } else {
      // unquoted item; `{…}` structs may contain spaces
      let depth = 0;
      let e = i;
      for (; e < to; e++) {
        const d = text.charCodeAt(e);
        if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) depth--;
        else if (d === 0x20 && depth <= 0) break;
      }
      const item = text.slice(i, e);
      items.push(truncated && e >= to ? stripCutMarker(item) : item);
      i = e;
    }
  }
  return items;
}

function braceEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i + 1;
  }
  return -1;
}
