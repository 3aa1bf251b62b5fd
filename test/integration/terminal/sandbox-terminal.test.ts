import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { repoRoot } from '../../support/serve-process';
import { alive, terminalHarness, type TerminalHarness } from './terminal-harness';

// Issue 7 point 4 on the Sandbox node: a local shell on a PTY with the sandbox's commands on
// PATH, through the core's terminal.open stream and terminal.* operations.
let core: CoreApi;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-terminal-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
});

afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openTerminal(
  harness: TerminalHarness,
  ackOutput = false,
): Promise<{ stop: () => void; type: (text: string) => Promise<void> }> {
  const stop = core.streams['terminal.open'](
    { id: SANDBOX_NODE_ID, cols: 120, rows: 30, ackOutput },
    harness.sink,
  );
  await harness.waitFor(
    () => harness.sessionId() !== null || harness.ended() !== null,
    'the terminal to open',
  );
  expect(harness.ended()).toBeNull();
  const sessionId = harness.sessionId() ?? '';
  await harness.waitFor(() => harness.output().includes('[sandbox]'), 'the prompt');
  return {
    stop,
    type: async (text) => {
      await core.handlers['terminal.input']({ sessionId, data: text });
    },
  };
}

describe('a terminal on the sandbox node', () => {
  it('runs hostname and crictl pods and their output arrives, after a banner naming the simulated tools', async () => {
    const harness = terminalHarness();
    const terminal = await openTerminal(harness);
    expect(harness.output()).toContain('Simulated here: crictl, kubectl, journalctl');
    // The kubelet starts its static pods a moment after the node connects: ask until they run.
    await terminal.type(
      'hostname; until crictl pods | grep -q kube-apiserver; do sleep 0.3; done; crictl pods; pwd\r',
    );
    await harness.waitFor(() => harness.output().includes('kube-apiserver-controlplane'), 'crictl pods');
    const output = harness.output();
    expect(output).toContain(os.hostname());
    expect(output).toMatch(/POD ID\s+CREATED\s+STATE\s+NAME/);
    await harness.waitFor(() => harness.output().includes(path.join(dataDir, 'sandbox-node')), 'pwd');
    terminal.stop();
  });

  it('resizes the PTY (the shell sees the new size)', async () => {
    const harness = terminalHarness();
    const terminal = await openTerminal(harness);
    await core.handlers['terminal.resize']({ sessionId: harness.sessionId() ?? '', cols: 91, rows: 17 });
    await terminal.type('echo size=$(stty size)\r');
    await harness.waitFor(() => harness.output().includes('size=17 91'), 'stty size');
    terminal.stop();
  });

  it('closing the stream leaves no shell and no job of it running', async () => {
    const harness = terminalHarness();
    const terminal = await openTerminal(harness);
    await terminal.type('echo shell=$$; sleep 1000 & echo job=$!\r');
    await harness.waitFor(() => /job=\d+/.test(harness.output()), 'the pids');
    const shellPid = Number(/shell=(\d+)/.exec(harness.output())?.[1]);
    const jobPid = Number(/job=(\d+)/.exec(harness.output())?.[1]);
    expect(alive(shellPid)).toBe(true);
    expect(alive(jobPid)).toBe(true);
    terminal.stop();
    await harness.waitFor(() => !alive(shellPid) && !alive(jobPid), 'the shell and its job to end', 10_000);
    await expect(
      core.handlers['terminal.input']({ sessionId: harness.sessionId() ?? '', data: 'x' }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('an exit from the shell ends the stream with its status', async () => {
    const harness = terminalHarness();
    const terminal = await openTerminal(harness);
    await terminal.type('exit 3\r');
    await harness.waitFor(() => harness.ended() !== null, 'the stream to end');
    expect(harness.exit()).toMatchObject({ code: 3 });
  });

  it('streams 2,000,000 lines with backpressure: the producer waits for the client and every line arrives in order', async () => {
    // A window of 32 events instead of 256 so the 15 MB fill it many times over.
    const harness = terminalHarness(32);
    const terminal = await openTerminal(harness);
    await terminal.type('stty -echo; seq 1 2000000; echo "seq-""done"\r');
    // A slow client: it acknowledges only every 30 ms, so the window fills again and again.
    const slowClient = setInterval(() => harness.acknowledgeAll(), 30);
    try {
      await harness.waitFor(() => harness.output().includes('seq-done\r\n'), 'seq to finish', 110_000);
    } finally {
      clearInterval(slowClient);
    }
    expect(harness.maxInFlight).toBeLessThanOrEqual(32);
    expect(harness.pausedReads).toBeGreaterThan(0);
    expect(harness.resumes).toBeGreaterThan(0);
    // Lines as the terminal shows them (a carriage return before a line resets the column).
    const lines = harness
      .output()
      .split('\r\n')
      .map((line) => line.slice(line.lastIndexOf('\r') + 1));
    const first = lines.indexOf('1');
    expect(lines.slice(first, first + 2_000_000)).toEqual(
      Array.from({ length: 2_000_000 }, (_, i) => String(i + 1)),
    );
    expect(lines[first + 2_000_000]).toBe('seq-done');
    terminal.stop();
  });
});
