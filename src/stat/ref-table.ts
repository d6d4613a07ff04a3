/**
 * A merged hash report read through entry references: a reference names a partition (high bits)
 * and an entry in it (low bits). Gives the key words and counters (low and carried high parts) the
 * dumpers print; the partitions stay in shared memory, so printing threads can read them too.
 */
import { positionsOf, type PartDesc } from './part-store.ts';
import type { Positions } from './rank.ts';

/** Low bits of a reference that number the entry within its partition. */
export function localBitsFor(partBits: number): number {
  return Math.min(31, 32 - partBits);
}

export class RefTable {
  /** distinct keys */
  readonly n: number;
  /** words per entry: key words, then the four counters */
  readonly stride: number;
  readonly localBits: number;
  readonly localMask: number;
  /** 2^localBits: reference of entry e of partition p is p * refScale + e */
  readonly refScale: number;
  readonly ents: Uint32Array[];
  readonly his: Array<Float64Array | null>;
  /** per partition with high parts, a bit per entry whose high parts are not all zero */
  readonly carried: Array<Int32Array | null>;
  readonly pos: Positions[];
  readonly counts: number[];

  constructor(readonly w: number, readonly partBits: number, readonly parts: PartDesc[]) {
    this.stride = w + 4;
    this.localBits = localBitsFor(partBits);
    this.localMask = this.localBits === 31 ? 0x7fffffff : (1 << this.localBits) - 1;
    this.refScale = 2 ** this.localBits;
    this.ents = parts.map((d) => new Uint32Array(d.ent));
    this.his = parts.map((d) => (d.hi ? new Float64Array(d.hi) : null));
    this.carried = parts.map((d, p) => {
      const h = this.his[p];
      if (!h) return null;
      return d.carried ? new Int32Array(d.carried) : carriedBits(h, d.n);
    });
    this.pos = parts.map(positionsOf);
    this.counts = parts.map((d) => d.n);
    this.n = this.counts.reduce((a, b) => a + b, 0);
  }

  /** Partition of a reference. */
  part(r: number): number {
    return this.localBits === 31 ? r >>> 31 : r >>> this.localBits;
  }

  /** Key word k of entry r. */
  key(r: number, k: number): number {
    return this.ents[this.part(r)]![(r & this.localMask) * this.stride + k]!;
  }

  /** Counter c (0 flows, 1 octets, 2 packets, 3 duration) of entry r, low 32 bits. */
  lo(r: number, c: number): number {
    return this.ents[this.part(r)]![(r & this.localMask) * this.stride + this.w + c]!;
  }

  /**
   * Load the first word of the entries of rows[from, to), one load each and nothing else: rows in
   * print order read the table at random, and loads with no work between them wait for memory
   * together. Returns the words xor-ed (callers keep it, so the loads are not optimised away).
   */
  touch(rows: Uint32Array, from: number, to: number): number {
    const ents = this.ents, mask = this.localMask, stride = this.stride;
    let x = 0;
    for (let j = from; j < to; j++) { const r = rows[j]!; x ^= ents[this.part(r)]![(r & mask) * stride]!; }
    return x;
  }

  /**
   * The high parts of partition p when its entry x carries past 2^32 (four per entry), else null:
   * the entry's bit is read, not its high parts (most entries have none, and rows read them at random).
   */
  carriedHighs(p: number, x: number): Float64Array | null {
    const cb = this.carried[p]!;
    return cb !== null && (cb[x >>> 5]! & (1 << (x & 31))) !== 0 ? this.his[p]! : null;
  }

  /** Counter c of entry r, high part (units of 2^32). */
  high(r: number, c: number): number {
    const h = this.his[this.part(r)];
    return h ? h[(r & this.localMask) * 4 + c]! : 0;
  }
}

/** The bitmap of the entries (n) whose high parts in h are not all zero. */
function carriedBits(h: Float64Array, n: number): Int32Array {
  const bits = new Int32Array(Math.max(1, (n + 31) >>> 5));
  for (let e = 0; e < n; e++) {
    if (h[e * 4] !== 0 || h[e * 4 + 1] !== 0 || h[e * 4 + 2] !== 0 || h[e * 4 + 3] !== 0) bits[e >>> 5]! |= 1 << (e & 31);
  }
  return bits;
}
