/**
 * What "apply and watch" reads on the node, through the node session (argv only; quoting in
 * ssh/command-line.ts): the pods snapshot (crictl + kubectl in one round trip), the kubelet's
 * journal since the save, and a crashing container's last log lines (`crictl logs --tail`).
 */
import type { NodeDiscovery } from '../contract/domain/discovery';
import type { NodePodsSnapshot } from '../contract/domain/node-pods';
import { detectKubeletLogSource, journalMatchOf } from '../node/journal/kubelet-log-source';
import type { KubeletJournalMatch } from '../node/journal/journal-commands';
import { containerLogLines, crictlLogsCommand, crictlLogsFailure } from '../node/snapshot/container-commands';
import type { NodeSession } from '../node/session/node-session';
import { readPodsSnapshot } from './read-pods-snapshot';
import { applyWatchJournalCommand, parseJournalOutput, type JournalBatch } from './apply-watch-journal';

export interface ApplyWatchProbe {
  snapshot(): Promise<NodePodsSnapshot>;
  /** The kubelet's journal after `cursor`, or of the last `sinceSeconds` when there is none yet. */
  journal(cursor: string | null, sinceSeconds: number): Promise<JournalBatch>;
  /** A container's last lines (stdout and stderr, crictl's own warnings removed). */
  containerLogs(containerId: string, tail: number): Promise<string[]>;
}

export function nodeApplyWatchProbe(session: NodeSession, discovery: NodeDiscovery): ApplyWatchProbe {
  let match: Promise<KubeletJournalMatch> | null = null;
  return {
    snapshot: () => readPodsSnapshot(session, discovery),
    async journal(cursor, sinceSeconds) {
      // Which journal match has the kubelet's lines: one rule with the Logs pane's follower.
      match ??= detectKubeletLogSource(session).then(journalMatchOf);
      match.catch(() => (match = null));
      const from = cursor ? { afterCursor: cursor } : { sinceSeconds };
      const output = await session.run(applyWatchJournalCommand(await match, from));
      return parseJournalOutput(output.stdout.toString('utf8'));
    },
    async containerLogs(containerId, tail) {
      const output = await session.run(crictlLogsCommand(containerId, tail, false));
      const failure = crictlLogsFailure(output);
      if (failure) throw new Error(failure);
      return containerLogLines(output.stdout.toString('utf8'))
        .filter((l) => l.trim() !== '')
        .slice(-tail);
    },
  };
}
