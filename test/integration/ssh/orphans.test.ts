// docs/security.md test 6: after closing 100 follow streams and cutting connections, no process of
// ours is left on the node. Followed commands die with their channel (command-line.ts
// followArgv: a watcher on the channel's stdin kills the command at EOF).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index.js';
import { makeConnection, removeTempDirs } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

const MARK = '4242.25';
/** Our followed commands (and their wrappers) still alive on the node. */
const ours = (): string[] =>
  nodes.controlPlane
    .processes()
    .filter((p) => p.args.includes(MARK) && p.state !== 'Z')
    .map((p) => `${p.pid} ${p.args}`);

describe('no orphans', () => {
  it('closing 100 follow streams (plain and sudo) leaves nothing behind', { timeout: 120_000 }, async () => {
    const { conn } = makeConnection(nodes);
    await conn.connect();
    for (let round = 0; round < 12; round++) {
      const handles = await Promise.all(
        Array.from({ length: 9 }, (_, i) => conn.spawn(['sleep', MARK], { sudo: i % 2 === 0 })),
      );
      await expect
        .poll(() => nodes.controlPlane.processes().filter((p) => p.args === `sleep ${MARK}`).length)
        .toBe(9);
      for (const h of handles) h.close();
      await Promise.allSettled(handles.map((h) => h.exit));
    }
    await expect.poll(ours, { timeout: 60_000, interval: 500 }).toEqual([]);
    conn.close();
  });

  it('cutting the connections kills followed commands too', { timeout: 120_000 }, async () => {
    const { conn } = makeConnection(nodes, { extra: { reconnect: false } });
    await conn.connect();
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => conn.spawn(['sleep', MARK], { sudo: i % 2 === 0 })),
    );
    await expect
      .poll(() => nodes.controlPlane.processes().filter((p) => p.args === `sleep ${MARK}`).length)
      .toBe(6);
    expect(await nodes.controlPlane.cutConnections()).toBeGreaterThan(0);
    await expect.poll(ours, { timeout: 60_000, interval: 500 }).toEqual([]);
    conn.close();
  });

  it('an exec that times out settles with a timeout error and its command is gone', async () => {
    const { conn } = makeConnection(nodes);
    await conn.connect();
    const err = await conn.exec(['sleep', MARK], { timeoutMs: 800 }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('SshTimeoutError');
    await expect.poll(ours, { timeout: 10_000, interval: 200 }).toEqual([]);
    expect((await conn.exec(['echo', 'still usable'])).stdout.toString()).toBe('still usable\n');
    conn.close();
  });
});
