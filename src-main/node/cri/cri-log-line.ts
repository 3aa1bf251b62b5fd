/**
 * CRI container log files under /var/log/pods (docs/kubelet.md §3.1):
 * `2025-08-23T08:51:03.639438796Z stderr F Error: unknown flag: --this-is-very-wrong`
 * — RFC3339Nano time, stream, tag (`F` full, `P` partial: the runtime split a long line
 * and the rest follows in the next `P`/`F` line of the same stream), then the text.
 */
import type { CriLogLine } from '../../contract/domain/cri';

/** One line of a CRI log file, or null when it is not in that format. */
export function parseCriLogLine(line: string): CriLogLine | null {
  const s1 = line.indexOf(' ');
  if (s1 < 20) return null; // shortest RFC3339 time: 2006-01-02T15:04:05Z
  const s2 = line.indexOf(' ', s1 + 1);
  if (s2 < 0) return null;
  const stream = line.slice(s1 + 1, s2);
  if (stream !== 'stdout' && stream !== 'stderr') return null;
  let s3 = line.indexOf(' ', s2 + 1);
  if (s3 < 0) s3 = line.length; // an empty message has no trailing space
  // The tag may carry several `:`-separated flags; `P` marks a partial line.
  const tags = line.slice(s2 + 1, s3).split(':');
  if (tags[0] !== 'P' && tags[0] !== 'F') return null;
  const time = line.slice(0, s1);
  if (time.charCodeAt(4) !== 0x2d || time.charCodeAt(10) !== 0x54) return null; // - and T
  return {
    time,
    stream,
    partial: tags.includes('P'),
    message: s3 < line.length ? line.slice(s3 + 1) : '',
  };
}

/**
 * Joins `P` lines with the line that completes them, per stream (stdout and stderr
 * interleave). push() returns the finished lines; the time is the first fragment's.
 */
export class CriLogAssembler {
  private readonly pending = new Map<'stdout' | 'stderr', CriLogLine>();

  push(entry: CriLogLine): CriLogLine | null {
    const open = this.pending.get(entry.stream);
    const merged: CriLogLine = open
      ? { ...open, message: open.message + entry.message, partial: entry.partial }
      : entry;
    if (merged.partial) {
      this.pending.set(entry.stream, merged);
      return null;
    }
    this.pending.delete(entry.stream);
    return merged;
  }

  /** Lines still waiting for their end (e.g. the container died mid-line), marked partial. */
  flush(): CriLogLine[] {
    const rest = [...this.pending.values()];
    this.pending.clear();
    return rest;
  }
}

/** Parse a whole CRI log text, joining partial lines; unparseable lines are skipped. */
export function parseCriLog(text: string): CriLogLine[] {
  const asm = new CriLogAssembler();
  const out: CriLogLine[] = [];
  for (const line of text.split('\n')) {
    const parsed = line === '' ? null : parseCriLogLine(line);
    const done = parsed ? asm.push(parsed) : null;
    if (done) out.push(done);
  }
  return out.concat(asm.flush());
}
