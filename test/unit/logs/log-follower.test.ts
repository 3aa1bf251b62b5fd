import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FollowNodeSession, FollowedLine } from '../../../src-main/node/journal/kubelet-log-follower';
import { KubeletLogFollower } from '../../../src-main/node/journal/kubelet-log-follower';
import type { NodeCommand } from '../../../src-main/node/session/node-command';
import type { ExecChannel } from '../../../src-main/ssh/transport';

// A fake node journal: entries with cursors `c<N>`; `journalctl` commands answered from it.
const entry = (n: number) =>
  JSON.stringify({
    __CURSOR: `c${n}`,
    __REALTIME_TIMESTAMP: String(n * 1000),
    MESSAGE: `I0101 00:00:00.000000       1 x.go:1] line ${n}`,
  }) + '\n';

class FakeJournal implements FollowNodeSession {
  name = 'fake';
  entries: number[] = [];
  /** The kubelet's entries are under its identifier only (`-u kubelet` finds none). */
  unitEmpty = false;
  streams: Array<{ argv: string[]; channel: ExecChannel & { stdout: PassThrough; end(): void } }> = [];

  probes = 0;

  async run(command: NodeCommand) {
    this.probes += 1;
    const argv = command.argv.map(String);
    const cursorArg = argv.find((a) => a.startsWith('--cursor='));
    let out = '';
    if (cursorArg) {
      const n = Number(cursorArg.slice('--cursor=c'.length));
      const at = this.entries.find((e) => e >= n); // journalctl moves to the nearest entry
      out = at === undefined ? '' : entry(at);
    } else if (this.entries.length > 0) out = entry(this.entries[this.entries.length - 1]);
    return { stdout: Buffer.from(out), stderr: '', code: 0, signal: null };
  }

  async stream(command: NodeCommand) {
    const argv = command.argv.map(String);
    const stdout = new PassThrough();
    let resolveExit: (v: { code: number | null; signal: string | null }) => void = () => {};
    const exit = new Promise<{ code: number | null; signal: string | null }>((r) => (resolveExit = r));
    const end = () => {
      stdout.end();
      resolveExit({ code: null, signal: 'TERM' });
    };
    const channel = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), exit, close: end, end };
    // --cursor is inclusive, and lands on the nearest entry when the cursor's own is gone.
    const at = argv.find((a) => a.startsWith('--cursor='));
    const from = at ? Number(at.slice('--cursor=c'.length)) : -Infinity;
    if (!(this.unitEmpty && argv.includes('-u')))
      for (const n of this.entries) if (n >= from) stdout.write(entry(n));
    this.streams.push({ argv, channel });
    return channel;
  }

  /** Appends entries and writes them to the open stream, `cutAt` bytes of the last one only. */
  append(ns: number[], cutLast = false) {
    this.entries.push(...ns);
    const live = this.streams[this.streams.length - 1];
    const text = ns.map(entry).join('');
    live?.channel.stdout.write(cutLast ? text.slice(0, text.length - 20) : text);
  }
}

function collect() {
  const lines: FollowedLine[] = [];
  const gaps: string[] = [];
  return {
    lines,
    gaps,
    sink: {
      lines: (l: FollowedLine[]) => lines.push(...l),
      gap: (t: string) => gaps.push(t),
      state: () => {},
    },
  };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('KubeletLogFollower', () => {
  it('resumes after a cut at --cursor, dropping that entry: nothing lost, nothing repeated, no gap', async () => {
    const node = new FakeJournal();
    node.entries = [1, 2, 3];
    const out = collect();
    const follower = new KubeletLogFollower(() => node, out.sink, { history: 10, follow: true, retryMs: 1 });
    void follower.start();
    await until(() => out.lines.length === 3);
    node.append([4, 5], true); // the cut comes mid-line: entry 5 arrives torn
    await until(() => out.lines.length === 4);
    node.streams[0].channel.end();
    await until(() => node.streams.length === 2);
    expect(node.streams[1].argv).toContain('--cursor=c4');
    node.append([6]);
    await until(() => out.lines.length === 6);
    follower.stop();
    expect(out.lines.map((l) => l.text.split(' ').pop())).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(out.gaps).toEqual([]);
    expect(node.probes).toBe(0); // the unit answered at once: no source probe
    expect(node.streams[0].argv).toEqual([
      'journalctl',
      '-u',
      'kubelet',
      '-o',
      'json',
      '--no-pager',
      '--all',
      '-n',
      '10',
      '-f',
    ]);
  });

  it('shows a gap when the cursor entry was vacuumed during the outage', async () => {
    const node = new FakeJournal();
    node.entries = [1, 2];
    const out = collect();
    const follower = new KubeletLogFollower(() => node, out.sink, { history: 10, follow: true, retryMs: 1 });
    void follower.start();
    await until(() => out.lines.length === 2);
    node.streams[0].channel.end();
    node.entries = [7, 8]; // vacuumed 1..6 while we were away
    await until(() => node.streams.length === 2);
    await until(() => out.lines.length === 4);
    follower.stop();
    expect(out.gaps).toHaveLength(1);
    expect(out.gaps[0]).toMatch(/^Gap: the journal no longer has/);
    expect(out.lines.map((l) => l.text.split(' ').pop())).toEqual(['1', '2', '7', '8']);
  });

  it('checks the cursor in the resumed command itself: a vacuum just before it still shows a gap', async () => {
    // The hole of a separate `--cursor C -n 1` probe: the probe finds C, then a vacuum, then
    // `--after-cursor C` silently starts later. Here the vacuum lands right as the follow
    // opens (after any probe could have run), and the gap must still be reported, in order.
    const node = new FakeJournal();
    node.entries = [1, 2, 3];
    const out = collect();
    const order: string[] = [];
    const sink = {
      lines: (l: FollowedLine[]) => {
        out.lines.push(...l);
        order.push(...l.map((x) => x.text.split(' ').pop() ?? ''));
      },
      gap: (t: string) => {
        out.gaps.push(t);
        order.push('GAP');
      },
      state: () => {},
    };
    const follower = new KubeletLogFollower(() => node, sink, { history: 10, follow: true, retryMs: 1 });
    void follower.start();
    await until(() => out.lines.length === 3);
    const stream = node.stream.bind(node);
    node.stream = async (command) => {
      node.entries = [5]; // 1..4 vacuumed, 5 written
      return stream(command);
    };
    node.entries.push(4);
    node.streams[0].channel.end();
    await until(() => out.lines.length === 4);
    follower.stop();
    expect(node.streams[1].argv).toContain('--cursor=c3');
    expect(order).toEqual(['1', '2', '3', 'GAP', '5']);
  });

  it('falls back to -t kubelet when the unit has no entries (docs/kubelet.md §5.1)', async () => {
    const node = new FakeJournal();
    const runs: string[][] = [];
    const run = node.run.bind(node);
    node.run = async (command) => {
      const argv = command.argv.map(String);
      runs.push(argv);
      if (argv.includes('-u'))
        return { stdout: Buffer.from('-- No entries --\n'), stderr: '', code: 0, signal: null };
      return run(command);
    };
    node.entries = [1];
    node.unitEmpty = true;
    const out = collect();
    const follower = new KubeletLogFollower(() => node, out.sink, {
      history: 10,
      follow: true,
      retryMs: 1,
      probeAfterMs: 20,
    });
    void follower.start();
    await until(() => out.lines.length === 1);
    follower.stop();
    // The unit read starts at once; it stays silent, so the probe runs and the identifier replaces it.
    expect(node.streams.map((st) => st.argv.slice(0, 3).join(' '))).toEqual([
      'journalctl -u kubelet',
      'journalctl -t kubelet',
    ]);
    expect(runs.some((argv) => argv.includes('-t'))).toBe(true);
  });
});
