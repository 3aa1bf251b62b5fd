import { describe, expect, it } from 'vitest';
import { LineSplitter, parseCriLogLine } from '../../../../src-main/sandbox/commands/cri-log';

// `crictl logs -f` reads the CRI log file in pieces (file-follow.ts): a piece may end inside a
// line and inside a multi-byte character; neither may be garbled.
describe('LineSplitter', () => {
  const text =
    '2026-11-21T08:00:00.000000001Z stderr F Grüße → ünïcödé ✓\n2026-11-21T08:00:00.000000002Z stdout F second\n';
  const bytes = Buffer.from(text, 'utf8');

  it('gives the same lines wherever the byte stream is cut', () => {
    for (let size = 1; size <= bytes.length; size++) {
      const splitter = new LineSplitter();
      const lines: string[] = [];
      for (let at = 0; at < bytes.length; at += size)
        lines.push(...splitter.push(bytes.subarray(at, at + size)));
      expect(lines, `pieces of ${size} bytes`).toEqual(text.split('\n').slice(0, 2));
    }
  });

  it('keeps an unterminated last line until it is completed, and forgets it on reset (a rotated file)', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('2026-11-21T08:00:00Z stdout P par'))).toEqual([]);
    expect(splitter.push('tial\n').map((l) => parseCriLogLine(l)?.content)).toEqual(['partial']);
    splitter.push(Buffer.from([0xc3])); // the first byte of "ü"
    splitter.reset();
    expect(splitter.push(Buffer.from('x\n'))).toEqual(['x']);
  });
});
