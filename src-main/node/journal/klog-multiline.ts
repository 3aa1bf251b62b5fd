/**
 * Re-joins kubelet records that journald split into one entry per line (docs/kubelet.md
 * §5.1: "each newline-separated line of a multi-line message becomes its own journal
 * entry"). Two cases:
 * - structured multi-line values, `key=<` then tab-indented lines then ` >` (§5.3);
 * - free continuation lines (stack traces, wrapped messages): a line that does not start a
 *   new klog/JSON record belongs to the previous klog record when it comes from the same
 *   process (same host/identifier/pid prefix) or carries no prefix at all. A logrus line
 *   (`time="…" level=…`) starts a record of its own: k3s writes them in the same process as its
 *   embedded kubelet (k3s-own-lines.ts).
 *
 * Input lines may carry a journald/syslog prefix or be bare MESSAGE values. Output texts
 * are the first line as given plus the continuation bodies joined by `\n`, ready for
 * parseKlogLine. A record is emitted when the next record starts (or on flush), so a live
 * follower should call flush() after a quiet period.
 */
import { readKlogHeader } from './klog-header';
import { isLogrusLine } from './k3s-own-lines';
import { prefixEnd, readPrefix } from './log-prefix';

export class KlogMultiLineJoiner {
  private pending: string | null = null;
  private pendingIsKlog = false;
  private identity: string | null = null;
  private openBlock = false;

  /** Feed one line; returns the records it completed (usually zero or one). */
  push(line: string): string[] {
    const prefix = readKlogHeader(line, 0) ? null : readPrefix(line);
    const at = prefix === null ? 0 : prefixEnd.at;
    const identity =
      prefix === null ? null : `${prefix.host ?? ''}|${prefix.identifier ?? ''}|${prefix.pid ?? ''}`;
    const body = at === 0 ? line : line.slice(at);
    const sameSource = identity === null || identity === this.identity;

    if (this.pending !== null && this.openBlock && sameSource) {
      this.pending += '\n' + body;
      if (body.startsWith(' >')) this.openBlock = body.endsWith('=<');
      return [];
    }
    const isKlog = prefix === null ? at === 0 && readKlogHeader(line, 0) : readKlogHeader(line, at);
    const startsRecord = isKlog || body.charCodeAt(0) === 0x7b || isLogrusLine(body);
    if (!startsRecord && this.pending !== null && this.pendingIsKlog && sameSource) {
      this.pending += '\n' + body;
      this.openBlock = body.endsWith('=<');
      return [];
    }
    const done = this.flush();
    this.pending = line;
    this.pendingIsKlog = isKlog;
    this.identity = identity;
    this.openBlock = isKlog && line.endsWith('=<');
    return done;
  }

  /** Emit the record still being collected. */
  flush(): string[] {
    if (this.pending === null) return [];
    const out = [this.pending];
    this.pending = null;
    this.pendingIsKlog = false;
    this.identity = null;
    this.openBlock = false;
    return out;
  }
}

/** Join a whole text's lines (convenience for tests and one-shot reads). */
export function joinKlogLines(lines: Iterable<string>): string[] {
  const j = new KlogMultiLineJoiner();
  const out: string[] = [];
  for (const l of lines) out.push(...j.push(l));
  out.push(...j.flush());
  return out;
}

/** A new joiner (the factory form, for callers that keep one per followed stream). */
export function klogMultiLineJoiner(): KlogMultiLineJoiner {
  return new KlogMultiLineJoiner();
}
