/**
 * Reads the frames of FILE_FOLLOW_SCRIPT (file-follow-command.ts) from a byte stream that
 * arrives in arbitrary chunks, and turns them into complete lines with the checkpoint after
 * each: the (inode, offset) where the last complete line ends, which is where a resume must
 * start so that nothing is repeated or lost. Bounded: a header longer than MAX_HEADER bytes, a
 * data frame longer than the script's chunk, or a line longer than MAX_LINE bytes (cut, marked)
 * cannot grow memory without limit.
 */
import { CHUNK_BYTES, type FileCheckpoint } from './file-follow-command';

const MAX_HEADER = 4096;
export const MAX_LINE = 256 * 1024;

export type FileFollowEvent =
  | { kind: 'lines'; lines: string[]; checkpoint: FileCheckpoint }
  | { kind: 'gap'; reason: 'gone' | 'truncated'; detail: string }
  | { kind: 'rotated'; from: 'live' | 'away'; detail: string }
  | { kind: 'protocol-error'; detail: string };

export class FileFollowFrames {
  private buffer: Buffer = Buffer.alloc(0);
  private dataLeft = 0;
  private inode = '';
  private fingerprint: { value: string; bytes: number } | null = null;
  /** Offset of the next byte of the current file. */
  private offset = 0;
  /** Bytes of a line not yet ended. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** Drop bytes up to the first newline (a fresh start in the middle of the file). */
  private skipToNewline = false;
  private broken = false;

  constructor(private readonly emit: (event: FileFollowEvent) => void) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length > 0 && !this.broken) {
      if (this.dataLeft > 0) {
        const take = Math.min(this.dataLeft, this.buffer.length);
        this.data(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.dataLeft -= take;
        continue;
      }
      const nl = this.buffer.indexOf(0x0a);
      if (nl < 0) {
        if (this.buffer.length > MAX_HEADER) this.fail('a frame header is too long');
        return;
      }
      const header = this.buffer.subarray(0, nl).toString('utf8');
      this.buffer = this.buffer.subarray(nl + 1);
      this.header(header);
    }
  }

  private header(line: string): void {
    const parts = line.split(' ');
    if (parts[0] !== '@@ksf') return this.fail(`unexpected output: ${line.slice(0, 200)}`);
    switch (parts[1]) {
      case 'start':
        this.resetFile(parts[2] ?? '', Number(parts[3] ?? 0));
        this.skipToNewline = this.offset > 0;
        return;
      case 'file':
        if (parts[2] === this.inode || this.inode === '') {
          this.inode = parts[2] ?? '';
          this.fingerprint = { bytes: Number(parts[3] ?? 0), value: parts[4] ?? '' };
        }
        return;
      case 'data': {
        const [inode, offset, length] = [parts[2] ?? '', Number(parts[3]), Number(parts[4])];
        if (
          !Number.isSafeInteger(offset) ||
          !Number.isSafeInteger(length) ||
          length < 0 ||
          length > CHUNK_BYTES
        )
          return this.fail(`bad data frame: ${line}`);
        if (inode !== this.inode) {
          // A resume at a checkpoint: the first data frame names the file and offset.
          this.flushPartial();
          this.inode = inode;
          this.fingerprint = null;
        }
        this.offset = offset;
        this.dataLeft = length;
        return;
      }
      case 'rotated':
        this.flushPartial();
        this.emit({
          kind: 'rotated',
          from: 'live',
          detail: `the log file was rotated (inode ${parts[2] ?? '?'} finished)`,
        });
        this.resetFile('', 0);
        return;
      case 'rotated-away': {
        const name = Buffer.from(parts[2] ?? '', 'base64').toString('utf8');
        this.emit({
          kind: 'rotated',
          from: 'away',
          detail: `rotated while disconnected; finishing ${name} first`,
        });
        return;
      }
      case 'gap':
        this.flushPartial();
        this.resetFile('', 0);
        this.emit({
          kind: 'gap',
          reason: parts[2] === 'truncated' ? 'truncated' : 'gone',
          detail:
            parts[2] === 'truncated'
              ? 'the log file was truncated in place: lines written before the truncation and not yet read are lost'
              : 'the log file was rotated and its old copy removed or compressed while disconnected: lines written meanwhile may be missing',
        });
        return;
      default:
        return this.fail(`unknown frame: ${line.slice(0, 200)}`);
    }
  }

  private resetFile(inode: string, offset: number): void {
    this.fingerprint = null;
    this.partial = [];
    this.partialBytes = 0;
    this.inode = inode;
    this.offset = offset;
    this.skipToNewline = false;
  }

  private data(bytes: Buffer): void {
    let chunk = bytes;
    let base = this.offset;
    this.offset += bytes.length;
    if (this.skipToNewline) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) return;
      this.skipToNewline = false;
      chunk = chunk.subarray(nl + 1);
      base += nl + 1;
    }
    const lines: string[] = [];
    let start = 0;
    let lastEnd = -1;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      const whole = this.partialBytes > 0 ? Buffer.concat([...this.partial, piece]) : piece;
      lines.push(whole.toString('utf8').replace(/\r$/, ''));
      this.partial = [];
      this.partialBytes = 0;
      start = nl + 1;
      lastEnd = base + nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0) {
      if (this.partialBytes + rest.length > MAX_LINE) {
        // A runaway line: deliver what fits, marked, and continue after it.
        const whole = Buffer.concat([...this.partial, rest]).subarray(0, MAX_LINE);
        lines.push(`${whole.toString('utf8')} [line cut at ${MAX_LINE} bytes]`);
        this.partial = [];
        this.partialBytes = 0;
        this.skipToNewline = true;
        lastEnd = base + chunk.length;
      } else {
        this.partial.push(Buffer.from(rest));
        this.partialBytes += rest.length;
      }
    }
    if (lines.length > 0) this.emit({ kind: 'lines', lines, checkpoint: this.checkpointAt(lastEnd) });
  }

  /** A line the writer never ended (the file rotated after it): delivered as it is. */
  private flushPartial(): void {
    if (this.partialBytes === 0) return;
    const text = Buffer.concat(this.partial).toString('utf8');
    this.partial = [];
    this.partialBytes = 0;
    this.emit({ kind: 'lines', lines: [text], checkpoint: this.checkpointAt(this.offset) });
  }

  private checkpointAt(offset: number): FileCheckpoint {
    return this.fingerprint
      ? {
          inode: this.inode,
          offset,
          fingerprint: this.fingerprint.value,
          fingerprintBytes: this.fingerprint.bytes,
        }
      : { inode: this.inode, offset };
  }

  private fail(detail: string): void {
    this.broken = true;
    this.emit({ kind: 'protocol-error', detail });
  }
}
