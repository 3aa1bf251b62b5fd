import { describe, expect, it } from 'vitest';
import { Utf8StreamDecoder } from '../../../src-main/ssh/utf8-stream-decoder';

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
