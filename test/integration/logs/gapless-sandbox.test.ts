import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSession } from '../../../src-main/logs/log-session';
import type { FollowNodeSession } from '../../../src-main/node/journal/kubelet-log-follower';
import { callSimDaemon } from '../../../src-main/sandbox/daemon/client';
import { sandboxSession } from '../../../src-main/core/sandbox-builtin';
import type { NodeSession } from '../../../src-main/node/session/node-session';
import { startSandboxNode, type RunningSandboxNode } from '../../../src-main/sandbox/local/sandbox-node';
import type { ExecChannel } from '../../../src-main/ssh/transport';
import { repoRoot } from '../../support/serve-process';
import {
  holdsEveryLineAcrossCuts,
  numbered,
  until,
  vacuumDuringOutageShowsGap,
  type FollowedLog,
  type GaplessRig,
} from './gapless-scenarios';

// Acceptance (issue 7, docs/security.md test 12) on the Sandbox node (the scenarios are shared with
// gapless-ssh.test.ts). A cut closes the stream's channel abruptly (its output is destroyed,
// as when a connection drops), and an outage makes reconnecting fail meanwhile.
let node: RunningSandboxNode;
let session: NodeSession;
let dir: string;
let down = false;
const channels: ExecChannel[] = [];

function flakySession(): FollowNodeSession {
  if (down) throw new Error('connection lost');
  return {
    name: session.name,
    run: (command) => session.run(command),
    stream: async (command) => {
      const channel = await session.stream(command);
      channels.push(channel);
      return channel;
    },
  };
}

function sandboxRig(): GaplessRig {
  let opened = 0;
  return {
    emit: async (messages) => void (await callSimDaemon(node.paths, 'journal.emit', { messages })),
    vacuum: async (keep) => void (await callSimDaemon(node.paths, 'journal.vacuum', { keep })),
    follow: async (capacity) => {
      const log = new LogSession('gapless', flakySession, capacity, {
        history: 0,
        follow: true,
        retryMs: 20,
      });
      const followed: FollowedLog = {
        status: () => log.status(),
        texts: async () => {
          const out: string[] = [];
          for (let seq = log.store.firstSeq; seq < log.store.endSeq; seq++)
            out.push(log.store.isGap(seq) ? 'GAP' : log.store.text(seq));
          return out;
        },
        count: async (tag) => numbered(await followed.texts(), tag).length,
        stop: async () => {
          log.stop();
          await log.done;
        },
      };
      return followed;
    },
    cut: async (outage) => {
      opened = channels.length;
      down = outage;
      channels[channels.length - 1].close();
    },
    restore: async () => void (down = false),
    resumed: () => until(() => channels.length > opened, 'the follow to resume'),
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-logs-'));
  node = await startSandboxNode({
    root: path.join(dir, 'node'),
    bundleDir: path.join(repoRoot, 'out/sandbox'),
  });
  session = sandboxSession(node);
});

afterAll(async () => {
  await node?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kubelet log without a gap (sandbox node)', () => {
  it(
    'shows a gap marker when the journal was vacuumed during an outage',
    () => vacuumDuringOutageShowsGap(sandboxRig()),
    300_000,
  );

  it('holds exactly lines 1..100,000 in order across 50 cuts', async () => {
    const before = channels.length;
    await holdsEveryLineAcrossCuts(sandboxRig(), 100_000, 50, 500_000);
    expect(channels.length - before - 1).toBeGreaterThanOrEqual(50); // one resumed stream per cut
  }, 600_000);
});
