import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { HIGH_WATERMARK_CHARS } from '../../../src-main/terminal/flow-control';
import { openLocalPty } from '../../../src-main/terminal/local-pty';
import { MAX_EVENT_CHARS, TerminalSession } from '../../../src-main/terminal/terminal-session';
import { alive, terminalHarness } from './terminal-harness';

// Flow control with acknowledgements (the renderer's mode): while the client has not drawn
// what it was sent, the PTY is not read, so the core holds at most a read or two of output
// however much the command prints, and nothing is lost when the client catches up.
describe('a local PTY shell behind a client that stops acknowledging', () => {
  it('pauses the shell, holds a bounded amount, and delivers every byte after the client catches up', async () => {
    const harness = terminalHarness();
    const shell = await openLocalPty({
      file: '/bin/sh',
      args: [],
      env: process.env,
      cwd: os.tmpdir(),
      size: { cols: 80, rows: 24 },
    });
    const session = new TerminalSession(shell, harness.sink, {
      sessionId: 'test-session',
      nodeId: 'local',
      title: 'local',
      ackOutput: true,
      onDone: () => undefined,
    });
    session.write('stty -echo; seq 1 1000000; echo "seq-""done"\n');
    // The client draws nothing: output stops at the high watermark.
    await harness.waitFor(() => session.flow.paused, 'the shell to be paused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stalledAt = harness.output().length;
    expect(stalledAt).toBeLessThan(HIGH_WATERMARK_CHARS + MAX_EVENT_CHARS);
    expect(harness.output()).not.toContain('seq-done');

    // The client catches up, acknowledging what it has drawn, until the command is done.
    let drawn = 0;
    await harness.waitFor(
      () => {
        const total = harness.output().length;
        if (total > drawn) session.acknowledge(total - drawn);
        drawn = total;
        harness.acknowledgeAll();
        return harness.output().includes('seq-done');
      },
      'seq to finish',
      60_000,
    );
    expect(session.flow.pauseCount).toBeGreaterThan(1);
    // Without the pause the whole 7.9 MB would have piled up here.
    expect(session.maxBufferedChars).toBeLessThan(4 * MAX_EVENT_CHARS);
    // The typed command's echo and the prompt may share a line with the first number.
    const lines = harness.output().split('\r\n');
    const first = lines.findIndex((line, i) => line.endsWith('1') && lines[i + 1] === '2');
    lines[first] = '1';
    expect(lines.slice(first, first + 1_000_000)).toEqual(
      Array.from({ length: 1_000_000 }, (_, i) => String(i + 1)),
    );
    const pid = (shell as { pid: number }).pid;
    session.close();
    await harness.waitFor(() => !alive(pid), 'the shell to end');
  });
});
