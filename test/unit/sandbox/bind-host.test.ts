/** Where a test node binds what a component would bind (src-main/sandbox/serving/bind-host.ts). */
import { describe, expect, it } from 'vitest';
import { simBindHost, urlHostPort } from '../../../src-main/sandbox/serving/bind-host';

describe('simBindHost', () => {
  it('wildcards become the node IP; the shared loopback is never bound; other addresses stay', () => {
    for (const w of ['', '0.0.0.0', '::', '[::]']) expect(simBindHost(w, '127.7.0.2')).toBe('127.7.0.2');
    for (const l of ['127.0.0.1', '::1', '[::1]', 'localhost'])
      expect(simBindHost(l, '127.7.0.2')).toBeNull();
    expect(simBindHost('127.7.0.2', '127.7.0.2')).toBe('127.7.0.2');
    expect(simBindHost('[fd00::1]', '127.7.0.2')).toBe('fd00::1');
  });

  it('reads etcd URLs', () => {
    expect(urlHostPort('https://127.7.0.2:2380')).toEqual({ host: '127.7.0.2', port: 2380 });
    expect(urlHostPort('https://[::1]:2379/')).toEqual({ host: '::1', port: 2379 });
    expect(urlHostPort('not a url')).toBeNull();
  });
});
