import { describe, expect, it } from 'vitest';
import { splitText, Utf8StreamDecoder } from '../../../src-main/terminal/utf8-chunks';

/** No lone surrogate (String.prototype.isWellFormed is newer than this project's lib). */
const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const SAMPLE = 'pod ✓ 🐳 Ünïcødé — 日本語 kube-apiserver 👩‍💻\r\n';

describe('Utf8StreamDecoder', () => {
  it('decodes text cut at every byte position, whole characters only', () => {
    const bytes = Buffer.from(SAMPLE, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const decoder = new Utf8StreamDecoder();
      const first = decoder.decode(bytes.subarray(0, cut));
      expect(first).not.toContain('\uFFFD');
      expect(first + decoder.decode(bytes.subarray(cut)) + decoder.flush()).toBe(SAMPLE);
    }
  });

  it('decodes a stream delivered one byte at a time', () => {
    const decoder = new Utf8StreamDecoder();
    let text = '';
    for (const byte of Buffer.from(SAMPLE.repeat(3), 'utf8')) text += decoder.decode(Uint8Array.of(byte));
    expect(text + decoder.flush()).toBe(SAMPLE.repeat(3));
  });

  it('shows invalid bytes as U+FFFD and goes on', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\uFFFDb');
  });

  it('turns a character cut off at the end of the stream into U+FFFD on flush', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Buffer.from('ok ✓', 'utf8').subarray(0, 4))).toBe('ok ');
    expect(decoder.flush()).toBe('\uFFFD');
  });
});

describe('splitText', () => {
  it('never separates the halves of a surrogate pair and loses nothing', () => {
    const text = '🐳'.repeat(10) + 'abc' + '👩‍💻'.repeat(5);
    for (let max = 2; max <= 9; max += 1) {
      const pieces = splitText(text, max);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(max);
        expect(piece.length).toBeGreaterThan(0);
        expect(isWellFormed(piece)).toBe(true);
      }
    }
  });

  it('leaves short text whole', () => {
    expect(splitText('hostname\r\n', 64)).toEqual(['hostname\r\n']);
    expect(splitText('', 64)).toEqual([]);
  });
});
