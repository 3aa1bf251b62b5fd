/**
 * What "apply and watch" reads on the node, through the node session (argv only; quoting in
 * ssh/command-line.ts): the pods snapshot (crictl + kubectl in one round trip), the kubelet's
 * journal since the save, and a crashing container's last log lines (`crictl logs --tail`).
 */
import type { NodeDiscovery } from '../contract/domain/discovery';
import type { NodePodsSnapshot } from '../contract/domain/node-pods';
import { splitCrictlStderr } from '../node/cri/crictl-stderr';
import type { NodeCommand } from '../node/session/node-command';
import type { NodeSession } from '../node/session/node-session';
import { readPodsSnapshot } from './read-pods-snapshot';
import {
  kubeletJournalCommand,
  parseJournalOutput,
  type JournalBatch,
  type JournalSelector,
} from './apply-watch-journal';

export interface ApplyWatchProbe {
  snapshot(): Promise<NodePodsSnapshot>;
  /** The kubelet's journal after `cursor`, or of the last `sinceSeconds` when there is none yet. */
  journal(cursor: string | null, sinceSeconds: number): Promise<JournalBatch>;
  /** A container's last lines (stdout and stderr, crictl's own warnings removed). */
  containerLogs(containerId: string, tail: number): Promise<string[]>;
}

/** `crictl logs --tail N <id>`: the container's own stderr comes out on crictl's stderr. */
export function crictlLogsTailCommand(containerId: string, tail: number): NodeCommand {
  return {
    purpose: "read the container's last log lines",
    argv: ['crictl', 'logs', '--tail', String(tail), '--', containerId],
    privileged: true,
    timeoutMs: 15_000,
  };
}

export function nodeApplyWatchProbe(session: NodeSession, discovery: NodeDiscovery): ApplyWatchProbe {
  let selector: JournalSelector = 'unit';
  let sawAny = false;
  return {
    snapshot: () => readPodsSnapshot(session, discovery),
    async journal(cursor, sinceSeconds) {
      const from = cursor ? { afterCursor: cursor } : { sinceSeconds };
      const output = await session.run(kubeletJournalCommand(selector, from));
      const batch = parseJournalOutput(output.stdout.toString('utf8'));
      if (batch.records.length > 0) sawAny = true;
      if (!sawAny && !cursor && selector === 'unit') {
        // -u kubelet can come back empty while -t kubelet has the lines (docs/kubelet.md §5.1).
        selector = 'identifier';
        const retry = await session.run(kubeletJournalCommand(selector, from));
        return parseJournalOutput(retry.stdout.toString('utf8'));
      }
      return batch;
    },
    async containerLogs(containerId, tail) {
      const output = await session.run(crictlLogsTailCommand(containerId, tail));
      const stdout = output.stdout
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const stderr = splitCrictlStderr(output.stderr)
        .filter((d) => !d.noise)
        .map((d) => d.raw);
      return [...stdout, ...stderr].slice(-tail);
    },
  };
}
