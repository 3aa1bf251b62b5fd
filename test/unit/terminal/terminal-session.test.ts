import { describe, expect, it } from 'vitest';
import type { TerminalEvent } from '../../../src-main/contract/ops/terminal';
import type { StreamSink } from '../../../src-main/contract/stream-sink';
import type { ExitStatus, InteractiveShell } from '../../../src-main/ssh/transport';
import { TerminalSession } from '../../../src-main/terminal/terminal-session';

function fakeShell() {
  let data: (chunk: Buffer) => void = () => undefined;
  let exit: (status: ExitStatus) => void = () => undefined;
  const calls: string[] = [];
  const shell: InteractiveShell = {
    onData: (listener) => (data = listener),
    onExit: (listener) => (exit = listener),
    write: (text) => calls.push(`write ${text}`),
    resize: (size) => calls.push(`resize ${size.cols}x${size.rows}`),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    close: () => calls.push('close'),
  };
  return { shell, calls, emit: (bytes: Buffer) => data(bytes), exit: (status: ExitStatus) => exit(status) };
}

function sink(window: number) {
  const events: TerminalEvent[] = [];
  const resume: Array<() => void> = [];
  let ended = false;
  const s: StreamSink<TerminalEvent> = {
    push: (event) => events.push(event),
    get paused() {
      return events.length >= window;
    },
    onResume: (listener) => resume.push(listener),
    end: () => (ended = true),
  };
  return { s, events, resume, ended: () => ended };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const output = (events: TerminalEvent[]) =>
  events.flatMap((e) => (e.type === 'output' ? [e.data] : [])).join('');

describe('TerminalSession', () => {
  it('sends whole characters when the PTY splits one across reads', async () => {
    const { shell, emit } = fakeShell();
    const { s, events } = sink(1000);
    new TerminalSession(shell, s, {
      sessionId: 'session-1',
      nodeId: 'n',
      title: 't',
      ackOutput: false,
      onDone: () => undefined,
    });
    const bytes = Buffer.from('✓🐳', 'utf8');
    emit(bytes.subarray(0, 2));
    await tick();
    emit(bytes.subarray(2, 5));
    await tick();
    emit(bytes.subarray(5));
    await tick();
    const pieces = events.flatMap((e) => (e.type === 'output' ? [e.data] : []));
    expect(pieces.join('')).toBe('✓🐳');
    for (const piece of pieces) expect(piece).not.toContain('\uFFFD');
  });

  it('pauses the PTY when the window fills and resumes it when the client catches up', async () => {
    const { shell, calls, emit } = fakeShell();
    const { s, events, resume } = sink(3);
    new TerminalSession(shell, s, {
      sessionId: 'session-1',
      nodeId: 'n',
      title: 't',
      ackOutput: false,
      onDone: () => undefined,
    });
    emit(Buffer.alloc(200 * 1024, 'a')); // more than three events' worth
    expect(calls).toContain('pause');
    expect(events).toHaveLength(3); // ready + two outputs, the rest held
    events.splice(0); // the client acknowledged everything
    for (const listener of resume) listener();
    expect(calls.at(-1)).toBe('resume');
    expect(output(events).length).toBe(200 * 1024 - 2 * 64 * 1024);
  });

  it('on exit sends what is left, the exit status, and ends the stream', async () => {
    const { shell, emit, exit } = fakeShell();
    const { s, events, ended } = sink(1000);
    let done = false;
    new TerminalSession(shell, s, {
      sessionId: 'session-1',
      nodeId: 'n',
      title: 't',
      ackOutput: false,
      onDone: () => (done = true),
    });
    emit(Buffer.from('bye\r\n'));
    exit({ code: 0, signal: null });
    expect(output(events)).toBe('bye\r\n');
    expect(events.at(-1)).toEqual({ type: 'exit', code: 0, signal: null });
    expect(ended()).toBe(true);
    expect(done).toBe(true);
  });
});
