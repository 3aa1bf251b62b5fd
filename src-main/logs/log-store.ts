/**
 * The log of one follow session, held in the main process (issue 7 point 3): a ring of at most
 * `capacity` rows. Text is stored as UTF-8 in big chunks (1 MiB) with a compact per-row index
 * (chunk, offset, length, severity, flags, journal time: 22 bytes a row), so a million kubelet
 * lines cost little more than their raw bytes (target < 1.5×, bench/logs-store.bench.ts). In a
 * chunk each row is followed by one '\n', so a regex can scan a chunk's rows in one search and
 * no match runs from one row into the next (regex-chunk-scan.ts); a row that itself holds a
 * '\n' (a multi-line record, docs/kubelet.md §5.3) is flagged ROW_NEWLINE. Rows are
 * numbered by a session-wide `seq`; the oldest fall off the front when the ring is full, and a
 * chunk is freed once all its rows have.
 */

export const enum Sev {
  Unknown = 0,
  I = 1,
  W = 2,
  E = 3,
  F = 4,
}

export const ROW_GAP = 1;
/** The row's text contains '\n' (set by append): a chunk-wide regex scan cannot judge it. */
export const ROW_NEWLINE = 2;

const CHUNK_BYTES = 1 << 20;
const INITIAL_SLOTS = 4096;

interface Chunk {
  bytes: Buffer;
  used: number;
  /** Last seq stored in it (the chunk is freed when the ring's first seq passes it). */
  lastSeq: number;
  /** Only ASCII bytes: byte offsets equal character offsets of its latin1 decoding. */
  ascii: boolean;
}

export class LogStore {
  private slots = 0;
  private chunkNo = new Uint32Array(0);
  private offset = new Uint32Array(0);
  private length = new Uint32Array(0);
  private sev = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private time = new Float64Array(0);
  private chunks: Chunk[] = [];
  /** Chunk number of chunks[0]. */
  private chunkBase = 0;
  private first = 0;
  private end = 0;
  private rawBytes = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('LogStore capacity must be a positive integer');
    this.grow(Math.min(INITIAL_SLOTS, capacity));
  }

  /** Seq of the oldest row held. */
  get firstSeq(): number {
    return this.first;
  }

  /** One past the seq of the newest row. */
  get endSeq(): number {
    return this.end;
  }

  get size(): number {
    return this.end - this.first;
  }

  /** UTF-8 bytes of the rows held. */
  get bytes(): number {
    return this.rawBytes;
  }

  /** Appends a row; returns its seq. Evicts the oldest row when the ring is full. */
  append(text: string, timeMs: number, severity: Sev, flags = 0): number {
    if (this.size === this.slots) {
      if (this.slots < this.capacity) this.grow(Math.min(this.slots * 2, this.capacity));
      else this.evictOldest();
    }
    const len = Buffer.byteLength(text, 'utf8');
    const chunk = this.chunkFor(len + 1);
    const seq = this.end;
    const slot = seq % this.slots;
    chunk.bytes.write(text, chunk.used, len, 'utf8');
    chunk.bytes[chunk.used + len] = 0x0a; // the row separator (see the top of this file)
    if (chunk.ascii && len !== text.length) chunk.ascii = false;
    this.chunkNo[slot] = this.chunkBase + this.chunks.length - 1;
    this.offset[slot] = chunk.used;
    this.length[slot] = len;
    this.sev[slot] = severity;
    this.flags[slot] = text.includes('\n') ? flags | ROW_NEWLINE : flags;
    this.time[slot] = timeMs;
    chunk.used += len + 1;
    chunk.lastSeq = seq;
    this.rawBytes += len;
    this.end = seq + 1;
    return seq;
  }

  has(seq: number): boolean {
    return seq >= this.first && seq < this.end;
  }

  text(seq: number): string {
    const slot = this.slot(seq);
    const chunk = this.chunks[this.chunkNo[slot] - this.chunkBase];
    return chunk.bytes.toString('utf8', this.offset[slot], this.offset[slot] + this.length[slot]);
  }

  severity(seq: number): Sev {
    return this.sev[this.slot(seq)] as Sev;
  }

  timeMs(seq: number): number {
    return this.time[this.slot(seq)];
  }

  isGap(seq: number): boolean {
    return (this.flags[this.slot(seq)] & ROW_GAP) !== 0;
  }

  /** Raw access for the filter scan (log-view.ts), which walks chunks, not rows. */
  rowLocation(seq: number): {
    chunk: Buffer;
    ascii: boolean;
    chunkIndex: number;
    offset: number;
    length: number;
  } {
    const slot = this.slot(seq);
    const chunkIndex = this.chunkNo[slot] - this.chunkBase;
    const chunk = this.chunks[chunkIndex];
    return {
      chunk: chunk.bytes,
      ascii: chunk.ascii,
      chunkIndex,
      offset: this.offset[slot],
      length: this.length[slot],
    };
  }

  /** Chunk number (stable) and byte range of a row, without allocating. */
  chunkNumberOf(seq: number): number {
    return this.chunkNo[this.slot(seq)];
  }

  offsetOf(seq: number): number {
    return this.offset[this.slot(seq)];
  }

  lengthOf(seq: number): number {
    return this.length[this.slot(seq)];
  }

  flagsOf(seq: number): number {
    return this.flags[this.slot(seq)];
  }

  chunk(chunkNumber: number): { bytes: Buffer; ascii: boolean } {
    return this.chunks[chunkNumber - this.chunkBase];
  }

  /** Bytes this store holds in memory (chunks + index), for the memory benchmark. */
  footprint(): number {
    let total = this.slots * 22;
    for (const c of this.chunks) total += c.bytes.length;
    return total;
  }

  private slot(seq: number): number {
    if (seq < this.first || seq >= this.end)
      throw new RangeError(`row ${seq} is not held (held: ${this.first}..${this.end - 1})`);
    return seq % this.slots;
  }

  private evictOldest(): void {
    const seq = this.first;
    this.rawBytes -= this.length[seq % this.slots];
    this.first = seq + 1;
    while (this.chunks.length > 1 && this.chunks[0].lastSeq < this.first) {
      this.chunks.shift();
      this.chunkBase += 1;
    }
  }

  private chunkFor(len: number): Chunk {
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.used + len <= last.bytes.length) return last;
    // A chunk never holds rows of a smaller seq after a larger one, so eviction frees in order.
    const fresh: Chunk = {
      bytes: Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, len)),
      used: 0,
      lastSeq: -1,
      ascii: true,
    };
    this.chunks.push(fresh);
    return fresh;
  }

  /** Only while nothing has been evicted (first = 0), so slot = seq before and after. */
  private grow(slots: number): void {
    const copy = <T extends Uint32Array | Uint8Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.chunkNo = copy(this.chunkNo, new Uint32Array(slots));
    this.offset = copy(this.offset, new Uint32Array(slots));
    this.length = copy(this.length, new Uint32Array(slots));
    this.sev = copy(this.sev, new Uint8Array(slots));
    this.flags = copy(this.flags, new Uint8Array(slots));
    this.time = copy(this.time, new Float64Array(slots));
    this.slots = slots;
  }
}
