/**
 * Merging partitioned partials, one partition at a time: every partial's run for the partition goes
 * into a small table (the thread's scratch, cache-resident), then the partition's entries are
 * appended to the job's segment. A merge job covers a range of partitions and runs in any thread:
 * partials and segments are shared memory. Each key keeps the earliest position any partial saw it
 * at, so partials may be merged in any order.
 */
import { releaseMemory } from '../util/release-memory.ts';
import { dropStageScratch } from './hash-stage.ts';
import { MemMeter, type MemCapRef } from './mem-cap.ts';
import { GATHER_FROM, gatherPartials } from './part-gather.ts';
import { keyHash, type PartDesc } from './part-store.ts';
import { partialViews } from './partial.ts';
import type { Positions } from './rank.ts';

const TWO32 = 4294967296;
/** a counter sum carries into its high part past this (partial values are below 2^51) */
const CARRY_AT = 2 ** 52;

/** idle stage memory worth a full collection to free before merging (a few ms on a small heap) */
const RELEASE_SCRATCH = 8 << 20;

/** A task's partitioned partial, as a merge job receives it. */
export interface PartialRef {
  buf: SharedArrayBuffer;
  /** byte offset of the partial in buf */
  at: number;
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
  /** the input has more than 2^32 events: positions are stored as Float64, not Uint32 */
  widePos: boolean;
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

/**
 * Let go of the thread's merge scratch (the merge is over: printing needs the memory); true when
 * there was one, i.e. a merge job ran in this thread since the last drop.
 */
export function dropMergeScratch(): boolean {
  const had = scratch.s !== null;
  scratch.s = null;
  return had;
}

/** Segment room beyond the estimate of distinct keys (the estimate comes from the keys seen so far) */
const ROOM_SLACK = 1.08;

/** A segment written partition by partition straight into its own shared memory. */
class SegmentBuilder {
  n = 0;
  /** the largest position written (-1: none) */
  most = -1;
  ent: Uint32Array;
  pos: Positions;
  hi: Float64Array | null = null;
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

  /** Bytes per entry, for the memory cap. */
  entryBytes(): number {
    return this.stride * 4 + (this.wide ? 8 : 4) + (this.hi ? 32 : 0);
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
    if (this.hi) {
      const hi = new Float64Array(new SharedArrayBuffer(r * 32));
      hi.set(this.hi.subarray(0, n * 4));
      this.hi = hi;
    }
    this.ent = ent;
    this.pos = pos;
    this.cap = cap;
  }

  /** The carried high parts (fresh shared memory is zero). */
  highs(): Float64Array {
    return (this.hi ??= new Float64Array(new SharedArrayBuffer(Math.max(1, this.cap) * 32)));
  }

  /**
   * The segment. Partials come in input order, so within a partition keys are added in first-seen
   * order: the print order's walk and the rows read each partition's run forward. A segment that
   * used less than three quarters of its memory (the estimate was far off) is copied to memory of
   * its size, so the report keeps no more than it uses.
   */
  finish(): PartDesc {
    if (this.cap === 0 || this.n * 4 < this.cap * 3) this.moveTo(this.n);
    const { ent, pos, hi } = this;
    return { n: this.n, ent: ent.buffer as SharedArrayBuffer, hi: hi ? (hi.buffer as SharedArrayBuffer) : null, pos: pos.buffer as SharedArrayBuffer, wide: this.wide, most: this.most };
  }
}

/**
 * Run a merge job; returns the segment and the bytes it keeps charged to the cap (the coordinator
 * releases them with the report).
 */
export function mergeJob(job: StatMergeJob): { seg: PartDesc; charged: number } {
  // the first merge job in a thread frees the scan's stage memory before the segments take theirs
  if (dropStageScratch() >= RELEASE_SCRATCH) releaseMemory();
  const w = job.w, stride = w + 4;
  const meter = new MemMeter(job.cap);
  const parted = job.partials.map((r) => ({ ...partialViews(r.buf, r.n, w, job.partBits, r.narrow, r.at), base: r.base }));
  // many small partials (an archive of small files) are first gathered into one
  const views = parted.length > GATHER_FROM && !job.widePos ? [gatherPartials(parted, job.from, job.to, w, meter)] : parted;
  let total = 0, most = 0;
  for (let p = job.from; p < job.to; p++) {
    let m = 0;
    for (const v of views) m += v.offsets[p + 1]! - v.offsets[p]!;
    total += m;
    if (m > most) most = m;
  }
  const sc = scratchFor(most, w, meter);
  const seg = new SegmentBuilder(stride, total, job.widePos);
  let merged = 0;
  // partial entries merged so far, for the estimate of the segment's distinct keys
  let seen = 0;
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
            const x0 = vs[d]! + pv[o]!, x1 = vs[d + 1]! + pv[o + 1]!, x2 = vs[d + 2]! + pv[o + 2]!, x3 = vs[d + 3]! + pv[o + 3]!;
            if (x0 < CARRY_AT && x1 < CARRY_AT && x2 < CARRY_AT && x3 < CARRY_AT) {
              vs[d] = x0; vs[d + 1] = x1; vs[d + 2] = x2; vs[d + 3] = x3;
              continue;
            }
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
      seen += m;
      seg.reserve(n, ((seg.n + n) / seen) * total);
      const ent = seg.ent, pos = seg.pos, at0 = seg.n;
      let anyHigh = carried, most = -1;
      for (let e = 0; e < n; e++) {
        const o = (at0 + e) * stride, q = e * w, d = e * 4;
        ent[o] = ks[q]!;
        if (w > 1) ent[o + 1] = ks[q + 1]!;
        if (w > 2) ent[o + 2] = ks[q + 2]!;
        const x0 = vs[d]!, x1 = vs[d + 1]!, x2 = vs[d + 2]!, x3 = vs[d + 3]!;
        if (x0 < TWO32 && x1 < TWO32 && x2 < TWO32 && x3 < TWO32) {
          ent[o + w] = x0; ent[o + w + 1] = x1; ent[o + w + 2] = x2; ent[o + w + 3] = x3;
        } else for (let k = 0; k < 4; k++) {
          const x = vs[d + k]!;
          if (x < TWO32) { ent[o + w + k] = x; continue; }
          if (!carried) { hs.fill(0, 0, n * 4); carried = true; }
          const h = Math.floor(x / TWO32);
          ent[o + w + k] = x - h * TWO32;
          hs[d + k] += h;
          anyHigh = true;
        }
        const g = ps[e]!;
        pos[at0 + e] = g;
        if (g > most) most = g;
      }
      anyHigh ||= carried;
      if (anyHigh) {
        const sh = seg.highs();
        for (let e = 0; e < n; e++) for (let k = 0; k < 4; k++) sh[(at0 + e) * 4 + k] = hs[e * 4 + k]!;
      }
      seg.n += n;
      if (most > seg.most) seg.most = most;
      meter.charge(n * seg.entryBytes(), seg.n);
      merged += n;
    }
    const done = seg.finish();
    meter.merged(merged);
    // the scratch is the thread's; the segment's entries stay charged
    const keep = done.n * seg.entryBytes();
    const charged = Math.ceil(keep / 1024) * 1024;
    meter.release(meter.held - charged);
    return { seg: done, charged };
  } catch (e) {
    meter.releaseAll();
    throw e;
  }
}
