import { describe, expect, it } from 'vitest';
import { createOutputWriter } from '../../../src-renderer/features/terminal/output-writer';
import { pasteChunks, terminalAction } from '../../../src-renderer/features/terminal/terminal-keys';

/** No lone surrogate (String.prototype.isWellFormed is newer than this project's lib). */
const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** A stand-in for xterm: parses writes only when told to, like a busy renderer. */
function slowTerminal() {
  const queue: Array<() => void> = [];
  return {
    target: { write: (_data: string, parsed: () => void) => queue.push(parsed) },
    parse(count = queue.length) {
      for (const parsed of queue.splice(0, count)) parsed();
    },
  };
}

describe('the renderer output writer (flow control in front of xterm.js)', () => {
  it('acknowledges only what xterm has parsed, in batches', () => {
    const term = slowTerminal();
    const acks: number[] = [];
    const writer = createOutputWriter(term.target, (chars) => acks.push(chars), 100);
    for (let i = 0; i < 10; i += 1) writer.write('x'.repeat(30));
    expect(writer.buffered).toBe(300);
    expect(acks).toEqual([]); // nothing parsed, nothing acknowledged: the core will pause
    term.parse(4);
    expect(acks).toEqual([120]);
    term.parse();
    expect(acks.reduce((a, b) => a + b, 0)).toBe(300);
    expect(writer.buffered).toBe(0);
  });

  it('acknowledges a short burst once xterm has caught up, without waiting for a full batch', () => {
    const term = slowTerminal();
    const acks: number[] = [];
    const writer = createOutputWriter(term.target, (chars) => acks.push(chars), 1000);
    writer.write('$ ');
    term.parse();
    expect(acks).toEqual([2]);
  });

  it('stops acknowledging after dispose (the tab closed)', () => {
    const term = slowTerminal();
    const acks: number[] = [];
    const writer = createOutputWriter(term.target, (chars) => acks.push(chars), 1);
    writer.write('abc');
    writer.dispose();
    term.parse();
    writer.write('more');
    expect(acks).toEqual([]);
  });
});

describe('terminal shortcuts and paste', () => {
  const key = (
    k: string,
    mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {},
  ) => ({
    type: 'keydown',
    key: k,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  it('maps Ctrl+Shift combinations and leaves plain Ctrl keys to the shell', () => {
    expect(terminalAction(key('C', { ctrlKey: true, shiftKey: true }))).toBe('copy');
    expect(terminalAction(key('V', { ctrlKey: true, shiftKey: true }))).toBe('paste');
    expect(terminalAction(key('T', { ctrlKey: true, shiftKey: true }))).toBe('new-tab');
    expect(terminalAction(key('W', { ctrlKey: true, shiftKey: true }))).toBe('close-tab');
    expect(terminalAction(key('F', { ctrlKey: true, shiftKey: true }))).toBe('search');
    expect(terminalAction(key('c', { ctrlKey: true }))).toBeNull(); // SIGINT
    expect(terminalAction({ ...key('C', { ctrlKey: true, shiftKey: true }), type: 'keyup' })).toBeNull();
  });

  it('splits a large paste without breaking a surrogate pair', () => {
    const text = 'a' + '🐳'.repeat(10);
    const chunks = pasteChunks(text, 4);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(isWellFormed(chunk)).toBe(true);
  });
});
