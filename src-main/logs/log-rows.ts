/**
 * Rows of a view for the viewer, the CLI and export: parsed lazily, only for the rows asked
 * for (the store keeps raw text; docs/kubelet.md §5.3 parsing by node/journal/klog-line.ts).
 */
import type { LogLevelCounts, LogRow, LogRowKeyValue } from '../contract/domain/logs';
import type { KlogKeyValue } from '../contract/domain/logs';
import { parseKlogLine } from '../node/journal/klog-line';
import type { LogStore } from './log-store';
import { Sev } from './log-store';
import type { LogView } from './log-view';
import { severityLetter } from './severity-sniff';

function valueText(kv: KlogKeyValue): string {
  switch (kv.type) {
    case 'list':
      return `[${kv.value.join(' ')}]`;
    case 'number':
    case 'bool':
      return String(kv.value);
    default:
      return kv.value;
  }
}

function isoTime(ms: number): string {
  return ms > 0 ? new Date(ms).toISOString().slice(11, 23) : '';
}

export function rowAt(store: LogStore, view: LogView, index: number): LogRow | null {
  const seq = view.seqAt(index);
  if (seq < 0) return null;
  const raw = store.text(seq);
  const timeMs = store.timeMs(seq);
  if (store.isGap(seq)) {
    return {
      index,
      seq,
      kind: 'gap',
      timeMs,
      severity: 'unknown',
      time: isoTime(timeMs),
      file: '',
      line: 0,
      message: raw,
      keyValues: [],
      raw,
    };
  }
  const record = parseKlogLine(raw);
  const keyValues: LogRowKeyValue[] = record.keyValues.map((kv) => ({ key: kv.key, value: valueText(kv) }));
  const stored = store.severity(seq);
  return {
    index,
    seq,
    kind: 'line',
    timeMs,
    severity: stored === Sev.Unknown ? record.severity : severityLetter(stored),
    time: record.time || isoTime(timeMs),
    file: record.file,
    line: record.line,
    message: record.format === 'unparsed' ? raw : record.message,
    keyValues,
    raw,
    ...(view.filter?.foldRepeats ? { repeats: view.repeatsAt(index) } : {}),
  };
}

/** Lines per severity of a view, for the filter bar's counts. */
export function levelCounts(view: LogView): LogLevelCounts {
  const c = view.counts();
  return { unknown: c[Sev.Unknown]!, I: c[Sev.I]!, W: c[Sev.W]!, E: c[Sev.E]!, F: c[Sev.F]! };
}

export function rowsOf(store: LogStore, view: LogView, start: number, count: number): LogRow[] {
  const rows: LogRow[] = [];
  const end = Math.min(view.length, start + count);
  for (let i = start; i < end; i++) {
    const row = rowAt(store, view, i);
    if (row) rows.push(row);
  }
  return rows;
}

/** The next row at or above `severity` strictly after (direction 1) or before (-1) `from`. */
export function findSeverity(
  store: LogStore,
  view: LogView,
  from: number,
  direction: 1 | -1,
  severity: 'W' | 'E',
): number | null {
  const min = severity === 'E' ? Sev.E : Sev.W;
  const length = view.length;
  const start = Math.max(-1, Math.min(from, length));
  for (let i = start + direction; i >= 0 && i < length; i += direction) {
    const seq = view.seqAt(i);
    if (!store.isGap(seq) && store.severity(seq) >= min) return i;
  }
  return null;
}

/** Raw lines of a range, one per line; gap markers as `# ` comments so a reader sees them. */
export function exportText(
  store: LogStore,
  view: LogView,
  start: number,
  count: number,
): { text: string; rows: number } {
  const parts: string[] = [];
  const end = Math.min(view.length, start + count);
  for (let i = start; i < end; i++) {
    const seq = view.seqAt(i);
    parts.push(store.isGap(seq) ? `# ${store.text(seq)}` : store.text(seq));
  }
  return { text: parts.length > 0 ? parts.join('\n') + '\n' : '', rows: parts.length };
}
