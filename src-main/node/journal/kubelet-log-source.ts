/**
 * Where a node keeps the kubelet's log (docs/kubelet.md §5.1): the journal of the kubelet unit
 * (`journalctl -u kubelet`); its syslog identifier (`-t kubelet`) when the unit has nothing,
 * since `-u` can miss the stdout entries of the unit (systemd PR #33021, kubernetes#123395);
 * rsyslog's files when there is no journal at all. One rule for every reader of the log: the
 * follower of the Logs pane and the apply-and-watch of a saved manifest.
 */
import type { LogSourceKind } from '../../contract/domain/logs';
import type { NodeSession } from '../session/node-session';
import { parseFollowedEntry } from './followed-entry';
import {
  kubeletJournalProbeCommand,
  type KubeletJournalMatch,
  type KubeletJournalNames,
} from './journal-commands';

/** Unit first; the identifier when the unit has nothing; files when there is no journal. */
export async function detectKubeletLogSource(
  session: Pick<NodeSession, 'run'>,
  names?: KubeletJournalNames,
): Promise<LogSourceKind> {
  const unit = await session.run(kubeletJournalProbeCommand('unit', names));
  if (unit.code === 0 && hasEntry(unit.stdout)) return 'journal-unit';
  if (names && names.identifiers.length === 0) return 'journal-unit';
  const identifier = await session.run(kubeletJournalProbeCommand('identifier', names));
  if (identifier.code === 0 && hasEntry(identifier.stdout)) return 'journal-identifier';
  const noJournal = unit.code === 127 || /not found|No journal files/i.test(unit.stderr);
  return noJournal ? 'log-files' : 'journal-unit';
}

/** The journal match for a source: the identifier only where the unit has nothing. */
export function journalMatchOf(source: LogSourceKind): KubeletJournalMatch {
  return source === 'journal-identifier' ? 'identifier' : 'unit';
}

function hasEntry(stdout: Buffer): boolean {
  return stdout
    .toString('utf8')
    .split('\n')
    .some((l) => parseFollowedEntry(l) !== null);
}
