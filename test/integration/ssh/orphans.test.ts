// docs/security.md test 6: no process of ours is left on the node after closing 100 follow
// streams, cutting connections, a run that times out or runs that are cancelled. Everything goes
// through NodeSession, the one way the app runs a command on a node: its commands die with their
// channel (ssh/command-line.ts channelBoundArgv: a watcher on the channel's stdin stops the
// command's process group at EOF), plain and under sudo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-main/contract/errors.js';
import { batchArgv } from '../../../src-main/node/batch/batch-script.js';
import type { TestNodeSet } from '../../nodes/index.js';
import { connectSession, removeTempDirs, run } from './connect-helper.js';
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
/** Our commands (and their wrappers, and what they started) still alive on the node. */
const ours = (): string[] =>
  nodes.controlPlane
    .processes()
    .filter((p) => p.args.includes(MARK) && p.state !== 'Z')
    .map((p) => `${p.pid} ${p.args.slice(0, 120)}`);
const sleeping = (): number =>
  nodes.controlPlane.processes().filter((p) => p.args === `sleep ${MARK}` && p.state !== 'Z').length;

/**
 * A batch script (node/batch/batch-script.ts, as the pods snapshot runs) whose section hangs: a
 * child and a grandchild of the script, as a hung crictl would be.
 */
const hangingBatch = (privileged: boolean) => ({
  purpose: 'run a batch that hangs',
  argv: batchArgv('sec hang sh -c \'sleep "$1" & sleep "$1"\' sh "$1"', [MARK]),
  privileged,
});

describe('no orphans', () => {
  it('closing 100 follow streams (plain and sudo) leaves nothing behind', { timeout: 120_000 }, async () => {
    const { conn, session } = await connectSession(nodes);
    for (let round = 0; round < 12; round++) {
      const handles = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          session.stream({ purpose: 'follow', argv: ['sleep', MARK], privileged: i % 2 === 0 }),
        ),
      );
      await expect.poll(sleeping).toBe(9);
      for (const h of handles) h.close();
      await Promise.allSettled(handles.map((h) => h.exit));
    }
    await expect.poll(ours, { timeout: 60_000, interval: 500 }).toEqual([]);
    conn.close();
  });

  it('cutting the connections kills followed commands too', { timeout: 120_000 }, async () => {
    const { conn, session } = await connectSession(nodes, { extra: { reconnect: false } });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        session.stream({ purpose: 'follow', argv: ['sleep', MARK], privileged: i % 2 === 0 }),
      ),
    );
    await expect.poll(sleeping).toBe(6);
    expect(await nodes.controlPlane.cutConnections()).toBeGreaterThan(0);
    await expect.poll(ours, { timeout: 60_000, interval: 500 }).toEqual([]);
    conn.close();
  });

  it('a batch run that times out (plain and sudo) settles with a timeout and is stopped on the node', async () => {
    const { conn, session } = await connectSession(nodes);
    for (const privileged of [false, true]) {
      const started = `/tmp/ks-orphan-started-${privileged ? 'sudo' : 'plain'}`;
      // The section marks that it ran before it hangs, so the test knows the timeout stopped a
      // running script, not one that never started.
      const err = await session
        .run({
          purpose: 'run a batch that hangs',
          argv: batchArgv('sec hang sh -c \': >"$2"; sleep "$1" & sleep "$1"\' sh "$1" "$2"', [
            MARK,
            started,
          ]),
          privileged,
          timeoutMs: 5000,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('timeout');
      expect((await nodes.controlPlane.exec(['rm', '--', started])).code).toBe(0);
      await expect.poll(ours, { timeout: 10_000, interval: 200 }).toEqual([]);
    }
    expect((await run(session, ['echo', 'still usable'])).stdout.toString()).toBe('still usable\n');
    conn.close();
  });

  it('cancelled runs (plain and sudo, with and without a payload) leave nothing behind', async () => {
    const { conn, session } = await connectSession(nodes);
    const cancel = new AbortController();
    const runs = [
      session.run(hangingBatch(false), { signal: cancel.signal }),
      session.run(hangingBatch(true), { signal: cancel.signal }),
      run(session, ['sh', '-c', 'cat >/dev/null; sleep "$1"', 'sh', MARK], {
        stdin: Buffer.from('payload\n'),
        privileged: true,
        signal: cancel.signal,
      }),
    ];
    runs.forEach((r) => r.catch(() => undefined));
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(5);
    cancel.abort();
    for (const r of await Promise.allSettled(runs)) {
      expect(r.status).toBe('rejected');
      expect(((r as PromiseRejectedResult).reason as Error).name).toBe('AbortError');
    }
    await expect.poll(ours, { timeout: 10_000, interval: 200 }).toEqual([]);
    conn.close();
  });
});
