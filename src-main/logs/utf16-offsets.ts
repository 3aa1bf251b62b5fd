/**
 * Byte offsets in UTF-8 text turned into offsets in the same text decoded to a JS string
 * (UTF-16 units), for a chunk that is not all ASCII: a regex runs on the decoded rows
 * (log-view.ts), while the store indexes rows by byte.
 *
 * Only the non-ASCII bytes change the count, and they are found by one native search over the
 * latin1 view of the bytes (one character per byte), so an almost-ASCII chunk costs about
 * nothing. Per UTF-8 sequence: a continuation byte (0x80–0xBF) adds no unit; a 4-byte lead
 * (0xF0–0xF7) adds two units (a surrogate pair); other leads add one, as ASCII bytes do.
 */

/**
 * `byteOffsets` must be ascending and fall on character boundaries of `latin1` (the bytes);
 * offsets past its end count the bytes before its end only.
 */
export function utf16Offsets(latin1: string, byteOffsets: Uint32Array): Uint32Array {
  const out = new Uint32Array(byteOffsets.length);
  const nonAscii = /[\x80-\xff]+/g;
  let shift = 0; // bytes so far minus UTF-16 units so far
  let k = 0;
  for (let found = nonAscii.exec(latin1); found !== null; found = nonAscii.exec(latin1)) {
    const to = found.index + found[0].length;
    for (let p = found.index; p < to; p++) {
      while (k < byteOffsets.length && byteOffsets[k] <= p) {
        out[k] = byteOffsets[k] - shift;
        k++;
      }
      const c = latin1.charCodeAt(p);
      if (c < 0xc0) shift++;
      else if (c >= 0xf0) shift--;
    }
  }
  for (; k < byteOffsets.length; k++) out[k] = byteOffsets[k] - shift;
  return out;
}
