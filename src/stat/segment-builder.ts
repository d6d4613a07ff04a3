/**
 * A merge job's output: one segment of the merged table, written partition by partition straight
 * into its own shared memory (entries of key words and four counters' low 32 bits, positions,
 * and, for the few entries whose counters passed 2^32, their high parts).
 */
import type { PartDesc } from './part-store.ts';
import { bitsBefore, type Positions } from './rank.ts';

/** Segment room beyond the estimate of distinct keys (the estimate comes from the keys seen so far) */
const ROOM_SLACK = 1.08;

/** A segment written partition by partition straight into its own shared memory. */
export class SegmentBuilder {
  n = 0;
  /** the largest position written (-1: none) */
  most = -1;
  ent: Uint32Array;
  pos: Positions;
  /** the high parts of the entries that carry (four each, in entry order), `carriedN` of them */
  hi: Float64Array | null = null;
  carriedN = 0;
  private lastCarried = -1;
  /** with hi: a bit per entry whose high parts are not all zero */
  carried: Int32Array | null = null;
  /** bit c: some entry's counter c has a high part that is not zero */
  hiMask = 0;
  /** entries the memory holds */
  private cap = 0;
  /**
   * @param room entries the segment may take at most: every entry of the job's partials. Keys that
   * several partials hold take fewer, so memory is taken as the distinct keys so far predict.
   */
  constructor(readonly stride: number, private readonly room: number, private readonly wide: boolean) {
    this.ent = new Uint32Array(0);
    this.pos = wide ? new Float64Array(0) : new Uint32Array(0);
  }

  /** Bytes per entry, for the memory cap (an entry that carries takes 32 more, see addHighs). */
  entryBytes(): number {
    return this.stride * 4 + (this.wide ? 8 : 4);
  }

  /**
   * Room for `more` entries after the n written. Memory that malloc hands out again (with one arena,
   * most of it) is zeroed, so touched whole, so it is sized for `expect` entries (the job's
   * estimate), not for every partial entry: -f 11's segments keep 40% of theirs. Growing copies
   * what was written.
   */
  reserve(more: number, expect: number): void {
    const need = this.n + more;
    if (need <= this.cap) return;
    const want = Math.max(need, Math.ceil(expect * ROOM_SLACK), Math.ceil(this.cap * 1.25));
    // near the room, take all of it: a later growth would copy the segment (-f 10's keys are
    // nearly all distinct, so its estimate lands just under the room)
    this.moveTo(want * 4 >= this.room * 3 ? this.room : want);
  }

  /** Move the n entries written to new memory for `cap` entries. */
  private moveTo(cap: number): void {
    const n = this.n, r = Math.max(1, cap);
    const ent = new Uint32Array(new SharedArrayBuffer(r * this.stride * 4));
    ent.set(this.ent.subarray(0, n * this.stride));
    const pos = this.wide ? new Float64Array(new SharedArrayBuffer(r * 8)) : new Uint32Array(new SharedArrayBuffer(r * 4));
    pos.set(this.pos.subarray(0, n));
    if (this.carried) {
      const carried = bitmapFor(r);
      carried.set(this.carried.subarray(0, Math.min(carried.length, (n + 31) >>> 5)));
      this.carried = carried;
    }
    this.ent = ent;
    this.pos = pos;
    this.cap = cap;
  }

  /**
   * Entry x (written after every entry that carries so far) carries the high parts h0..h3 (not
   * all zero): its bit is set and they are kept. Returns the bytes they take (the memory cap).
   */
  addHighs(x: number, h0: number, h1: number, h2: number, h3: number): number {
    // readers find an entry's high parts by the rank of its bit: they must come in entry order
    if (x <= this.lastCarried || x >= this.cap) throw new Error(`high parts of segment entry ${x} out of order`);
    this.lastCarried = x;
    if (!this.carried) this.carried = bitmapFor(this.cap);
    this.carried[x >>> 5]! |= 1 << (x & 31);
    let hi = this.hi;
    if (!hi || hi.length < (this.carriedN + 1) * 4) {
      const more = new Float64Array(new SharedArrayBuffer(Math.max(64, this.carriedN * 2) * 32));
      if (hi) more.set(hi.subarray(0, this.carriedN * 4));
      hi = this.hi = more;
    }
    const o = this.carriedN++ * 4;
    hi[o] = h0; hi[o + 1] = h1; hi[o + 2] = h2; hi[o + 3] = h3;
    return 32;
  }

  /**
   * The segment. Partials come in input order, so within a partition keys are added in first-seen
   * order: the print order's walk and the rows read each partition's run forward. A segment that
   * used less than three quarters of its memory (the estimate was far off) is copied to memory of
   * its size, so the report keeps no more than it uses.
   */
  finish(): PartDesc {
    if (this.cap === 0 || this.n * 4 < this.cap * 3) this.moveTo(this.n);
    const { ent, pos, hi, carried } = this;
    return {
      n: this.n, ent: ent.buffer as SharedArrayBuffer, hi: hi ? (hi.buffer as SharedArrayBuffer) : null, hiMask: this.hiMask,
      carried: carried ? (carried.buffer as SharedArrayBuffer) : null, carriedBefore: carried ? carriedBefore(carried) : null,
      pos: pos.buffer as SharedArrayBuffer, wide: this.wide, most: this.most,
    };
  }
}

/** Per word of a carried bitmap, the bits set in the words before it (shared memory). */
export function carriedBefore(bits: Int32Array): SharedArrayBuffer {
  return bitsBefore(bits, true).buffer as SharedArrayBuffer;
}

/** A bitmap of n bits in shared memory (zero). */
function bitmapFor(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, (n + 31) >>> 5) * 4));
}
