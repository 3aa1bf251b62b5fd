// docs/security.md test 4: server frozen with SIGSTOP — loss reported within 45 s (keepalive 10 s × 3),
// every pending call settles, and the connection comes back after SIGCONT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../../../src-main/ssh/errors.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { eventually } from '../nodes/helpers.js';
import { makeConnection, removeTempDirs } from './connect-helper.js';
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
      const { conn } = makeConnection(nodes, {
        extra: { reconnect: { initialDelayMs: 500, maxDelayMs: 2000 }, readyTimeoutMs: 5000 },
      });
      await conn.connect();
      const states: Array<{ kind: string; at: number }> = [];
      conn.onState((s) => states.push({ kind: s.kind, at: Date.now() }));
      const pending = [conn.exec(['sleep', '300']), conn.exec(['sleep', '300'], { sudo: true })];
      const stream = await conn.spawn(['sleep', '300']);
      const settled = Promise.allSettled([...pending, stream.exit]);
      // All three commands run on the node before it goes silent.
      const sleeping = () => nodes.controlPlane.processes().filter((p) => p.args === 'sleep 300').length;
      expect(await eventually(() => sleeping() === 3, 20_000)).toBe(true);

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
      expect((await conn.exec(['echo', 'back'])).stdout.toString()).toBe('back\n');
      conn.close();
    },
  );
});
