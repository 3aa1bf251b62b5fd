import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ByteLineSplitter,
  completeEnd,
  readLinesBackward,
  readLinesForward,
  type RawLine,
} from '../../../../src-main/sandbox/commands/journal-lines';
import { vacuumJournalFile } from '../../../../src-main/sandbox/engine/journal/journal-vacuum';

// Multi-byte characters of 2, 3 and 4 bytes, so that some chunk size cuts each of them.
const TEXT =
  ['{"a":"é"}', '', 'plain', '{"MESSAGE":"日本語 ✓"}', '😀😀', 'x'.repeat(40), 'last complete'].join('\n') +
  '\n';

const show = (lines: RawLine[]) =>
  lines.map((l) => ({ text: l.bytes.toString('utf8'), start: l.start, end: l.end }));

/** What the lines must be: split on '\n', with their byte offsets. */
function expected(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  const bytes = Buffer.from(text);
  for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, start)) {
    out.push({ text: bytes.toString('utf8', start, nl), start, end: nl + 1 });
    start = nl + 1;
  }
  return out;
}

function tempFile(content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-journal-lines-'));
  const file = path.join(dir, 'journal.jsonl');
  fs.writeFileSync(file, content);
  return file;
}

async function collect(gen: AsyncGenerator<RawLine[]>): Promise<RawLine[]> {
  const all: RawLine[] = [];
  for await (const batch of gen) all.push(...batch);
  return all;
}

describe('ByteLineSplitter', () => {
  it('gives the same lines and offsets however the bytes are cut, multi-byte characters included', () => {
    const bytes = Buffer.from(TEXT);
    for (const size of [1, 2, 3, 5, 7, 11, bytes.length]) {
      const splitter = new ByteLineSplitter(100);
      const lines: RawLine[] = [];
      for (let i = 0; i < bytes.length; i += size) lines.push(...splitter.push(bytes.subarray(i, i + size)));
      expect(show(lines), `chunks of ${size}`).toEqual(
        expected(TEXT).map((l) => ({ ...l, start: l.start + 100, end: l.end + 100 })),
      );
      expect(splitter.consumed).toBe(100 + bytes.length);
    }
  });

  it('keeps an unterminated last line until its newline arrives', () => {
    const splitter = new ByteLineSplitter();
    expect(show(splitter.push(Buffer.from('one\ntw')))).toEqual([{ text: 'one', start: 0, end: 4 }]);
    expect(splitter.consumed).toBe(4);
    expect(splitter.push(Buffer.from('o ✓'))).toEqual([]);
    expect(show(splitter.push(Buffer.from('\n')))).toEqual([
      { text: 'two ✓', start: 4, end: 4 + Buffer.byteLength('two ✓\n') },
    ]);
  });

  it('does not keep the chunk alive through a held tail (the tail is a copy)', () => {
    const splitter = new ByteLineSplitter();
    const chunk = Buffer.from('a\nbc');
    splitter.push(chunk);
    chunk.fill(0x7a); // the caller reuses its buffer
    expect(show(splitter.push(Buffer.from('\n')))).toEqual([{ text: 'bc', start: 2, end: 5 }]);
  });
});

describe('reading the journal file in chunks', () => {
  it('forwards and backwards give the same lines, for every chunk size', async () => {
    const file = tempFile(TEXT + 'unterminated ✓');
    const fh = await fsp.open(file, 'r');
    try {
      const size = (await fh.stat()).size;
      const end = await completeEnd(fh, size, 3);
      expect(end).toBe(Buffer.byteLength(TEXT));
      for (const chunk of [1, 2, 3, 4, 7, 13, 64, 1 << 20]) {
        expect(
          show(await collect(readLinesForward(fh, 0, end, chunk))),
          `forward, chunks of ${chunk}`,
        ).toEqual(expected(TEXT));
        expect(
          show(await collect(readLinesBackward(fh, 0, end, chunk))),
          `backward, chunks of ${chunk}`,
        ).toEqual(expected(TEXT).reverse());
      }
      // From a line start in the middle.
      const third = expected(TEXT)[2].start;
      expect(show(await collect(readLinesForward(fh, third, end, 5)))).toEqual(expected(TEXT).slice(2));
      expect(show(await collect(readLinesBackward(fh, third, end, 5)))).toEqual(
        expected(TEXT).slice(2).reverse(),
      );
    } finally {
      await fh.close();
    }
  });

  it('an empty file, a file without any newline', async () => {
    for (const content of ['', 'no newline at all']) {
      const fh = await fsp.open(tempFile(content), 'r');
      try {
        const end = await completeEnd(fh, (await fh.stat()).size);
        expect(end).toBe(0);
        expect(await collect(readLinesForward(fh, 0, end))).toEqual([]);
        expect(await collect(readLinesBackward(fh, 0, end))).toEqual([]);
      } finally {
        await fh.close();
      }
    }
  });
});

describe('vacuum of the journal file', () => {
  it('keeps the newest N non-empty lines, counts the removed ones, terminates the last line', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `{"n":"${i}","pad":"${'é'.repeat(200)}"}`);
    const file = tempFile(lines.join('\n') + '\n\n' + 'torn');
    expect(vacuumJournalFile(file, 5)).toBe(3001 - 5);
    expect(fs.readFileSync(file, 'utf8')).toBe(lines.slice(-4).join('\n') + '\n\n' + 'torn\n');
    expect(vacuumJournalFile(file, 100)).toBe(0);
    expect(vacuumJournalFile(file, 0)).toBe(5);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    expect(vacuumJournalFile(path.join(path.dirname(file), 'missing'), 3)).toBe(0);
  });
});
