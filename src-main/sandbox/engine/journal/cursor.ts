/**
 * journald cursors: opaque to readers, but with the real shape
 * `s=<32hex seqnum id>;i=<hex seq>;b=<32hex boot id>;m=<hex monotonic µs>;t=<hex realtime µs>;x=<16hex>`
 * (docs/kubelet.md §5.2, §9.6). Readers must only compare them for equality / pass them back.
 */
export interface CursorFields {
  seqnumId: string;
  seq: bigint;
  bootId: string;
  monotonicUs: bigint;
  realtimeUs: bigint;
  xor: string;
}

export function formatCursor(f: CursorFields): string {
  return `s=${f.seqnumId};i=${f.seq.toString(16)};b=${f.bootId};m=${f.monotonicUs.toString(16)};t=${f.realtimeUs.toString(16)};x=${f.xor}`;
}

export function parseCursor(cursor: string): CursorFields | undefined {
  const m =
    /^s=([0-9a-f]{32});i=([0-9a-f]+);b=([0-9a-f]{32});m=([0-9a-f]+);t=([0-9a-f]+);x=([0-9a-f]{16})$/.exec(
      cursor,
    );
  if (!m) return undefined;
  return {
    seqnumId: m[1],
    seq: BigInt('0x' + m[2]),
    bootId: m[3],
    monotonicUs: BigInt('0x' + m[4]),
    realtimeUs: BigInt('0x' + m[5]),
    xor: m[6],
  };
}
