/**
 * Ranks of distinct positions (event numbers, counted across the input): where each would stand if
 * they were sorted. Positions are rarely sparse (a report has a key for every few events), so a
 * bitmap of them with running popcounts ranks every one in two passes over the entries and one over
 * the bitmap, instead of the four to eight passes of a radix sort; when there are more than 64
 * events per position the few positions are radix-sorted instead (the bitmap would outgrow them).
 * A caller that keeps the bitmap's memory between calls (a merge job's thread) uses it up to 1024
 * events per position: a merge segment holds a sixteenth of the keys, so its positions are sparse,
 * and a bit per event in reused memory still costs less than the sort (-f 11: 16 sorts of 127k
 * positions took 205 ms of CPU; bench/RESULTS.md).
 */
import { radixSort } from './radix.ts';

const TWO32 = 4294967296;
/** events per position up to which the bitmap is used (a bit per event, 16 bytes and more per entry) */
const BITMAP_SPREAD = 64;
/** the same, when the bitmap's memory is reused (fresh memory is what made the bitmap dear) */
const REUSED_SPREAD = 1024;

/** A bit per event that is some entry's position, and the set bits before each 32-bit word. */
export interface PositionBitmap {
  bits: Int32Array;
  before: Uint32Array;
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Is a bitmap of `events` bits the way to rank `n` positions below `events`? */
export function bitmapFits(events: number, n: number, spread = BITMAP_SPREAD): boolean {
  return events <= 0xffffffff && events <= spread * n + 4096;
}

/** A thread's bitmap memory, kept between calls of rankPositions (grown, never shrunk). */
export interface RankScratch { bits: Int32Array; before: Uint32Array }

/** Where a bitmap's memory comes from, and the position its first bit stands for. */
export interface BitmapOptions {
  /** in shared memory, for rank jobs on other threads */
  shared?: boolean;
  /** the thread's reused memory (zeroed here as far as it is used) */
  scratch?: RankScratch;
  /** bit 0 is this position (default 0) */
  base?: number;
}

/**
 * The bitmap of the first counts[k] positions of every pos[k], all in [base, base + span); bit i
 * stands for position base + i.
 */
export function positionBitmap(pos: Float64Array[], counts: number[], span: number, o: BitmapOptions = {}): PositionBitmap {
  const words = Math.max(1, Math.ceil(span / 32));
  const base = o.base ?? 0;
  let bits: Int32Array, before: Uint32Array;
  if (o.scratch) {
    const sc = o.scratch;
    if (sc.bits.length < words) { sc.bits = new Int32Array(words); sc.before = new Uint32Array(words); }
    bits = sc.bits; before = sc.before;
    bits.fill(0, 0, words);
  } else {
    bits = o.shared ? new Int32Array(new SharedArrayBuffer(words * 4)) : new Int32Array(words);
    before = o.shared ? new Uint32Array(new SharedArrayBuffer(words * 4)) : new Uint32Array(words);
  }
  for (let k = 0; k < pos.length; k++) {
    const ps = pos[k]!, c = counts[k]!;
    for (let e = 0; e < c; e++) { const g = ps[e]! - base; bits[g >>> 5] |= 1 << (g & 31); }
  }
  for (let i = 0, run = 0; i < words; i++) { before[i] = run; run += popcount(bits[i]!); }
  return { bits, before };
}

/** Rank of position g (a set bit) in its bitmap. */
export function rankIn(bits: Int32Array, before: Uint32Array, g: number): number {
  const x = g >>> 5;
  return before[x]! + popcount(bits[x]! & ((1 << (g & 31)) - 1));
}

/**
 * Rank of each of the first counts[k] positions of every pos[k], numbered array after array (the
 * result's index), among all of them. Positions must be distinct whole numbers >= 0. `scratch`:
 * memory for the bitmap, reused between calls (the caller's thread's own).
 */
export function rankPositions(pos: Float64Array[], counts: number[], scratch?: RankScratch): Uint32Array {
  let n = 0, most = -1, least = Infinity;
  for (let k = 0; k < pos.length; k++) {
    const ps = pos[k]!, c = counts[k]!;
    n += c;
    for (let e = 0; e < c; e++) {
      const g = ps[e]!;
      if (g > most) most = g;
      if (g < least) least = g;
    }
  }
  const rank = new Uint32Array(n);
  if (n === 0) return rank;
  // the bitmap covers [least, most]
  const span = most - least + 1;
  if (bitmapFits(span, n, scratch ? REUSED_SPREAD : BITMAP_SPREAD)) {
    const { bits, before } = positionBitmap(pos, counts, span, { scratch, base: least });
    for (let k = 0, i = 0; k < pos.length; k++) {
      const ps = pos[k]!, c = counts[k]!;
      for (let e = 0; e < c; e++, i++) rank[i] = rankIn(bits, before, ps[e]! - least);
    }
    return rank;
  }
  const lo = new Uint32Array(n), hi = new Uint32Array(n), idx = new Uint32Array(n);
  for (let k = 0, i = 0; k < pos.length; k++) {
    const ps = pos[k]!, c = counts[k]!;
    for (let e = 0; e < c; e++, i++) {
      const g = ps[e]!, q = Math.floor(g / TWO32);
      lo[i] = g - q * TWO32; hi[i] = q; idx[i] = i;
    }
  }
  const sorted = radixSort({ lo, hi, a: idx, b: null, c: null }, 0, n).a!;
  for (let r = 0; r < n; r++) rank[sorted[r]!] = r;
  return rank;
}
