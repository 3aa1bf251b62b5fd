// docs/security.md test 5: 50 concurrent operations against MaxSessions 10 — no "Channel open
// failure"; the server's session count is back to its baseline after 1,000 operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index.js';
import { connectSession, removeTempDirs, run } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1, maxSessions: 10 });
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

describe('channel queue', () => {
  it('50 concurrent, then 1,000 operations: all succeed, never more than 9 channels, sessions back to baseline', async () => {
    const baseline = nodes.controlPlane.sshdSessionCount();
    const { conn, session } = await connectSession(nodes, { extra: { maxSessions: 10 } });
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, conn.channelsInUse)), 1);
    try {
      const fifty = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          run(session, ['sh', '-c', 'sleep 0.2; echo "$1"', 'sh', String(i)]),
        ),
      );
      // (each call would have thrown "Channel open failure" had the queue let it through)
      expect(fifty.map((r) => r.stdout.toString())).toEqual(Array.from({ length: 50 }, (_, i) => `${i}\n`));
      const errors: string[] = [];
      for (let round = 0; round < 10; round++) {
        const batch = await Promise.allSettled(Array.from({ length: 100 }, () => run(session, ['true'])));
        for (const b of batch) if (b.status === 'rejected') errors.push(String(b.reason));
      }
      expect(errors).toEqual([]);
      expect(peak).toBeLessThanOrEqual(9);
      expect(peak).toBe(9);
    } finally {
      clearInterval(sample);
      conn.close();
    }
    await expect.poll(() => nodes.controlPlane.sshdSessionCount(), { timeout: 10_000 }).toBe(baseline);
  });

  it('a channel open that times out settles with a timeout error', async () => {
    const { conn, session } = await connectSession(nodes, { extra: { channelOpenTimeoutMs: 1000 } });
    nodes.controlPlane.freezeSshd();
    try {
      const started = Date.now();
      const err = await run(session, ['true']).catch((e: unknown) => e);
      expect((err as Error).name).toBe('SshTimeoutError');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      nodes.controlPlane.unfreezeSshd();
      conn.close();
    }
  });
});
