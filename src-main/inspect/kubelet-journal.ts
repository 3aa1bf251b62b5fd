/**
 * The kubelet's recent journal lines, as the findings quote them: `journalctl -o json` records
 * (docs/kubelet.md §5.2) whose MESSAGE is a klog line (§5.3). Severity comes from the klog letter,
 * never from journald's PRIORITY (always 6 for the kubelet, §5.1).
 */
import type { KlogRecord } from '../contract/domain/logs';
import type { KubeletLogWindow } from '../contract/domain/node-setup';
import { parseJournalJsonLine } from '../node/journal/journal-json';
import { parseKlogLine } from '../node/journal/klog-line';

export function readKubeletJournal(text: string): KlogRecord[] {
  const records: KlogRecord[] = [];
  for (const line of text.split('\n')) {
    const entry = parseJournalJsonLine(line);
    if (!entry?.message) continue;
    records.push(parseKlogLine(entry.message));
  }
  return records;
}

/** A string value of a klog key (`path="…"`), or null. */
export function klogValue(record: KlogRecord, key: string): string | null {
  const kv = record.keyValues.find((k) => k.key === key);
  if (!kv) return null;
  if (kv.type === 'string' || kv.type === 'multiline' || kv.type === 'json') return kv.value;
  if (kv.type === 'number' || kv.type === 'bool') return String(kv.value);
  return kv.value.join(' ');
}

/** The kubelet's messages about a manifest file it could not use (§1.3, §1.2, §5.4). */
const FILE_ERRORS = [
  'Could not process manifest file',
  'Unable to process watch event',
  "can't process config file",
  'Could not get metadata',
];

/** The newest kubelet error line naming `filePath` (structured `path=` or inside `err=`/text). */
export function kubeletErrorFor(records: KlogRecord[], filePath: string): KlogRecord | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r || r.severity !== 'E') continue;
    if (!FILE_ERRORS.some((m) => r.message.includes(m) || r.raw.includes(m))) continue;
    if (
      klogValue(r, 'path') === filePath ||
      (r.err ?? '').includes(filePath) ||
      r.message.includes(`"${filePath}"`)
    )
      return r;
  }
  return null;
}

/** The newest lines whose message contains `text` (and, when given, name pod `ns/name`). */
export function kubeletLines(records: KlogRecord[], text: string, pod?: string, max = 2): KlogRecord[] {
  const found: KlogRecord[] = [];
  for (let i = records.length - 1; i >= 0 && found.length < max; i--) {
    const r = records[i];
    if (!r || !(r.message.includes(text) || r.raw.includes(text))) continue;
    if (pod && r.pod !== pod && !r.raw.includes(pod)) continue;
    found.push(r);
  }
  return found.reverse();
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * The evidence for "the kubelet said nothing about X": what was read and how far back it
 * reaches — or, when the log could not be read, that nothing can be said. Never a plain "no
 * error" resting on a log that was not read.
 */
export function silenceEvidence(window: KubeletLogWindow | undefined, about: string): string {
  if (!window) return `No kubelet error about ${about} in its last journal lines.`;
  if (!window.readable)
    return `Whether the kubelet reported an error about ${about} is unknown: its log could not be read (${window.reason ?? 'no reason given'}).`;
  const since = window.oldestMs !== null ? ` since ${clock(window.oldestMs)} UTC` : '';
  if (!window.complete)
    return `No kubelet error about ${about} in the part of its log read (${window.source}${since}; a size bound cut the ${window.windowSeconds} s window short).`;
  return `No kubelet error about ${about} in its log (${window.source}) over the last ${window.windowSeconds} s, which spans its re-list of the directory.`;
}

/** True when the log was read over its whole window: only then does silence mean something. */
export function logCovers(window: KubeletLogWindow | undefined): boolean {
  return window === undefined || (window.readable && window.complete);
}
