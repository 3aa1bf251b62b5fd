import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src-main/terminal/utf8-chunks';

/** No lone surrogate (String.prototype.isWellFormed is newer than this project's lib). */
const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

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
