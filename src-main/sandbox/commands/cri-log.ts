/**
 * The CRI container log format the kubelet reads and crictl prints (docs/kubelet.md §3.1):
 * `<RFC3339Nano timestamp> <stdout|stderr> <P|F> <content>`, one entry per line; `P` marks a
 * partial line continued by the next entry, `F` a full one.
 */
import { StringDecoder } from 'node:string_decoder';

export interface CriLogEntry {
  timestamp: string;
  /** Milliseconds since the epoch, for --since. */
  timeMs: number;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  content: string;
}

export function parseCriLogLine(line: string): CriLogEntry | null {
  const m = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/.exec(line);
  if (!m) return null;
  const timeMs = Date.parse(m[1]);
  if (Number.isNaN(timeMs)) return null;
  return {
    timestamp: m[1],
    timeMs,
    stream: m[2] as 'stdout' | 'stderr',
    partial: m[3] === 'P',
    content: m[4],
  };
}

/** Go's RFC3339Nano re-formatting of a parsed timestamp: trailing zeros of the fraction dropped. */
export function goRfc3339Nano(ts: string): string {
  return ts.replace(/\.(\d+?)0*(Z|[+-]\d\d:\d\d)$/, (_m, frac: string, zone: string) =>
    /^0+$/.test(frac) ? zone : `.${frac}${zone}`,
  );
}

/** Index of the first line to print for `--tail N` (kubelet's tail counts full lines, §3.1). */
export function tailStart(entries: CriLogEntry[], tail: number): number {
  if (tail < 0) return 0;
  if (tail === 0) return entries.length;
  let full = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (!entries[i].partial) {
      full++;
      if (full > tail) return i + 1;
    }
  }
  return 0;
}

/**
 * Splits complete lines out of a byte stream, keeping the unterminated rest for later. Bytes go
 * through a UTF-8 decoder that holds back a character cut by a chunk boundary.
 */
export class LineSplitter {
  private rest = '';
  private decoder = new StringDecoder('utf8');
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }
  reset(): void {
    this.rest = '';
    this.decoder = new StringDecoder('utf8');
  }
}
