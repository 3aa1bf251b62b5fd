/**
 * The journal file read as bytes, a chunk at a time, never as one string: a 1,000,000-entry
 * kubelet journal is ~0.7 GB of JSON lines (docs/kubelet.md §5.2), past V8's 512 MB string limit
 * (issue 7). Lines are split on the 0x0A byte, which never occurs inside a multi-byte UTF-8
 * sequence, so a character cut by a chunk boundary is whole again in its line; each line is
 * decoded on its own. Only complete lines are yielded: an unterminated last line is still
 * being written (journal.ts appends whole lines) and is read once its newline arrives.
 */
import type { FileHandle } from 'node:fs/promises';

/** One complete line: its bytes without the newline, and where it sits in the file. */
export interface RawLine {
  bytes: Buffer;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after its newline. */
  end: number;
}

/** Forward reads; large enough to amortise the syscalls, small enough to keep memory flat. */
export const CHUNK_BYTES = 1 << 20;
const NL = 0x0a;

/** Splits a byte stream into complete lines, keeping the unterminated rest for the next chunk. */
export class ByteLineSplitter {
  private rest: Buffer = Buffer.alloc(0);
  private restStart: number;

  /** `offset`: the file offset of the first byte that will be pushed. */
  constructor(offset = 0) {
    this.restStart = offset;
  }

  /** File offset just after the last complete line handed out. */
  get consumed(): number {
    return this.restStart;
  }

  push(chunk: Buffer): RawLine[] {
    const lines: RawLine[] = [];
    let buf = chunk;
    let base = this.restStart;
    let pos = 0;
    let nl = buf.indexOf(NL);
    if (this.rest.length > 0) {
      if (nl < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return lines;
      }
      // Only the line that straddles the boundary is copied; the others are views of the chunk.
      const head = Buffer.concat([this.rest, chunk.subarray(0, nl)]);
      lines.push({ bytes: head, start: base, end: base + head.length + 1 });
      base += head.length + 1;
      buf = chunk.subarray(nl + 1);
      this.rest = Buffer.alloc(0);
      nl = buf.indexOf(NL);
    }
    while (nl >= 0) {
      lines.push({ bytes: buf.subarray(pos, nl), start: base + pos, end: base + nl + 1 });
      pos = nl + 1;
      nl = buf.indexOf(NL, pos);
    }
    // Copy the tail: a view would pin the whole chunk until the next newline arrives.
    this.rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
    this.restStart = base + pos;
    return lines;
  }

  /** A replaced file starts afresh at `offset`. */
  reset(offset = 0): void {
    this.rest = Buffer.alloc(0);
    this.restStart = offset;
  }
}

async function readAt(fh: FileHandle, start: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, start + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** The complete lines in [start, end), a batch per chunk, oldest first. */
export async function* readLinesForward(
  fh: FileHandle,
  start: number,
  end: number,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<RawLine[]> {
  const splitter = new ByteLineSplitter(start);
  for (let pos = start; pos < end;) {
    const chunk = await readAt(fh, pos, Math.min(chunkBytes, end - pos));
    if (chunk.length === 0) return; // the file shrank under us (a vacuum replaces it by rename)
    pos += chunk.length;
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
}

/**
 * The complete lines in [start, end), a batch per chunk, newest first — how `-n N` finds its
 * first entry without reading the whole journal: journald seeks to the tail, so should we.
 * `end` must be a line boundary (see completeEnd).
 */
export async function* readLinesBackward(
  fh: FileHandle,
  start: number,
  end: number,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<RawLine[]> {
  // `head` holds the bytes from `pos` up to the first newline seen so far: a line cut by the
  // chunk boundary, completed by the next (earlier) chunk.
  let head: Buffer = Buffer.alloc(0);
  let pos = end;
  while (pos > start) {
    const from = Math.max(start, pos - chunkBytes);
    const chunk = await readAt(fh, from, pos - from);
    if (chunk.length < pos - from) return; // shrank: replaced by a vacuum
    const buf = head.length > 0 ? Buffer.concat([chunk, head]) : chunk;
    pos = from;
    const lines: RawLine[] = [];
    // buf spans [from, from + buf.length); its last byte is a newline (or buf ends at `end`).
    let lineEnd = buf.length;
    // lastIndexOf with a negative offset counts from the end: never pass one.
    let nl = lineEnd >= 2 ? buf.lastIndexOf(NL, lineEnd - 2) : -1;
    while (nl >= 0) {
      lines.push({ bytes: buf.subarray(nl + 1, lineEnd - 1), start: from + nl + 1, end: from + lineEnd });
      lineEnd = nl + 1;
      nl = lineEnd >= 2 ? buf.lastIndexOf(NL, lineEnd - 2) : -1;
    }
    if (pos === start) {
      if (lineEnd > 0) lines.push({ bytes: buf.subarray(0, lineEnd - 1), start: from, end: from + lineEnd });
      head = Buffer.alloc(0);
    } else head = Buffer.from(buf.subarray(0, lineEnd));
    if (lines.length > 0) yield lines;
  }
}

/** The offset just after the last newline before `size`: the end of the complete lines. */
export async function completeEnd(fh: FileHandle, size: number, chunkBytes = 64 * 1024): Promise<number> {
  for (let pos = size; pos > 0;) {
    const from = Math.max(0, pos - chunkBytes);
    const chunk = await readAt(fh, from, pos - from);
    const nl = chunk.lastIndexOf(NL);
    if (nl >= 0) return from + nl + 1;
    pos = from;
  }
  return 0;
}
