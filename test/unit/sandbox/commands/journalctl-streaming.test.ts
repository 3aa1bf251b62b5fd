/**
 * journalctl reads its journal in chunks (issue 7: a 1M-entry journal is ~0.7 GB, more than one
 * string). These tests put chunk boundaries, corrupt lines, other units' entries and multi-byte
 * characters in a journal of a few MB and compare every positioning rule with the whole-file
 * semantics (an in-memory model of what journalctl printed before it streamed).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../../../src-main/sandbox/model';
import { simPaths } from '../../../../src-main/sandbox/paths';
import { runJournalctl } from '../../../../src-main/sandbox/commands/journalctl';
import { formatEntry } from '../../../../src-main/sandbox/commands/journal-formats';
import { parseJournalctlArgs } from '../../../../src-main/sandbox/commands/journalctl-options';
import { NOW, run, simRoot } from './sim-fixture';
import { journalEntry, writeJournal } from './journal-fixture';

const jc = (argv: string[], root: string) => run(runJournalctl, argv, root);
const CHUNK = 1 << 20;

/** Entry i: kubelet's, except every 7th (containerd's); messages full of multi-byte characters. */
function entry(i: number, pad = 0): JournalEntry {
  const e = journalEntry(
    i,
    `I0530 01:00:00.000000   20023 kubelet.go:1] "line ${i}${'x'.repeat(i === 0 ? pad : 0)}" ${'✓'.repeat(200)}`,
  );
  // The simulated kubelet writes only its own entries; another writer's still must be filtered out.
  const other = {
    ...e,
    _SYSTEMD_UNIT: 'containerd.service',
    SYSLOG_IDENTIFIER: 'containerd',
    _COMM: 'containerd',
  };
  return i % 7 === 3 ? (other as Record<string, string> as JournalEntry) : e;
}

const COUNT = 3000;
const isKubelet = (i: number) => i % 7 !== 3;
/** The numbers of the kubelet's entries in [from, to). */
const kubeletNumbers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => from + k).filter(isKubelet);
const CORRUPT_AFTER = 1200;

/** The journal's lines (with one corrupt line and one blank line) and its parsed entries. */
function buildJournal(pad: number): { text: string; entries: JournalEntry[] } {
  const entries = Array.from({ length: COUNT }, (_, i) => entry(i, pad));
  const lines = entries.map((e) => JSON.stringify(e));
  lines.splice(CORRUPT_AFTER, 0, '{"__CURSOR":"s=torn', '');
  return { text: lines.join('\n') + '\n', entries };
}

/** A journal whose first 1 MB chunk ends inside a 3-byte character: entry 0 padded to put one there. */
function journalCuttingACharacter(): { text: string; entries: JournalEntry[] } {
  const bytes = Buffer.from(buildJournal(0).text);
  const check = Buffer.from('✓');
  const q = bytes.lastIndexOf(check, CHUNK - 2);
  // Padding entry 0 by d bytes moves the byte at q + 1 (inside a ✓) to CHUNK.
  return buildJournal(CHUNK - (q + 1));
}

/** What journalctl printed when it read the whole file (the semantics before streaming). */
function model(entries: JournalEntry[], argv: string[]): string {
  const q = parseJournalctlArgs(argv, NOW);
  const rt = (e: JournalEntry) => Number(e.__REALTIME_TIMESTAMP);
  const matches = (e: JournalEntry) =>
    (!q.units.length || q.units.includes(e._SYSTEMD_UNIT ?? '')) &&
    [...q.matches].every(([f, vs]) => vs.includes(e[f]));
  let start = 0;
  if (q.cursor !== undefined) {
    const exact = entries.findIndex((e) => e.__CURSOR === q.cursor);
    const t = parseInt(/;t=([0-9a-f]+)/.exec(q.cursor)![1], 16);
    start = exact >= 0 ? exact + (q.afterCursor ? 1 : 0) : entries.findIndex((e) => rt(e) >= t);
    if (start < 0) start = entries.length;
  }
  let sel = entries
    .slice(start)
    .filter(
      (e) =>
        matches(e) &&
        (q.sinceUs === undefined || rt(e) >= q.sinceUs) &&
        (q.untilUs === undefined || rt(e) <= q.untilUs),
    );
  if (q.lines !== undefined) {
    if (q.cursor !== undefined || q.sinceUs !== undefined || q.linesOldest) sel = sel.slice(0, q.lines);
    else sel = sel.slice(Math.max(0, sel.length - q.lines));
  }
  if (q.reverse) sel.reverse();
  if (sel.length === 0) return '-- No entries --\n';
  return sel
    .map((e) => formatEntry(e, q.output, { utc: q.utc, all: q.all, noHostname: q.noHostname }))
    .join('');
}

/** `--since`/`--until` value for the time of entry i (NOW − 1h + i s, UTC). */
const at = (i: number) => new Date(NOW - 3600_000 + i * 1000).toISOString().replace('T', ' ').slice(0, 19);

describe('journalctl streaming its journal', () => {
  const { text, entries } = journalCuttingACharacter();
  const root = simRoot();
  fs.mkdirSync(simPaths(root).journalFile.replace(/\/[^/]+$/, ''), { recursive: true });
  fs.writeFileSync(simPaths(root).journalFile, text);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the journal spans several chunks and a chunk boundary cuts a multi-byte character', () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * CHUNK);
    expect(Buffer.from(text)[CHUNK] & 0xc0).toBe(0x80);
  });

  const cases: string[][] = [
    ['-u', 'kubelet', '-o', 'json', '--all', '-n', '1500'],
    ['-u', 'kubelet', '-o', 'cat', '-n', '100000'], // -n larger than the journal
    ['-o', 'cat', '-n', '1'],
    ['-u', 'kubelet', '-o', 'cat', '-n', '0'],
    ['-o', 'export'],
    ['-u', 'kubelet', '-o', 'short-iso', '-r'],
    ['-t', 'containerd', '-o', 'cat', '-n', '20', '-r'],
    ['-o', 'cat', '--after-cursor', entry(CORRUPT_AFTER - 1).__CURSOR], // resumes across the corrupt line
    ['-u', 'kubelet', '-o', 'json', `--cursor=${entry(1499).__CURSOR}`, '-n', '600'],
    ['-u', 'kubelet', '-o', 'cat', `--cursor=${entry(2000).__CURSOR}`, '-n', '5', '-r'],
    ['-o', 'cat', '--after-cursor', entry(COUNT - 1).__CURSOR],
    ['-u', 'kubelet', '-o', 'cat', '--since', at(1700), '-n', '30'],
    ['-u', 'kubelet', '-o', 'cat', '--since', at(2900), '--until', at(2950)],
    ['-u', 'kubelet', '-o', 'cat', '--until', at(1000), '-n', '4'],
    ['-o', 'cat', '-n', '+5'],
  ];
  for (const argv of cases) {
    it(`journalctl ${argv.join(' ').replace(/s=[^ ]+/, '<cursor>')}`, async () => {
      const r = await jc(argv, root);
      expect(r.err).toBe('');
      expect(r.out).toBe(model(entries, argv));
    });
  }

  it('a cursor of a vacuumed entry resumes at the first entry after its time', async () => {
    const gone = { ...entry(2500), __CURSOR: entry(2500).__CURSOR.replace(/;i=[0-9a-f]+/, ';i=fffffff') };
    const r = await jc(['-u', 'kubelet', '-o', 'cat', '-n', '3', '--after-cursor', gone.__CURSOR], root);
    expect(r.out).toBe(
      kubeletNumbers(2500, 2504)
        .map((i) => entry(i).MESSAGE + '\n')
        .join(''),
    );
  });

  it('the corrupt line is skipped, every entry is there once, in order', async () => {
    const r = await jc(['-o', 'json'], root);
    const cursors = r.out
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as JournalEntry).__CURSOR);
    expect(cursors).toEqual(entries.map((e) => e.__CURSOR));
  });

  it('-o json with and without --all: the same lines when no value passes 4096 bytes; a longer one is null without it', async () => {
    const all = await jc(['-o', 'json', '--all', '-n', '50'], root);
    expect(all.out).toBe((await jc(['-o', 'json', '-n', '50'], root)).out);
    expect(all.out.trimEnd().split('\n')).toEqual(entries.slice(-50).map((e) => JSON.stringify(e)));
    const long = simRoot();
    const big = { ...journalEntry(1), MESSAGE: 'x'.repeat(5000) };
    writeJournal(long, [big]);
    expect(JSON.parse((await jc(['-o', 'json'], long)).out)).toEqual({ ...big, MESSAGE: null });
    expect((await jc(['-o', 'json', '-a'], long)).out).toBe(JSON.stringify(big) + '\n');
    fs.rmSync(long, { recursive: true, force: true });
  });

  it('--show-cursor prints the last entry printed', async () => {
    const r = await jc(['-u', 'kubelet', '-o', 'cat', '-n', '2', '--show-cursor'], root);
    expect(r.out.trimEnd().split('\n').pop()).toBe(
      `-- cursor: ${entry(kubeletNumbers(0, COUNT).pop()!).__CURSOR}`,
    );
  });
});

describe('journalctl -n on a huge journal reads its tail only', () => {
  afterEach(() => vi.restoreAllMocks());

  it('-n 3 reads a few chunks of a 4 GB journal, as journald seeks to the tail', async () => {
    const root = simRoot();
    const file = simPaths(root).journalFile;
    fs.mkdirSync(file.replace(/\/[^/]+$/, ''), { recursive: true });
    // A sparse 4 GB of old journal (one huge corrupt line: no newline), then the newest entries.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 4 * 1024 ** 3);
    fs.appendFileSync(
      file,
      '\n' + Array.from({ length: 2000 }, (_, i) => JSON.stringify(entry(i)) + '\n').join(''),
    );
    const fh = await fsp.open(file, 'r');
    const proto = Object.getPrototypeOf(fh) as { read: (...a: unknown[]) => Promise<{ bytesRead: number }> };
    await fh.close();
    let bytes = 0;
    const read = proto.read;
    vi.spyOn(proto, 'read').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      const r = await read.apply(this, args);
      bytes += r.bytesRead;
      return r;
    });
    const r = await jc(['-u', 'kubelet', '-o', 'cat', '-n', '3'], root);
    expect(r.out).toBe(
      kubeletNumbers(1990, 2000)
        .slice(-3)
        .map((i) => entry(i).MESSAGE + '\n')
        .join(''),
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(3 * CHUNK);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
