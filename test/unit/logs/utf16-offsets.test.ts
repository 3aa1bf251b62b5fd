import { describe, expect, it } from 'vitest';
import { utf16Offsets } from '../../../src-main/logs/utf16-offsets';

// Rows of a non-ASCII chunk are found in its UTF-8 decoding by these offsets (log-view.ts).
describe('utf16Offsets', () => {
  it('maps byte offsets of row starts to offsets in the decoded string', () => {
    const rows = ['abc', 'héllo', '', '😀x', 'ü😀é', 'plain', '\u2028€'];
    const bytes = Buffer.from(rows.join('\n'), 'utf8');
    const byteStarts: number[] = [];
    let at = 0;
    for (const r of rows) {
      byteStarts.push(at);
      at += Buffer.byteLength(r) + 1;
    }
    byteStarts.push(at);
    const got = utf16Offsets(bytes.toString('latin1'), Uint32Array.from(byteStarts));
    const text = bytes.toString('utf8');
    const want: number[] = [];
    let u = 0;
    for (const r of rows) {
      want.push(u);
      u += r.length + 1;
    }
    want.push(u);
    expect(Array.from(got)).toEqual(want);
    rows.forEach((r, i) => expect(text.slice(got[i], got[i + 1] - 1)).toBe(r));
  });

  it('leaves ASCII offsets as they are', () => {
    expect(Array.from(utf16Offsets('ab\ncd', Uint32Array.from([0, 3, 6])))).toEqual([0, 3, 6]);
  });
});
