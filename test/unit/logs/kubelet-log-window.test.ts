/**
 * The kubelet log window the findings read (docs/kubelet.md §1.1, §5): a span of time wherever
 * the log is — the journal with the unit-then-identifier fallback, RKE2's file by klog time,
 * k0s's wrapped lines — bounded, and honest about what it could not read or did not reach.
 * The shell runs for real (GNU and busybox); journalctl is a stand-in script that answers as
 * journalctl does for the arguments it is given.
 */
import { describe, expect, it } from 'vitest';
import type { KubeletLogLocation } from '../../../src-main/contract/domain/node-setup';
import { unwrapK0sKubeletLine } from '../../../src-main/node/journal/k0s-wrapped';
import {
  klogTimeMs,
  LOG_WINDOW_FUNCTIONS,
  logWindowBatch,
  logWindowSeconds,
  readLogWindow,
} from '../../../src-main/node/journal/kubelet-log-window';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { runBatch, tempTree } from '../node/discovery/local-shell';

const journalLocation = (
  units: string[],
  identifiers: string[],
  format: KubeletLogLocation['format'] = 'klog',
) =>
  ({
    kind: 'journal',
    units,
    identifiers,
    file: null,
    format,
    shared: false,
    explanation: '',
  }) as KubeletLogLocation;

/** A journalctl that knows one unit and one identifier, prints short-unix lines, and records its argv. */
function fakeJournalctl(
  root: string,
  byUnit: Record<string, string[]>,
  byIdentifier: Record<string, string[]>,
): string {
  const cases = [
    ...Object.entries(byUnit).map(
      ([u, lines]) => `  "-u ${u}") printf '%s\\n' ${lines.map((l) => `'${l}'`).join(' ')};;`,
    ),
    ...Object.entries(byIdentifier).map(
      ([t, lines]) => `  "-t ${t}") printf '%s\\n' ${lines.map((l) => `'${l}'`).join(' ')};;`,
    ),
  ];
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> ${root}/argv`,
    'case "$1 $2" in',
    ...cases,
    '  *) ;;',
    'esac',
  ].join('\n');
  const tree = tempTree({ 'bin/journalctl': { text: script, mode: 0o755 } });
  return `${tree}/bin/journalctl`;
}

const now = Math.floor(Date.now() / 1000);
const shortUnix = (secondsAgo: number, ident: string, message: string) =>
  `${now - secondsAgo}.123456 node-1 ${ident}[812]: ${message}`;

describe.each([
  { label: 'GNU tools', busybox: false },
  { label: 'busybox only', busybox: true },
])('the log window with $label', ({ busybox }) => {
  it('reads the unit over the window; the identifier only when the unit has nothing', async () => {
    const root = tempTree({});
    const error = `E0611 08:15:07.123456     812 file.go:208] "Could not process manifest file" err="invalid pod" path="/var/lib/rancher/k3s/agent/pod-manifests/web.yaml"`;
    const journalctl = fakeJournalctl(
      root,
      { 'k3s-agent': [shortUnix(5, 'k3s', error)] },
      { k3s: ['never read'] },
    );
    const location = journalLocation(['k3s-agent'], ['k3s']);
    const batch = logWindowBatch(location, journalctl, 60);
    const sections = await runBatch(LOG_WINDOW_FUNCTIONS + batch.body, batch.params, { busybox });
    const read = readLogWindow(sections, location, 60, 'root');
    expect(read.window).toMatchObject({
      readable: true,
      complete: true,
      lines: 1,
      source: 'journal unit k3s-agent',
    });
    expect(read.records[0]?.message).toBe('Could not process manifest file');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${root}/argv`, 'utf8')).toBe(
      '-u k3s-agent -o short-unix --no-pager --all --since -60s\n',
    );

    const fallback = fakeJournalctl(
      root,
      {},
      { kubelet: [shortUnix(2, 'kubelet', 'I0611 08:15:09.000000    1204 kubelet.go:1 "x"')] },
    );
    const kubeadm = journalLocation(['kubelet'], ['kubelet']);
    const b2 = logWindowBatch(kubeadm, fallback, 60);
    const read2 = readLogWindow(
      await runBatch(LOG_WINDOW_FUNCTIONS + b2.body, b2.params, { busybox }),
      kubeadm,
      60,
      'root',
    );
    expect(read2.window.lines).toBe(1);
  });

  it('a journal it may not read is unreadable with the reason, not an empty window', async () => {
    const tree = tempTree({
      'bin/journalctl': {
        text: '#!/bin/sh\necho "No journal files were opened due to insufficient permissions." >&2\nexit 1\n',
        mode: 0o755,
      },
    });
    const location = journalLocation(['kubelet'], ['kubelet']);
    const batch = logWindowBatch(location, `${tree}/bin/journalctl`, 60);
    const read = readLogWindow(
      await runBatch(LOG_WINDOW_FUNCTIONS + batch.body, batch.params, { busybox }),
      location,
      60,
      'ks-user',
    );
    expect(read.window.readable).toBe(false);
    expect(read.window.reason).toMatch(/systemd-journal and adm; no permission as ks-user/);
  });

  it("RKE2's file: lines kept by their klog time against the node's clock", async () => {
    const stamp = (secondsAgo: number) => {
      const d = new Date(Date.now() - secondsAgo * 1000);
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      // The node's local time: this machine's zone, as `date +%z` reports it to the window.
      return `${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.000000`;
    };
    const file = tempTree({
      'agent/logs/kubelet.log': {
        text: [
          `E${stamp(600)}    4242 file.go:208] "Could not process manifest file" err="old" path="/x.yaml"`,
          `E${stamp(10)}    4242 file.go:208] "Could not process manifest file" err="new" path="/x.yaml"`,
          '',
        ].join('\n'),
      },
    });
    const location: KubeletLogLocation = {
      kind: 'file',
      units: [],
      identifiers: [],
      file: `${file}/agent/logs/kubelet.log`,
      format: 'klog',
      shared: false,
      explanation: '',
    };
    const batch = logWindowBatch(location, null, 60);
    const read = readLogWindow(
      await runBatch(LOG_WINDOW_FUNCTIONS + batch.body, batch.params, { busybox }),
      location,
      60,
      'root',
    );
    expect(read.records.map((r) => r.err)).toEqual(['new']);
    expect(read.window).toMatchObject({ readable: true, complete: true, lines: 1 });
  });
});

describe('window pieces', () => {
  it('covers at least three re-list periods, and at least a minute', () => {
    expect(logWindowSeconds(20)).toBe(60);
    expect(logWindowSeconds(5)).toBe(60);
    expect(logWindowSeconds(45)).toBe(135);
  });

  it('places a December klog line read in January in last year', () => {
    const record = parseKlogLine('E1231 23:59:59.500000    1 file.go:1] "x"');
    const jan1 = Date.UTC(2025, 0, 1, 0, 0, 30);
    expect(klogTimeMs(record, jan1, 0)).toBe(Date.UTC(2024, 11, 31, 23, 59, 59, 500));
    // The node's zone shifts the same wall clock: 23:59:59.5 at UTC+02:00 is 21:59:59.5 UTC.
    expect(klogTimeMs(record, jan1, 120)).toBe(Date.UTC(2024, 11, 31, 21, 59, 59, 500));
  });

  it("unwraps k0s's lines of the kubelet and ignores its other components'", () => {
    const line =
      'time="2024-07-08 08:46:25" level=info msg="E0708 08:46:25.876821    1814 file.go:208] \\"Could not process manifest file\\" err=\\"invalid pod\\" path=\\"/x.yaml\\"" component=kubelet stream=stderr';
    expect(unwrapK0sKubeletLine(line)).toBe(
      'E0708 08:46:25.876821    1814 file.go:208] "Could not process manifest file" err="invalid pod" path="/x.yaml"',
    );
    expect(
      unwrapK0sKubeletLine(
        'time="2024-07-08 08:46:25" level=info msg="x" component=containerd stream=stderr',
      ),
    ).toBeNull();
  });
});
