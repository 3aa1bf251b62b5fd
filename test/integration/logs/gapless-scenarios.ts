/**
 * The gapless-log acceptance (issue 7, docs/security.md "Logs" test 12) as scenarios over a "rig":
 * the same steps run on the Sandbox node (gapless-sandbox.test.ts: the stream's channel is
 * closed abruptly) and on an OpenSSH test node (gapless-ssh.test.ts: the node's sshd sessions
 * are killed). Numbered kubelet lines are written into the node's journal (sim rpc
 * journal.emit); the store must hold exactly those lines, in order, and a vacuum during an
 * outage must show a gap marker.
 */
import { expect } from 'vitest';

export interface FollowedLog {
  status(): { state: string; gaps: number };
  /** The texts of the rows held, in order; 'GAP' for a gap marker. */
  texts(): Promise<string[]>;
  /** How many `<tag>-<n>` lines are held (a cheaper poll than texts()). */
  count(tag: string): Promise<number>;
  stop(): Promise<void>;
}

export interface GaplessRig {
  emit(messages: string[]): Promise<void>;
  vacuum(keep: number): Promise<void>;
  /** Starts following the kubelet log from now on (no history). */
  follow(capacity: number): Promise<FollowedLog>;
  /** Drops the live stream's connection abruptly; with `outage`, reconnecting fails (or hangs) until restore(). */
  cut(outage: boolean): Promise<void>;
  restore(): Promise<void>;
  /** Resolves once the log streams again after the last cut (a resumed stream, not the cut one). */
  resumed(): Promise<void>;
}

export async function until(
  ok: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The numbers of the `<tag>-<n>` lines, in store order. */
export function numbered(texts: string[], tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?:^|\\] )${tag}-(\\d+)$`);
  for (const t of texts) {
    const m = re.exec(t);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

/**
 * With no history the first journalctl only shows what is written after it has read the
 * journal; a spawned process is not yet a positioned one. Once a line has arrived the follower
 * holds a cursor, and from then on nothing may be lost.
 */
async function warmUp(rig: GaplessRig, log: FollowedLog): Promise<void> {
  await until(() => log.status().state === 'following', 'the follow to start');
  for (let i = 0; (await log.texts()).length === 0; i++) {
    if (i > 200) throw new Error('no line arrived');
    await rig.emit(['warm-up']);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function vacuumDuringOutageShowsGap(rig: GaplessRig): Promise<void> {
  const log = await rig.follow(1000);
  try {
    await warmUp(rig, log);
    await rig.emit(['vacuum-1', 'vacuum-2']);
    await until(async () => (await log.count('vacuum')) === 2, 'the first lines');
    await rig.cut(true);
    await rig.emit(Array.from({ length: 20 }, (_, i) => `vacuum-${i + 3}`));
    await rig.vacuum(5);
    await rig.restore();
    await until(() => log.status().gaps === 1, 'a gap marker');
    await until(async () => numbered(await log.texts(), 'vacuum').includes(22), 'the lines after the gap');
  } finally {
    await log.stop();
  }
  const texts = await log.texts();
  const gapAt = texts.indexOf('GAP');
  expect(gapAt).toBeGreaterThan(texts.findIndex((t) => t.endsWith('vacuum-2')));
  expect(numbered(texts, 'vacuum').slice(0, 2)).toEqual([1, 2]);
  // What survived the vacuum comes after the gap, in order, without repeats, up to the last.
  const after = numbered(texts.slice(gapAt), 'vacuum');
  expect(after.every((n, i) => n > 2 && (i === 0 || n === after[i - 1] + 1))).toBe(true);
  expect(after[after.length - 1]).toBe(22);
}

export async function holdsEveryLineAcrossCuts(
  rig: GaplessRig,
  total: number,
  cuts: number,
  catchUpMs: number,
): Promise<void> {
  const log = await rig.follow(1_000_000);
  const per = total / cuts;
  try {
    await warmUp(rig, log);
    for (let batch = 0; batch < cuts; batch++) {
      const messages = Array.from({ length: per }, (_, i) => `gapless-${batch * per + i + 1}`);
      await rig.emit(messages);
      // Cut while the batch is in flight: the stream's output is lost mid-way.
      await new Promise((r) => setTimeout(r, batch % 3 === 0 ? 0 : 15));
      const outage = batch % 5 === 0; // some reconnects fail a few times first
      await rig.cut(outage);
      if (outage) setTimeout(() => void rig.restore(), 100);
      // The next cut is of the resumed stream, not the same one again.
      await rig.resumed();
    }
    await rig.restore();
    await until(async () => (await log.count('gapless')) >= total, 'all numbered lines', catchUpMs);
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await log.stop();
  }
  const got = numbered(await log.texts(), 'gapless');
  expect(got.length).toBe(total);
  expect(got.every((n, i) => n === i + 1)).toBe(true);
  expect(log.status().gaps).toBe(0);
}
