/**
 * Merging partitioned partials, one partition at a time: every partial's run for the partition goes
 * into a small table (the thread's scratch, cache-resident), then the partition's entries are
 * appended to the job's segment. A merge job covers a range of partitions and runs in any thread:
 * partials and segments are shared memory. Each key keeps the earliest position any partial saw it
 * at, so partials may be merged in any order.
 */
import { MemMeter, type MemCapRef } from './mem-cap.ts';
import { keyHash, type PartDesc } from './part-store.ts';
import { partialViews } from './partial.ts';
import { rankPositions, type RankScratch } from './rank.ts';

const TWO32 = 4294967296;
/** a counter sum carries into its high part past this (partial values are below 2^50) */
const CARRY_AT = 2 ** 52;

/** A task's partitioned partial, as a merge job receives it. */
export interface PartialRef {
  buf: SharedArrayBuffer;
  /** entries */
  n: number;
  /** events of the tasks before this one in input order: a key's position is base + event in task */
  base: number;
  /** counter sums stored as Uint32 */
  narrow: boolean;
}

/** Merge partitions [from, to) of every partial into one segment. */
export interface StatMergeJob {
  kind: 'stat-merge';
  w: number;
  partBits: number;
  from: number;
  to: number;
  partials: PartialRef[];
  cap?: MemCapRef;
}

/** The thread's merge scratch (a worker cache): grown to the largest partition seen. */
interface Scratch { idx: Int32Array; keys: Uint32Array; vals: Float64Array; hi: Float64Array; pos: Float64Array; cap: number }
const scratch: { s: Scratch | null } = { s: null };

function scratchFor(entries: number, w: number, meter: MemMeter): Scratch {
  const have = scratch.s;
  if (have && have.cap >= entries && have.keys.length >= entries * w) return have;
  let cap = 1024;
  while (cap < entries) cap *= 2;
  const bytes = cap * 2 * 4 + cap * w * 4 + cap * 8 * 9;
  meter.charge(bytes, 0);
  const s: Scratch = {
    idx: new Int32Array(cap * 2), keys: new Uint32Array(cap * w), vals: new Float64Array(cap * 4),
    hi: new Float64Array(cap * 4), pos: new Float64Array(cap), cap,
  };
  scratch.s = s;
  return s;
}

/** The thread's segment buffers (a worker cache): the segment is built here, then copied out exactly. */
const built: { ent: Uint32Array; pos: Float64Array; hi: Float64Array } = {
  ent: new Uint32Array(0), pos: new Float64Array(0), hi: new Float64Array(0),
};

/** The thread's bitmap memory for ranking a segment's positions (a worker cache). */
const rankScratch: RankScratch = { bits: new Int32Array(0), before: new Uint32Array(0) };

/** A growable segment being filled partition by partition (in the thread's reused buffers). */
class SegmentBuilder {
  n = 0;
  ent: Uint32Array;
  hi: Float64Array | null = null;
  pos: Float64Array;
  constructor(readonly stride: number, cap: number, private readonly meter: MemMeter) {
    this.ent = built.ent;
    this.pos = built.pos;
    this.reserve(cap);
  }

  reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.pos.length && need * this.stride <= this.ent.length) return;
    const cap = Math.max(need, Math.ceil(this.pos.length * 1.5));
    this.meter.charge((cap - this.pos.length) * (this.stride * 4 + 8 + (this.hi ? 32 : 0)), this.n);
    const ent = new Uint32Array(cap * this.stride); ent.set(this.ent.subarray(0, this.n * this.stride)); this.ent = built.ent = ent;
    const pos = new Float64Array(cap); pos.set(this.pos.subarray(0, this.n)); this.pos = built.pos = pos;
    if (this.hi) { const hi = new Float64Array(cap * 4); hi.set(this.hi.subarray(0, this.n * 4)); this.hi = built.hi = hi; }
  }

  highs(): Float64Array {
    if (!this.hi) {
      if (built.hi.length < this.pos.length * 4) {
        this.meter.charge(this.pos.length * 32, this.n);
        built.hi = new Float64Array(this.pos.length * 4);
      } else {
        built.hi.fill(0, 0, this.n * 4);
      }
      this.hi = built.hi;
    }
    return this.hi;
  }

  /**
   * The segment in shared memory, sized exactly, its entries in first-seen (position) order: the
   * print order then ranks each segment's entries in a forward pass, and printing reads nearby
   * entries of tied rows together. Each entry goes straight to its rank among the segment's positions.
   */
  finish(): PartDesc {
    const n = this.n, s = this.stride;
    this.meter.charge(n * (s * 4 + 8 + (this.hi ? 32 : 0)), n);
    const rank = rankPositions([this.pos], [n], rankScratch);
    const ent = new Uint32Array(new SharedArrayBuffer(n * s * 4));
    const pos = new Float64Array(new SharedArrayBuffer(n * 8));
    const be = this.ent, bp = this.pos, bh = this.hi;
    const h = bh ? new Float64Array(new SharedArrayBuffer(n * 32)) : null;
    for (let e = 0; e < n; e++) {
      const i = rank[e]!;
      const d = i * s, o = e * s;
      for (let k = 0; k < s; k++) ent[d + k] = be[o + k]!;
      pos[i] = bp[e]!;
      if (h) for (let k = 0; k < 4; k++) h[i * 4 + k] = bh![e * 4 + k]!;
    }
    return { n, ent: ent.buffer as SharedArrayBuffer, hi: h ? (h.buffer as SharedArrayBuffer) : null, pos: pos.buffer as SharedArrayBuffer };
  }
}

/**
 * Run a merge job; returns the segment and the bytes it keeps charged to the cap (the coordinator
 * releases them with the report).
 */
export function mergeJob(job: StatMergeJob): { seg: PartDesc; charged: number } {
  const w = job.w, stride = w + 4;
  const meter = new MemMeter(job.cap);
  const views = job.partials.map((r) => ({ ...partialViews(r.buf, r.n, w, job.partBits, r.narrow), base: r.base }));
  let total = 0, most = 0;
  for (let p = job.from; p < job.to; p++) {
    let m = 0;
    for (const v of views) m += v.offsets[p + 1]! - v.offsets[p]!;
    total += m;
    if (m > most) most = m;
  }
  const sc = scratchFor(most, w, meter);
  const seg = new SegmentBuilder(stride, Math.max(16, Math.ceil(total * 0.6)), meter);
  let merged = 0;
  try {
    for (let p = job.from; p < job.to; p++) {
      let m = 0;
      for (const v of views) m += v.offsets[p + 1]! - v.offsets[p]!;
      if (m === 0) continue;
      let slots = 16;
      while (slots < m * 2) slots *= 2;
      const mask = slots - 1, idx = sc.idx, ks = sc.keys, vs = sc.vals, hs = sc.hi, ps = sc.pos;
      idx.fill(0, 0, slots);
      let n = 0, carried = false;
      for (const v of views) {
        const pk = v.keys, pv = v.vals, pf = v.first, base = v.base;
        for (let i = v.offsets[p]!, end = v.offsets[p + 1]!; i < end; i++) {
          const a = pk[i * w]!, b = w > 1 ? pk[i * w + 1]! : 0, c = w > 2 ? pk[i * w + 2]! : 0;
          let s = keyHash(a, b, c) & mask;
          let e = -1;
          for (;;) {
            const x = idx[s]!;
            if (x === 0) break;
            const q = (x - 1) * w;
            if (ks[q] === a && (w < 2 || ks[q + 1] === b) && (w < 3 || ks[q + 2] === c)) { e = x - 1; break; }
            s = (s + 1) & mask;
          }
          const at = base + pf[i]!, o = i * 4;
          if (e < 0) {
            e = n++;
            idx[s] = e + 1;
            const q = e * w;
            ks[q] = a;
            if (w > 1) ks[q + 1] = b;
            if (w > 2) ks[q + 2] = c;
            ps[e] = at;
            const d = e * 4;
            vs[d] = pv[o]!; vs[d + 1] = pv[o + 1]!; vs[d + 2] = pv[o + 2]!; vs[d + 3] = pv[o + 3]!;
            if (carried) { hs[d] = 0; hs[d + 1] = 0; hs[d + 2] = 0; hs[d + 3] = 0; }
          } else {
            if (at < ps[e]!) ps[e] = at;
            const d = e * 4;
            for (let k = 0; k < 4; k++) {
              const x = vs[d + k]! + pv[o + k]!;
              if (x < CARRY_AT) { vs[d + k] = x; continue; }
              if (!carried) { hs.fill(0, 0, n * 4); carried = true; }
              const h = Math.floor(x / TWO32);
              hs[d + k] += h;
              vs[d + k] = x - h * TWO32;
            }
          }
        }
      }
      // append the partition to the segment: counters split into low 32 bits and high parts
      seg.reserve(n);
      const ent = seg.ent, pos = seg.pos, at0 = seg.n;
      let anyHigh = carried;
      for (let e = 0; e < n; e++) {
        const o = (at0 + e) * stride, q = e * w, d = e * 4;
        ent[o] = ks[q]!;
        if (w > 1) ent[o + 1] = ks[q + 1]!;
        if (w > 2) ent[o + 2] = ks[q + 2]!;
        for (let k = 0; k < 4; k++) {
          const x = vs[d + k]!;
          if (x < TWO32) { ent[o + w + k] = x; continue; }
          if (!carried) { hs.fill(0, 0, n * 4); carried = true; }
          const h = Math.floor(x / TWO32);
          ent[o + w + k] = x - h * TWO32;
          hs[d + k] += h;
          anyHigh = true;
        }
        pos[at0 + e] = ps[e]!;
      }
      anyHigh ||= carried;
      if (anyHigh) {
        const sh = seg.highs();
        for (let e = 0; e < n; e++) for (let k = 0; k < 4; k++) sh[(at0 + e) * 4 + k] = hs[e * 4 + k]!;
      } else if (seg.hi) {
        seg.hi.fill(0, at0 * 4, (at0 + n) * 4);
      }
      seg.n += n;
      merged += n;
    }
    const done = seg.finish();
    meter.merged(merged);
    // the builder's buffers and the scratch are the thread's; the segment stays charged
    const keep = done.ent.byteLength + done.pos.byteLength + (done.hi ? done.hi.byteLength : 0);
    const charged = Math.ceil(keep / 1024) * 1024;
    meter.release(meter.held - charged);
    return { seg: done, charged };
  } catch (e) {
    meter.releaseAll();
    throw e;
  }
}
