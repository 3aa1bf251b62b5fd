// docs/security.md test 4: server frozen with SIGSTOP — loss reported within 45 s (keepalive 10 s × 3),
// every pending call settles, and the connection comes back after SIGCONT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../../../src-main/ssh/errors.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { connectSession, removeTempDirs, run } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
});
afterAll(async () => {
  removeTempDirs();
  nodes?.controlPlane.unfreezeSshd();
  await nodes?.stop();
});

describe('dead peer', () => {
  it(
    'is reported within 45 s, pending calls settle, reconnects after SIGCONT',
    { timeout: 150_000 },
    async () => {
      const { conn, session } = await connectSession(nodes, {
        extra: { reconnect: { initialDelayMs: 500, maxDelayMs: 2000 }, readyTimeoutMs: 5000 },
      });
      const states: Array<{ kind: string; at: number }> = [];
      conn.onState((s) => states.push({ kind: s.kind, at: Date.now() }));
      const pending = [
        run(session, ['sleep', '300'], { timeoutMs: 300_000 }),
        run(session, ['sleep', '300'], { privileged: true, timeoutMs: 300_000 }),
      ];
      const stream = await session.stream({ purpose: 'follow', argv: ['sleep', '300'] });
      const settled = Promise.allSettled([...pending, stream.exit]);
      await new Promise((r) => setTimeout(r, 500));

      const frozenAt = Date.now();
      expect(nodes.controlPlane.freezeSshd()).toBeGreaterThan(0);
      const results = await settled;
      const lostAfter = Date.now() - frozenAt;
      expect(lostAfter).toBeLessThan(45_000);
      expect(lostAfter).toBeGreaterThan(20_000); // keepalive did it (10 s × 3), not something else
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionLostError);
      }
      const firstLoss = states.find((s) => s.kind === 'reconnecting');
      expect(firstLoss && firstLoss.at - frozenAt).toBeLessThan(45_000);

      nodes.controlPlane.unfreezeSshd();
      await expect.poll(() => conn.state.kind, { timeout: 60_000, interval: 200 }).toBe('connected');
      expect((await run(session, ['echo', 'back'])).stdout.toString()).toBe('back\n');
      conn.close();
    },
  );
});
