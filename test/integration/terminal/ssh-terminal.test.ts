import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { PromptBroker } from '../../../src-main/core/prompt-broker';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { terminalHarness } from './terminal-harness';

// Issue 7 point 4 over SSH: a PTY shell channel on a real OpenSSH test node through the core.
let nodes: TestNodeSet;
let dataDir: string;
let core: CoreApi;
let nodeId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-terminal-ssh-'));
  nodes = await startTestNodes({ count: 1 });
  const password = nodes.user('ks-admin').password;
  const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    prompts: new PromptBroker(async () => ({ accept: true, values: [password] })),
    ssh: {
      sshConfig: { home, text: '' },
      knownHosts: {
        userFiles: [nodes.info.knownHostsPath],
        systemFiles: [],
        appFile: path.join(home, 'known_hosts'),
      },
      agent: null,
    },
  });
  const node = await core.handlers['nodes.add']({ target: `ks-admin@127.0.0.1:${nodes.controlPlane.port}` });
  nodeId = node.id;
  await core.handlers['nodes.connect']({ id: nodeId });
});

afterAll(async () => {
  await core?.dispose();
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a terminal on an SSH node', () => {
  it('runs hostname in a PTY shell and shows the node name; closing the stream ends the shell on the node', async () => {
    const harness = terminalHarness();
    const stop = core.streams['terminal.open']({ id: nodeId, cols: 100, rows: 30 }, harness.sink);
    await harness.waitFor(
      () => harness.sessionId() !== null || harness.ended() !== null,
      'the terminal to open',
    );
    expect(harness.ended()).toBeNull();
    const sessionId = harness.sessionId() ?? '';
    await core.handlers['terminal.input']({
      sessionId,
      data: 'hostname; echo tty=$(tty); echo "shell""=$$"\r',
    });
    await harness.waitFor(() => /shell=\d+/.test(harness.output()), 'the output');
    expect(harness.output()).toMatch(new RegExp(`[\\r\\n]${nodes.controlPlane.name}\\r\\n`));
    expect(harness.output()).toMatch(/tty=\/dev\/pts\/\d+/);
    await core.handlers['terminal.resize']({ sessionId, cols: 77, rows: 19 });
    await core.handlers['terminal.input']({ sessionId, data: 'echo "size""=$(stty size)"\r' });
    await harness.waitFor(() => harness.output().includes('size=19 77'), 'the new size');

    const pid = /shell=(\d+)/.exec(harness.output())?.[1] ?? '';
    stop();
    await harness.waitFor(() => harness.ended() !== null, 'the stream to end');

    // Seen from a second shell on the node: the first one is gone (sshd hung up its PTY).
    const check = terminalHarness();
    const stopCheck = core.streams['terminal.open']({ id: nodeId, cols: 100, rows: 30 }, check.sink);
    await check.waitFor(() => check.sessionId() !== null, 'the second terminal');
    await core.handlers['terminal.input']({
      sessionId: check.sessionId() ?? '',
      // sshd's hang-up reaches the shell a moment after the stream ends: wait for it to go
      // (up to 20 s, polled on the node), then say whether it did.
      data: `i=0; while ps -p ${pid} >/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done; ps -p ${pid} >/dev/null && echo "still""-there" || echo "gone""-now"\r`,
    });
    await check.waitFor(() => /still-there|gone-now/.test(check.output()), 'ps', 40_000);
    expect(check.output()).toContain('gone-now');
    stopCheck();
  });
});
