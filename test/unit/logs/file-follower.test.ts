/**
 * A kubelet log kept in a file, followed for real through the same node session path the app
 * uses (streamed, stopped when closed), with GNU tools and with busybox alone: history from the
 * file's tail, rotation as RKE2's lumberjack writer does it (rename to kubelet-<time>.log, new
 * kubelet.log, the old one compressed later), a dropped connection resumed at the checkpoint —
 * across a rotation that happened while disconnected — truncation, and a file the user may not
 * read. Every line arrives once, in order; every loss is a gap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileFollowCommand } from '../../../src-main/node/journal/file-follow-command';
import { FileFollowFrames, type FileFollowEvent } from '../../../src-main/node/journal/file-follow-frames';
import {
  KubeletFileFollower,
  type FileFollowSession,
} from '../../../src-main/node/journal/kubelet-file-follower';
import type { ExecChannel } from '../../../src-main/ssh/transport';
import { localSession, tempTree, type ShellOptions } from '../node/discovery/local-shell';

const followers: KubeletFileFollower[] = [];
afterEach(() => followers.splice(0).forEach((f) => f.stop()));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const klog = (i: number) =>
  `I0611 08:15:${String(i % 60).padStart(2, '0')}.000000    4242 file.go:${i}] "line ${i}"`;
const block = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => klog(from + k)).join('\n') + '\n';

/** A session whose streams the test can cut (a dropped connection) and hold back (a long outage). */
function controllableSession(options: ShellOptions) {
  const inner = localSession(options);
  const channels: ExecChannel[] = [];
  let gate: Promise<void> = Promise.resolve();
  let release = () => {};
  const session: FileFollowSession = {
    name: 'local',
    async stream(command) {
      await gate;
      const channel = await inner.stream(command);
      channels.push(channel);
      return channel;
    },
  };
  return {
    session,
    /** Cuts the current stream and keeps the next one from starting until `reconnect()`. */
    disconnect() {
      gate = new Promise((resolve) => (release = resolve));
      channels.at(-1)?.close();
    },
    reconnect: () => release(),
    streams: () => channels.length,
  };
}

function follow(file: string, options: ShellOptions & { history?: number; user?: string } = {}) {
  const control = controllableSession(options);
  const lines: string[] = [];
  const gaps: string[] = [];
  const states: string[] = [];
  const follower = new KubeletFileFollower(
    () => control.session,
    {
      lines: (batch) => lines.push(...batch.map((l) => l.text)),
      gap: (text) => gaps.push(text),
      state: (state, message) => states.push(message ? `${state}: ${message}` : state),
    },
    {
      path: file,
      follow: true,
      historyBytes: options.history ?? 1 << 20,
      pollSeconds: 0.1,
      retryMs: 50,
      user: options.user,
    },
  );
  followers.push(follower);
  void follower.start();
  return { follower, control, lines, gaps, states };
}

describe.each([
  { label: 'GNU tools', busybox: false },
  { label: 'busybox only', busybox: true },
])('file follower with $label', ({ busybox }) => {
  it('reads the tail as history, dropping the cut first line, then follows appends', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 50) } });
    const file = path.join(root, 'logs/kubelet.log');
    const history = Buffer.byteLength(block(41, 50)) + 7; // ends inside line 40
    const run = follow(file, { busybox, history });
    await waitFor(() => run.lines.length >= 10, 'history');
    expect(run.lines).toEqual(block(41, 50).trimEnd().split('\n'));
    fs.appendFileSync(file, block(51, 53));
    await waitFor(() => run.lines.length >= 13, 'appended lines');
    expect(run.lines.slice(10)).toEqual(block(51, 53).trimEnd().split('\n'));
  });

  it("follows lumberjack's rotation without losing or repeating a line", async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 5) } });
    const file = path.join(root, 'logs/kubelet.log');
    const run = follow(file, { busybox });
    await waitFor(() => run.lines.length >= 5, 'first lines');
    fs.appendFileSync(file, block(6, 8));
    // lumberjack.rotate: close, rename to a backup name, open a new file; compress the backup later.
    const backup = path.join(root, 'logs/kubelet-2024-06-11T08-16-00.000.log');
    fs.renameSync(file, backup);
    fs.writeFileSync(file, block(9, 12));
    await waitFor(() => run.lines.length >= 12, 'lines after rotation');
    fs.renameSync(backup, `${backup}.gz`);
    fs.appendFileSync(file, block(13, 14));
    await waitFor(() => run.lines.length >= 14, 'more lines');
    expect(run.lines).toEqual(block(1, 14).trimEnd().split('\n'));
    expect(run.gaps).toEqual([]);
  });

  it('resumes at the checkpoint after a dropped connection, finishing a file rotated meanwhile', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 3) } });
    const file = path.join(root, 'logs/kubelet.log');
    const run = follow(file, { busybox });
    await waitFor(() => run.lines.length >= 3, 'first lines');
    run.control.disconnect();
    await waitFor(() => run.states.some((s) => s.startsWith('reconnecting')), 'the follower to notice');
    // While disconnected: more lines, a half-written one, then a rotation.
    fs.appendFileSync(file, `${block(4, 6)}${klog(7).slice(0, 20)}`);
    fs.appendFileSync(file, `${klog(7).slice(20)}\n`);
    fs.renameSync(file, path.join(root, 'logs/kubelet-2024-06-11T08-17-00.000.log'));
    fs.writeFileSync(file, block(8, 9));
    run.control.reconnect();
    await waitFor(() => run.lines.length >= 9, 'lines after the outage');
    expect(run.lines).toEqual(block(1, 9).trimEnd().split('\n'));
    expect(run.gaps).toEqual([]);
    expect(run.control.streams()).toBe(2);
  });

  it('reports a gap when the rotated file is gone before the resume', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 3) } });
    const file = path.join(root, 'logs/kubelet.log');
    const run = follow(file, { busybox });
    await waitFor(() => run.lines.length >= 3, 'first lines');
    run.control.disconnect();
    await waitFor(() => run.states.some((s) => s.startsWith('reconnecting')), 'the follower to notice');
    fs.appendFileSync(file, block(4, 5));
    fs.unlinkSync(file); // rotated and compressed away
    fs.writeFileSync(file, block(6, 7));
    run.control.reconnect();
    await waitFor(() => run.lines.length >= 5, 'lines after the gap');
    expect(run.gaps).toHaveLength(1);
    expect(run.gaps[0]).toMatch(/rotated and its old copy removed/);
    expect(run.lines).toEqual([...block(1, 3).trimEnd().split('\n'), ...block(6, 7).trimEnd().split('\n')]);
  });

  it('a file rewritten in place while disconnected (same inode, other content) is a new file, not a continuation', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 3) } });
    const file = path.join(root, 'logs/kubelet.log');
    const run = follow(file, { busybox });
    await waitFor(() => run.lines.length >= 3, 'first lines');
    run.control.disconnect();
    await waitFor(() => run.states.some((s) => s.startsWith('reconnecting')), 'the follower to notice');
    // Truncate and write through the same inode: what an inode number reused by a new file looks like.
    fs.writeFileSync(file, `# new file\n${block(10, 20)}`);
    run.control.reconnect();
    await waitFor(() => run.lines.length >= 15, 'the new file');
    expect(run.gaps).toHaveLength(1);
    expect(run.lines.slice(3)).toEqual(['# new file', ...block(10, 20).trimEnd().split('\n')]);
  });

  it('reports a truncation in place (copytruncate) as a gap', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 4) } });
    const file = path.join(root, 'logs/kubelet.log');
    const run = follow(file, { busybox });
    await waitFor(() => run.lines.length >= 4, 'first lines');
    fs.truncateSync(file, 0);
    await waitFor(() => run.gaps.length >= 1, 'the truncation');
    fs.appendFileSync(file, block(5, 5));
    await waitFor(() => run.lines.length >= 5, 'the line after truncation');
    expect(run.gaps[0]).toMatch(/truncated in place/);
    expect(run.lines.at(-1)).toBe(klog(5));
  });

  it('says it may not read a root-only log as another user, instead of showing nothing', async () => {
    const root = tempTree({ 'logs/kubelet.log': { text: block(1, 2), mode: 0o600 } });
    const run = follow(path.join(root, 'logs/kubelet.log'), { busybox, user: 'nobody' });
    await waitFor(() => run.states.some((s) => s.startsWith('failed')), 'the failure');
    expect(run.states.find((s) => s.startsWith('failed'))).toMatch(/no permission as nobody/);
    expect(run.lines).toEqual([]);
  });
});

describe('FileFollowFrames', () => {
  it('takes frames split at any byte, and refuses what is not a frame', () => {
    const events: FileFollowEvent[] = [];
    const frames = new FileFollowFrames((e) => events.push(e));
    const stream = Buffer.from(
      '@@ksf start 77 0\n@@ksf data 77 0 11\nline one\nli@@ksf data 77 11 7\nne two\n',
    );
    for (const byte of stream) frames.push(Buffer.from([byte]));
    const lines = events.flatMap((e) => (e.kind === 'lines' ? e.lines : []));
    expect(lines).toEqual(['line one', 'line two']);
    expect(events.at(-1)).toMatchObject({ kind: 'lines', checkpoint: { inode: '77', offset: 18 } });
    const bad: FileFollowEvent[] = [];
    new FileFollowFrames((e) => bad.push(e)).push(Buffer.from('sh: 1: stat: not found\n'));
    expect(bad[0]).toMatchObject({ kind: 'protocol-error' });
  });

  it('builds its command as the other node commands: argv only, privileged', () => {
    const command = fileFollowCommand({
      path: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
      follow: true,
      historyBytes: 10,
    });
    expect(command.privileged).toBe(true);
    expect(command.argv.slice(4)).toEqual([
      '/var/lib/rancher/rke2/agent/logs/kubelet.log',
      '',
      '0',
      '1',
      '10',
      '1',
      '',
      '0',
    ]);
  });
});
