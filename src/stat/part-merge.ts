/**
 * Merging partitioned partials, one partition at a time: every partial's run for the partition goes
 * into a small table (the thread's scratch, cache-resident), then the partition's entries are
 * appended to the job's segment. A merge job covers a range of partitions and runs in any thread:
 * partials and segments are shared memory. Each key keeps the earliest position any partial saw it
 * at, so partials may be merged in any order.
 */
import { isMainThread } from 'node:worker_threads';
import { releaseMemory, releaseYoung } from '../util/release-memory.ts';
import { dropStageScratch } from './stage-memory.ts';
import { MemMeter, type MemCapRef } from './mem-cap.ts';
import { GATHER_FROM, gatherPartials, type View } from './part-gather.ts';
import { keyHash, type PartDesc } from './part-store.ts';
import { partialBytes, partialViews } from './partial.ts';
import { SegmentBuilder } from './segment-builder.ts';

const TWO32 = 4294967296;
/** a counter sum carries into its high part past this (partial values are below 2^51) */
const CARRY_AT = 2 ** 52;

/** idle stage memory worth a full collection to free before merging (a few ms on a small heap) */
const RELEASE_SCRATCH = 8 << 20;

/** A task's partitioned partial, as a merge job receives it: the region of the job's group. */
export interface PartialRef {
  buf: SharedArrayBuffer;
  /** byte offset of the region in buf */
  at: number;
  /** entries of the region */
  n: number;
  /** events of the tasks before this one in input order: a key's position is base + event in task */
  base: number;
  /** counter sums stored as Uint32 */
  narrow: boolean;
}

/** Merge partitions [from, to) of every partial's region into one segment. */
export interface StatMergeJob {
  kind: 'stat-merge';
  w: number;
  /** partitions of each region: 2^partBits */
  partBits: number;
  from: number;
  to: number;
  partials: PartialRef[];
  /** the input has more than 2^32 events: positions are stored as Float64, not Uint32 */
  widePos: boolean;
  cap?: MemCapRef;
  /**
   * the partials are big: a pool thread collects its young garbage before the job, so that the
   * handles on the regions of the job it ran before (they came with that job's message) let go
   */
  free?: boolean;
}

/** Bytes of the partial regions a job reads (they are garbage once it has run). */
export function jobBytes(job: StatMergeJob): number {
  let bytes = 0;
  for (const r of job.partials) bytes += partialBytes(r.n, job.w, job.partBits, r.narrow);
  return bytes;
}

/** The thread's merge scratch (a worker cache): grown to the largest partition seen. */
interface Scratch {
  idx: Int32Array; keys: Uint32Array; vals: Float64Array; hi: Float64Array; pos: Float64Array; cap: number;
  /** the partition being merged has high parts in `hi` */
  carried: boolean;
}
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
    hi: new Float64Array(cap * 4), pos: new Float64Array(cap), cap, carried: false,
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

/**
 * Run a merge job; returns the segment and the bytes it keeps charged to the cap (the coordinator
 * releases them with the report). The per-partition loops are functions of their own: small
 * functions whose every path has run before V8 optimises them. One function with the loops inside
 * was compiled on stack replacement with its tail never run, left at that tail, and compiled again,
 * 4-9 times per run at 30-80 ms each (node --trace-opt, -f 11 and -f 10 at 2 threads).
 */
export function mergeJob(job: StatMergeJob): { seg: PartDesc; charged: number } {
  // the first merge job in a thread frees the scan's stage memory before the segments take theirs;
  // a pool thread frees the regions of the job it ran before (the main thread frees them as the
  // results come in: see mergeAll)
  if (dropStageScratch() >= RELEASE_SCRATCH) releaseMemory();
  else if (job.free && !isMainThread) releaseYoung();
  const w = job.w, stride = w + 4;
  const meter = new MemMeter(job.cap);
  const parted: View[] = job.partials.map((r) => ({ ...partialViews(r.buf, r.n, w, job.partBits, r.narrow, r.at), base: r.base }));
  // many small partials (an archive of small files) are first gathered into one
  const views = parted.length > GATHER_FROM && !job.widePos ? [gatherPartials(parted, job.from, job.to, w, meter)] : parted;
  let total = 0, most = 0;
  for (let p = job.from; p < job.to; p++) {
    const m = runsLength(views, p);
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
      const m = runsLength(views, p);
      if (m === 0) continue;
      const n = mergeRuns(views, p, m, w, sc);
      seen += m;
      seg.reserve(n, ((seg.n + n) / seen) * total);
      const most = appendRuns(seg, sc, n, w);
      const highBytes = sc.carried ? copyHighs(seg, sc, n) : 0;
      seg.n += n;
      if (most > seg.most) seg.most = most;
      meter.charge(n * seg.entryBytes() + highBytes, seg.n);
      merged += n;
    }
    const done = seg.finish();
    meter.merged(merged);
    // the scratch is the thread's; the segment's entries stay charged
    const keep = done.n * seg.entryBytes() + seg.carriedN * 32;
    const charged = Math.ceil(keep / 1024) * 1024;
    meter.release(meter.held - charged);
    return { seg: done, charged };
  } catch (e) {
    meter.releaseAll();
    throw e;
  }
}

/** Entries of partition p over every view. */
function runsLength(views: readonly View[], p: number): number {
  let m = 0;
  for (const v of views) m += v.offsets[p + 1]! - v.offsets[p]!;
  return m;
}

/**
 * Merge partition p's run of every view (m entries in all) into the scratch table: its keys,
 * counters (sc.hi holds the parts carried past 2^52 when sc.carried) and earliest positions.
 * Returns the distinct keys.
 */
function mergeRuns(views: readonly View[], p: number, m: number, w: number, sc: Scratch): number {
  let slots = 16;
  while (slots < m * 2) slots *= 2;
  const mask = slots - 1, idx = sc.idx, ks = sc.keys, vs = sc.vals, ps = sc.pos;
  idx.fill(0, 0, slots);
  let n = 0;
  sc.carried = false;
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
      const at = base + pf[i]!;
      if (e < 0) {
        e = n++;
        idx[s] = e + 1;
        const q = e * w;
        ks[q] = a;
        if (w > 1) ks[q + 1] = b;
        if (w > 2) ks[q + 2] = c;
        ps[e] = at;
        newCounters(sc, e, pv, i * 4);
      } else {
        if (at < ps[e]!) ps[e] = at;
        addCounters(sc, e, n, pv, i * 4);
      }
    }
  }
  return n;
}

/** Entry e's counters start as the partial's at o. */
function newCounters(sc: Scratch, e: number, pv: Float64Array | Uint32Array, o: number): void {
  const vs = sc.vals, d = e * 4;
  vs[d] = pv[o]!; vs[d + 1] = pv[o + 1]!; vs[d + 2] = pv[o + 2]!; vs[d + 3] = pv[o + 3]!;
  if (sc.carried) { const hs = sc.hi; hs[d] = 0; hs[d + 1] = 0; hs[d + 2] = 0; hs[d + 3] = 0; }
}

/** Add the partial's counters at o to entry e's (n entries so far), carrying past 2^52. */
function addCounters(sc: Scratch, e: number, n: number, pv: Float64Array | Uint32Array, o: number): void {
  const vs = sc.vals, d = e * 4;
  const x0 = vs[d]! + pv[o]!, x1 = vs[d + 1]! + pv[o + 1]!, x2 = vs[d + 2]! + pv[o + 2]!, x3 = vs[d + 3]! + pv[o + 3]!;
  if (x0 < CARRY_AT && x1 < CARRY_AT && x2 < CARRY_AT && x3 < CARRY_AT) {
    vs[d] = x0; vs[d + 1] = x1; vs[d + 2] = x2; vs[d + 3] = x3;
    return;
  }
  const hs = sc.hi;
  for (let k = 0; k < 4; k++) {
    const x = vs[d + k]! + pv[o + k]!;
    if (x < CARRY_AT) { vs[d + k] = x; continue; }
    if (!sc.carried) { hs.fill(0, 0, n * 4); sc.carried = true; }
    const h = Math.floor(x / TWO32);
    hs[d + k] += h;
    vs[d + k] = x - h * TWO32;
  }
}

/**
 * Write the scratch table's n entries after the segment's: counters split into low 32 bits and
 * high parts. Returns the largest position. (The caller moves the segment's count: a loop's
 * function has nothing after its loop that V8 may not have seen run when it compiles the loop.)
 */
function appendRuns(seg: SegmentBuilder, sc: Scratch, n: number, w: number): number {
  const stride = w + 4, ks = sc.keys, vs = sc.vals, ps = sc.pos;
  const ent = seg.ent, pos = seg.pos, at0 = seg.n;
  let most = -1;
  for (let e = 0; e < n; e++) {
    const o = (at0 + e) * stride, q = e * w, d = e * 4;
    ent[o] = ks[q]!;
    if (w > 1) ent[o + 1] = ks[q + 1]!;
    if (w > 2) ent[o + 2] = ks[q + 2]!;
    const x0 = vs[d]!, x1 = vs[d + 1]!, x2 = vs[d + 2]!, x3 = vs[d + 3]!;
    if (x0 < TWO32 && x1 < TWO32 && x2 < TWO32 && x3 < TWO32) {
      ent[o + w] = x0; ent[o + w + 1] = x1; ent[o + w + 2] = x2; ent[o + w + 3] = x3;
    } else {
      splitHigh(sc, ent, o + w, d, n);
    }
    const g = ps[e]!;
    pos[at0 + e] = g;
    if (g > most) most = g;
  }
  return most;
}

/**
 * The high parts of those of the scratch table's n entries that carry, after the segment's (see
 * SegmentBuilder.addHighs); the segment notes which counters have one that is not zero (the print
 * order sorts by a counter's low words alone when none of its high parts is). Returns their bytes.
 */
function copyHighs(seg: SegmentBuilder, sc: Scratch, n: number): number {
  const hs = sc.hi, at0 = seg.n;
  let mask = 0, bytes = 0;
  for (let e = 0, d = 0; e < n; e++, d += 4) {
    const h0 = hs[d]!, h1 = hs[d + 1]!, h2 = hs[d + 2]!, h3 = hs[d + 3]!;
    if (h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0) continue;
    mask |= (h0 !== 0 ? 1 : 0) | (h1 !== 0 ? 2 : 0) | (h2 !== 0 ? 4 : 0) | (h3 !== 0 ? 8 : 0);
    bytes += seg.addHighs(at0 + e, h0, h1, h2, h3);
  }
  seg.hiMask |= mask;
  return bytes;
}

/** Counters at d of the scratch (n entries) past 2^32: low 32 bits into ent at o, the rest carried. */
function splitHigh(sc: Scratch, ent: Uint32Array, o: number, d: number, n: number): void {
  const vs = sc.vals, hs = sc.hi;
  for (let k = 0; k < 4; k++) {
    const x = vs[d + k]!;
    if (x < TWO32) { ent[o + k] = x; continue; }
    if (!sc.carried) { hs.fill(0, 0, n * 4); sc.carried = true; }
    const h = Math.floor(x / TWO32);
    ent[o + k] = x - h * TWO32;
    hs[d + k] += h;
  }
}
