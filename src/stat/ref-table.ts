/**
 * A merged hash report read through entry references: a reference names a partition (high bits)
 * and an entry in it (low bits). Gives the key words and counters (low and carried high parts) the
 * dumpers print; the partitions stay in shared memory, so printing threads can read them too.
 */
import { positionsOf, type PartDesc } from './part-store.ts';
import { rankIn, type Positions } from './rank.ts';
import { carriedBefore } from './segment-builder.ts';

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
  /** per partition, the high parts of its entries that carry (see PartDesc.hi), or null */
  readonly his: Array<Float64Array | null>;
  /** per partition with high parts, a bit per entry that carries, and the bits before each word */
  readonly carried: Array<Int32Array | null>;
  readonly before: Array<Uint32Array | null>;
  readonly pos: Positions[];
  readonly counts: number[];

  constructor(readonly w: number, readonly partBits: number, readonly parts: PartDesc[]) {
    this.stride = w + 4;
    this.localBits = localBitsFor(partBits);
    this.localMask = this.localBits === 31 ? 0x7fffffff : (1 << this.localBits) - 1;
    this.refScale = 2 ** this.localBits;
    this.ents = parts.map((d) => new Uint32Array(d.ent));
    this.his = parts.map((d) => (d.hi ? new Float64Array(d.hi) : null));
    this.carried = parts.map((d) => {
      if (!d.hi) return null;
      if (!d.carried) throw new Error('a segment with high parts has no carried bitmap');
      return new Int32Array(d.carried);
    });
    this.before = parts.map((d, p) => {
      const c = this.carried[p]!;
      return c === null ? null : new Uint32Array(d.carriedBefore ?? carriedBefore(c));
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
   * Where the high parts of partition p's entry x start in his[p] (four of them) when the entry
   * carries past 2^32, else -1: the entry's bit is read (most entries have none, and rows read
   * them at random).
   */
  highsAt(p: number, x: number): number {
    const cb = this.carried[p]!;
    if (cb === null || (cb[x >>> 5]! & (1 << (x & 31))) === 0) return -1;
    return rankIn(cb, this.before[p]!, x) * 4;
  }

  /** Counter c of entry r, high part (units of 2^32). */
  high(r: number, c: number): number {
    const p = this.part(r), o = this.highsAt(p, r & this.localMask);
    return o < 0 ? 0 : this.his[p]![o + c]!;
  }
}
