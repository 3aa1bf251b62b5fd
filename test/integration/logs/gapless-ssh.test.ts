import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFollowStatus } from '../../../src-main/contract/domain/logs';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { PromptBroker } from '../../../src-main/core/prompt-broker';
import { callSimDaemon } from '../../../src-main/sandbox/daemon/client';
import { startTestNodes, type TestNode, type TestNodeSet } from '../../nodes';
import {
  holdsEveryLineAcrossCuts,
  until,
  vacuumDuringOutageShowsGap,
  type FollowedLog,
  type GaplessRig,
} from './gapless-scenarios';

// Acceptance (issue 7, docs/security.md "Logs" test 12) over SSH, through the whole core as the app
// runs it: the `logs.follow` stream on an OpenSSH test node, rows read back with `logs.rows`.
// A cut kills the node's sshd sessions (the TCP connection drops; the SSH connection
// reconnects by itself); an outage also freezes sshd so that reconnecting hangs meanwhile.
let nodes: TestNodeSet;
let node: TestNode;
let core: CoreApi;
let nodeId: string;
let dataDir: string;
/** The status events of the follow under test. */
let statuses: LogFollowStatus[] = [];

const sim = () => ({ socketPath: node.hostPath('/run/kubelet-sim/sim.sock') });

async function followThroughCore(capacity: number): Promise<FollowedLog> {
  const events: LogFollowStatus[] = [];
  statuses = events;
  const stop = core.streams['logs.follow'](
    { id: nodeId, history: 0, follow: true, capacity },
    { push: (status) => events.push(status), paused: false, onResume: () => {}, end: () => {} },
  );
  await until(() => events.length > 0, 'the first status');
  const session = events[0].session;
  const texts = async (): Promise<string[]> => {
    const out: string[] = [];
    for (let start = 0; ; start += 5000) {
      const page = await core.handlers['logs.rows']({ session, start, count: 5000 });
      for (const row of page.rows) out.push(row.kind === 'gap' ? 'GAP' : row.raw);
      if (start + 5000 >= page.total) return out;
    }
  };
  const log: FollowedLog = {
    status: () => events[events.length - 1],
    texts,
    count: async (tag) =>
      (
        await core.handlers['logs.rows']({
          session,
          filter: { regex: `\\] ${tag}-\\d+$` },
          start: 0,
          count: 0,
        })
      ).total,
    stop: async () => {
      // Read what the store holds before the stream's close drops the session.
      const held = await texts();
      stop();
      log.texts = async () => held;
    },
  };
  return log;
}

function sshRig(): GaplessRig {
  let frozen = false;
  let cutAt = 0;
  return {
    emit: async (messages) => void (await callSimDaemon(sim(), 'journal.emit', { messages })),
    vacuum: async (keep) => void (await callSimDaemon(sim(), 'journal.vacuum', { keep })),
    follow: followThroughCore,
    cut: async (outage) => {
      cutAt = statuses.length;
      expect(await node.cutConnections()).toBeGreaterThan(0);
      if (outage) {
        node.freezeSshd();
        frozen = true;
      }
    },
    restore: async () => {
      if (frozen) node.unfreezeSshd();
      frozen = false;
    },
    // The follower noticed the cut and streams again on the reconnected connection.
    resumed: () =>
      until(
        () => {
          const since = statuses.slice(cutAt);
          const lost = since.findIndex((s) => s.state === 'reconnecting');
          return lost >= 0 && since.slice(lost).some((s) => s.state === 'following');
        },
        'the follow to resume over the reconnected SSH connection',
        120_000,
      ),
  };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-logs-ssh-'));
  nodes = await startTestNodes({ count: 1 });
  node = nodes.controlPlane;
  const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
  const config = [
    'Host gapless',
    '  HostName 127.0.0.1',
    `  Port ${node.port}`,
    '  User ks-admin',
    `  IdentityFile ${nodes.key('ed25519').path}`,
    '  IdentitiesOnly yes',
    '',
  ];
  core = await createCore({
    host: 'cli',
    dataDir: fs.mkdtempSync(path.join(dataDir, 'core-')),
    prompts: new PromptBroker(async () => ({ accept: false })),
    ssh: {
      sshConfig: { home, text: config.join('\n') },
      knownHosts: {
        userFiles: [nodes.info.knownHostsPath],
        systemFiles: [],
        appFile: path.join(home, 'known_hosts'),
      },
      agent: null,
    },
  });
  nodeId = (await core.handlers['nodes.add']({ target: 'gapless' })).id;
  await core.handlers['nodes.connect']({ id: nodeId });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kubelet log without a gap over SSH (OpenSSH test node)', () => {
  it(
    'shows a gap marker when the journal was vacuumed during an outage',
    () => vacuumDuringOutageShowsGap(sshRig()),
    300_000,
  );

  it(
    'holds exactly lines 1..100,000 in order across 50 cuts of the SSH connection',
    () => holdsEveryLineAcrossCuts(sshRig(), 100_000, 50, 500_000),
    900_000,
  );
});
