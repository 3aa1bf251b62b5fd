import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSession } from '../../../src-main/logs/log-session';
import type { FollowNodeSession } from '../../../src-main/node/journal/kubelet-log-follower';
import { callSimDaemon } from '../../../src-main/sandbox/daemon/client';
import { startSandboxNode, type RunningSandboxNode } from '../../../src-main/sandbox/local/sandbox-node';
import type { ExecChannel } from '../../../src-main/ssh/transport';
import { repoRoot } from '../../support/serve-process';

// Acceptance (issue 7, security.md test 12) on the Sandbox node: numbered kubelet lines are
// written into the node's journal (rpc journal.emit) while the log stream is cut again and
// again; the store must hold exactly those lines, in order. A vacuum during an outage must
// show a gap marker. The cut closes the stream's channel abruptly (its output is destroyed,
// as when a connection drops), and `down` makes reconnecting fail meanwhile.
let node: RunningSandboxNode;
let dir: string;
let down = false;
const channels: ExecChannel[] = [];

function flakySession(): FollowNodeSession {
  if (down) throw new Error('connection lost');
  return {
    name: node.session.name,
    run: (command) => node.session.run(command),
    stream: async (command) => {
      const channel = await node.session.stream(command);
      channels.push(channel);
      return channel;
    },
  };
}

async function until(ok: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function numbered(log: LogSession, tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`\\] ${tag}-(\\d+)$`);
  for (let seq = log.store.firstSeq; seq < log.store.endSeq; seq++) {
    const m = re.exec(log.store.text(seq));
    if (m) out.push(Number(m[1]));
  }
  return out;
}

/**
 * With `-n 0` the first journalctl only shows what is written after it has read the journal;
 * a spawned process is not yet a positioned one. Once a line has arrived the follower holds a
 * cursor, and from then on nothing may be lost.
 */
async function warmUp(log: LogSession): Promise<void> {
  await until(() => log.status().state === 'following', 'the follow to start');
  for (let i = 0; log.store.size === 0; i++) {
    if (i > 200) throw new Error('no line arrived');
    await callSimDaemon(node.paths, 'journal.emit', { messages: ['warm-up'] });
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-logs-'));
  node = await startSandboxNode({ root: path.join(dir, 'node'), bundleDir: path.join(repoRoot, 'out/sandbox') });
});

afterAll(async () => {
  await node?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kubelet log without a gap (sandbox node)', () => {
  it('shows a gap marker when the journal was vacuumed during an outage', async () => {
    const log = new LogSession('vacuum', flakySession, 1000, { history: 0, follow: true, retryMs: 20 });
    await warmUp(log);
    await callSimDaemon(node.paths, 'journal.emit', { messages: ['vacuum-1', 'vacuum-2'] });
    await until(() => numbered(log, 'vacuum').length === 2, 'the first lines');
    down = true;
    channels[channels.length - 1].close();
    await callSimDaemon(node.paths, 'journal.emit', { messages: Array.from({ length: 20 }, (_, i) => `vacuum-${i + 3}`) });
    await callSimDaemon(node.paths, 'journal.vacuum', { keep: 5 });
    down = false;
    try {
      await until(() => log.status().gaps === 1, 'a gap marker');
      await until(() => numbered(log, 'vacuum').includes(22), 'the lines after the gap');
    } finally {
      log.stop();
    }
    const texts: string[] = [];
    for (let seq = log.store.firstSeq; seq < log.store.endSeq; seq++) texts.push(log.store.isGap(seq) ? 'GAP' : log.store.text(seq));
    const gapAt = texts.indexOf('GAP');
    expect(gapAt).toBeGreaterThan(texts.findIndex((t) => t.endsWith('] vacuum-2')));
    expect(numbered(log, 'vacuum').slice(0, 2)).toEqual([1, 2]);
    expect(log.store.text(log.store.firstSeq + gapAt)).toMatch(/^Gap: the journal no longer has the entries/);
  }, 300_000);
  it('holds exactly lines 1..100,000 in order across 50 cuts', async () => {
    const log = new LogSession('gapless', flakySession, 1_000_000, { history: 0, follow: true, retryMs: 20 });
    await warmUp(log);
    const total = 100_000;
    const cuts = 50;
    const per = total / cuts;
    const opened = channels.length;
    for (let batch = 0; batch < cuts; batch++) {
      const messages = Array.from({ length: per }, (_, i) => `gapless-${batch * per + i + 1}`);
      await callSimDaemon(node.paths, 'journal.emit', { messages });
      // Cut while the batch is in flight: the channel's output is destroyed mid-stream.
      await new Promise((r) => setTimeout(r, batch % 3 === 0 ? 0 : 15));
      const live = channels[channels.length - 1];
      const streams = channels.length;
      down = batch % 5 === 0; // some reconnects fail a few times first
      live.close();
      if (down) setTimeout(() => (down = false), 100);
      // The next cut is of the resumed stream, not the same one again.
      await until(() => channels.length > streams, 'the follow to resume');
    }
    down = false;
    try {
      // Each restart of the simulated journalctl re-reads its whole journal file (100 MB by
      // the end), so catching up takes a while; the real journal seeks by cursor.
      await until(() => numbered(log, 'gapless').length >= total, 'all numbered lines', 500_000);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      log.stop();
    }
    await log.done;
    const got = numbered(log, 'gapless');
    expect(channels.length - opened).toBeGreaterThanOrEqual(cuts); // one resumed stream per cut
    expect(got.length).toBe(total);
    expect(got.every((n, i) => n === i + 1)).toBe(true);
    expect(log.status().gaps).toBe(0);
  }, 600_000);

});
