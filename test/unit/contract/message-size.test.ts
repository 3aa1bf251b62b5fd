import { describe, expect, it } from 'vitest';
import {
  MAX_MANIFEST_BYTES,
  MAX_MESSAGE_BYTES,
  operations,
  utf8ByteLength,
  type ClientMessage,
} from '../../../src-main/contract';
import { refuseOversize } from '../../../src-renderer/api/message-size';

describe('contract size limits in bytes', () => {
  it('counts UTF-8 bytes as Buffer.byteLength does, lone surrogates as U+FFFD', () => {
    for (const text of ['', 'abc', 'é', '漢字', '😀', 'a\ud800b', '\udc00', '😀\ud83d', 'x'.repeat(1000)]) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('the largest valid save always fits in one message, whatever its characters', () => {
    // Control characters are the worst case of JSON escaping: 1 byte becomes 6.
    const worst = '\u0001'.repeat(MAX_MANIFEST_BYTES);
    const message: ClientMessage = {
      type: 'call',
      id: 2 ** 40,
      op: 'manifests.save',
      input: { id: 'x'.repeat(200), name: 'n'.repeat(255), content: worst, expectedSha256: 'f'.repeat(64) },
    };
    expect(operations['manifests.save'].input.safeParse(message.input).success).toBe(true);
    const text = JSON.stringify(message);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(refuseOversize(message, text)).toBeNull();
  });

  it('the renderer refuses to send a message over the limit, with its size, and sends small ones', () => {
    const content = 'a'.repeat(MAX_MESSAGE_BYTES);
    const call: ClientMessage = { type: 'call', id: 7, op: 'manifests.validate', input: { content } };
    expect(refuseOversize(call, JSON.stringify(call))).toMatchObject({
      type: 'result',
      id: 7,
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('Nothing was sent') },
    });
    const small: ClientMessage = { type: 'call', id: 8, op: 'app.info', input: {} };
    expect(refuseOversize(small, JSON.stringify(small))).toBeNull();
  });
});
