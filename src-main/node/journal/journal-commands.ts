/**
 * The commands that read the kubelet's log on a node (docs/kubelet.md §5): `journalctl -u
 * kubelet -o json` (or `-t kubelet`, since `-u` can miss the stdout entries, §5.1), with
 * `--cursor` to resume at the last delivered entry (docs/security.md "Logs"; the follower drops
 * that entry and reports a gap when a different one comes first),
 * and `--all` so that no MESSAGE over 4096 bytes comes back as null (§5.2). Where there is no
 * journal, the syslog files (§5.1 "Non-systemd setups"). argv only; quoting is done in
 * ssh/command-line.ts.
 */
import type { NodeCommand } from '../session/node-command';

export type KubeletJournalMatch = 'unit' | 'identifier';

/**
 * Where in the journal the set-up keeps the kubelet's log (node/discovery/kubelet-log-location.ts):
 * `kubelet` on kubeadm, the k3s unit (`k3s-agent`, identifier `k3s`) on k3s, the k0s unit on k0s.
 * journalctl ORs repeated `-u`/`-t` matches of the same field.
 */
export interface KubeletJournalNames {
  units: string[];
  identifiers: string[];
  /** journalctl's absolute path as discovery found it (sudo's secure_path may lack it). */
  journalctl?: string;
}

export const DEFAULT_JOURNAL_NAMES: KubeletJournalNames = { units: ['kubelet'], identifiers: ['kubelet'] };

export interface KubeletJournalQuery {
  match: KubeletJournalMatch;
  follow: boolean;
  /** Lines of history (`-n`); ignored when resuming after a cursor. */
  lines?: number;
  afterCursor?: string;
  /**
   * Resume AT this cursor (`--cursor`, inclusive): the first entry printed is the cursor's own
   * when the journal still has it, else the nearest one — which tells a vacuum from a clean
   * resume within the very command that follows (no window between a check and the follow).
   */
  fromCursor?: string;
  /** journalctl --since value, validated by the contract. */
  since?: string;
  /** The set-up's units and identifiers; `kubelet` when not given. */
  names?: KubeletJournalNames;
}

function matchArgs(match: KubeletJournalMatch, names: KubeletJournalNames = DEFAULT_JOURNAL_NAMES): string[] {
  const list = match === 'unit' ? names.units : names.identifiers;
  return list.flatMap((name) => [match === 'unit' ? '-u' : '-t', name]);
}

/** In words, for the Logs pane: `journalctl -u k3s-agent`. */
export function journalMatchText(
  match: KubeletJournalMatch,
  names: KubeletJournalNames = DEFAULT_JOURNAL_NAMES,
): string {
  return ['journalctl', ...matchArgs(match, names)].join(' ');
}

/** `journalctl -u kubelet -o json --no-pager --all [-n N | --cursor=C | --after-cursor=C] [--since S] [-f]`. */
export function kubeletJournalCommand(q: KubeletJournalQuery): NodeCommand {
  const argv = [
    q.names?.journalctl ?? 'journalctl',
    ...matchArgs(q.match, q.names),
    '-o',
    'json',
    '--no-pager',
    '--all',
  ];
  if (q.fromCursor !== undefined) argv.push(`--cursor=${q.fromCursor}`);
  else if (q.afterCursor !== undefined) argv.push(`--after-cursor=${q.afterCursor}`);
  else {
    if (q.since !== undefined) argv.push(`--since=${q.since}`);
    if (q.lines !== undefined) argv.push('-n', String(q.lines));
  }
  if (q.follow) argv.push('-f');
  return {
    purpose: q.follow ? "follow the kubelet's journal" : "read the kubelet's journal",
    argv,
    // The journal of a system unit is readable by root and the systemd-journal group only.
    privileged: true,
    timeoutMs: q.follow ? undefined : 120_000,
  };
}

/** The newest kubelet entry of the unit or the identifier: which of the two has the log. */
export function kubeletJournalProbeCommand(
  match: KubeletJournalMatch,
  names?: KubeletJournalNames,
): NodeCommand {
  return {
    purpose: "find the kubelet's journal",
    argv: [
      names?.journalctl ?? 'journalctl',
      ...matchArgs(match, names),
      '-o',
      'json',
      '--no-pager',
      '-n',
      '1',
    ],
    privileged: true,
    timeoutMs: 30_000,
  };
}

export const KUBELET_LOG_FILES = ['/var/log/syslog', '/var/log/messages'];

/**
 * rsyslog's files where there is no journal: `tail -F` (follows rotation), quiet (no
 * `==> file <==` headers); the kubelet lines are picked out by isKubeletSyslogLine.
 */
export function kubeletLogFilesCommand(follow: boolean, lines: number): NodeCommand {
  const argv = ['tail', '-q', '-n', String(lines)];
  if (follow) argv.push('-F');
  argv.push('--', ...KUBELET_LOG_FILES);
  return {
    purpose: "read the kubelet's log files",
    argv,
    privileged: true,
    timeoutMs: follow ? undefined : 120_000,
  };
}

/** `… controlplane kubelet[1504]: E0823 …` (rsyslog, §5.1). */
export function isKubeletSyslogLine(line: string): boolean {
  return /\skubelet(?:\[\d+\])?:\s/.test(line.slice(0, 200));
}
