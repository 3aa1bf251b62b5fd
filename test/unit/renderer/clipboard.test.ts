import { describe, expect, it } from 'vitest';
import { copyText } from '../../../src-renderer/components/clipboard';

// "Copied" is shown only when the clipboard took the text: the result says which.
describe('copyText', () => {
  it('reports a write the clipboard took', async () => {
    const written: string[] = [];
    const result = await copyText('kubeadm certs renew apiserver', {
      writeText: async (text) => {
        written.push(text);
      },
    });
    expect(result).toEqual({ ok: true });
    expect(written).toEqual(['kubeadm certs renew apiserver']);
  });

  it('reports a refused write with the browser’s reason, and no clipboard at all', async () => {
    const refused = await copyText('x', {
      writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
    });
    expect(refused).toEqual({ ok: false, reason: 'Write permission denied.' });
    const missing = await copyText('x', undefined);
    expect(missing.ok).toBe(false);
  });
});
