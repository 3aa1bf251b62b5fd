/**
 * The kubelet's journal lines about the watched pod (issue 5 point 5), read incrementally:
 * `journalctl -u kubelet -o json` from a relative `--since` at first, then `--after-cursor`
 * with the last delivered `__CURSOR` (docs/security.md "Logs": the cursor is exclusive). A line is
 * about the pod when its `pod=` / `pods=` names it, its `podUID=` is one of its UIDs, or its
 * `path=` / error names the manifest file (docs/kubelet.md §0, §1.3, §5.4).
 */
import type { ApplyWatchLogLine } from '../contract/domain/manifest-watch';
import type { JournalRecord, KlogRecord } from '../contract/domain/logs';
import { parseJournalJsonLine } from '../node/journal/journal-json';
import { parseKlogLine } from '../node/journal/klog-line';
import { kubeletJournalCommand, type KubeletJournalMatch } from '../node/journal/journal-commands';
import type { NodeCommand } from '../node/session/node-command';

/**
 * The kubelet's journal (node/journal/journal-commands.ts) after a cursor or over the last
 * seconds, with the match of the node's log source (node/journal/kubelet-log-source.ts).
 */
export function applyWatchJournalCommand(
  match: KubeletJournalMatch,
  from: { afterCursor: string } | { sinceSeconds: number },
): NodeCommand {
  const command = kubeletJournalCommand({
    match,
    follow: false,
    ...('afterCursor' in from
      ? { afterCursor: from.afterCursor }
      : { since: `-${Math.max(1, Math.ceil(from.sinceSeconds))}s` }),
  });
  return { ...command, timeoutMs: 15_000 };
}

export interface JournalBatch {
  records: JournalRecord[];
  /** The cursor of the last record, to resume after. */
  cursor: string | null;
}

export function parseJournalOutput(stdout: string): JournalBatch {
  const records: JournalRecord[] = [];
  let cursor: string | null = null;
  for (const line of stdout.split('\n')) {
    const record = parseJournalJsonLine(line);
    if (!record) continue;
    records.push(record);
    if (record.cursor) cursor = record.cursor;
  }
  return { records, cursor };
}

export interface PodMatch {
  /** `namespace/name` as klog's KObj prints it. */
  podRef: string;
  uids: ReadonlySet<string>;
  manifestPath: string;
}

/** The kubelet's words for "this file could not be used" (§1.3, §1.2, §5.4). */
const REJECTION_MESSAGES = new Set(['Could not process manifest file', 'Unable to process watch event']);

export interface MatchedLine {
  line: ApplyWatchLogLine;
  klog: KlogRecord;
  /** The kubelet refused the manifest file (its parse or validation error). */
  rejection: boolean;
}

export function matchPodLines(records: JournalRecord[], match: PodMatch): MatchedLine[] {
  const out: MatchedLine[] = [];
  for (const record of records) {
    if (record.message === null) continue;
    const klog = parseKlogLine(record.message);
    if (!isAbout(klog, record.message, match)) continue;
    out.push({
      line: {
        realtimeUs: record.realtimeUs,
        severity: klog.severity,
        message: klog.message || record.message,
        raw: record.message,
      },
      klog,
      rejection: REJECTION_MESSAGES.has(klog.message) || /can't process config file/.test(klog.message),
    });
  }
  return out;
}

function isAbout(klog: KlogRecord, raw: string, match: PodMatch): boolean {
  if (klog.pod === match.podRef) return true;
  if (klog.pods?.includes(match.podRef)) return true;
  if (klog.podUID && match.uids.has(klog.podUID)) return true;
  if (
    klog.keyValues.some((kv) => kv.key === 'path' && kv.type === 'string' && kv.value === match.manifestPath)
  )
    return true;
  if (klog.err?.includes(match.manifestPath)) return true;
  // Unstructured lines (older kubelets, unmigrated messages) name the pod or the file in the text.
  return klog.format === 'klog-text' && (raw.includes(match.manifestPath) || raw.includes(match.podRef));
}

/** The kubelet's error text for a rejected file: `err=` of the line, else the line itself. */
export function rejectionText(matched: MatchedLine): string {
  return matched.klog.err ?? matched.klog.message;
}
