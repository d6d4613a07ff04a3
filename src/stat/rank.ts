/**
 * Ranks of distinct positions (event numbers, counted across the input): where each would stand if
 * they were sorted. Positions are rarely sparse (a report has a key for every few events), so a
 * bitmap of them with running popcounts ranks every one in two passes over the entries and one over
 * the bitmap, instead of the four to eight passes of a radix sort; when there are more than 64
 * events per position the few positions are radix-sorted instead (the bitmap would outgrow them).
 */
import { radixSort } from './radix.ts';

/** Positions of entries (Uint32 while the input has at most 2^32 events). */
export type Positions = Float64Array | Uint32Array;

const TWO32 = 4294967296;
/** events per position up to which the bitmap is used (a bit per event, 16 bytes and more per entry) */
const BITMAP_SPREAD = 64;

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

/** Where a bitmap's memory comes from, and the position its first bit stands for. */
export interface BitmapOptions {
  /** in shared memory, for rank jobs on other threads */
  shared?: boolean;
  /** bit 0 is this position (default 0) */
  base?: number;
}

/**
 * The bitmap of the first counts[k] positions of every pos[k], all in [base, base + span); bit i
 * stands for position base + i.
 */
export function positionBitmap(pos: Positions[], counts: number[], span: number, o: BitmapOptions = {}): PositionBitmap {
  const words = Math.max(1, Math.ceil(span / 32));
  const base = o.base ?? 0;
  const bits = o.shared ? new Int32Array(new SharedArrayBuffer(words * 4)) : new Int32Array(words);
  const before = o.shared ? new Uint32Array(new SharedArrayBuffer(words * 4)) : new Uint32Array(words);
  for (let k = 0; k < pos.length; k++) {
    const ps = pos[k]!, c = counts[k]!;
    for (let e = 0; e < c; e++) { const g = ps[e]! - base; bits[g >>> 5] |= 1 << (g & 31); }
  }
  countBefore(bits, before);
  return { bits, before };
}

/** Per word of a bitmap, the bits set in the words before it (shared memory when `shared`). */
export function bitsBefore(bits: Int32Array, shared = false): Uint32Array {
  const n = Math.max(1, bits.length);
  const before = shared ? new Uint32Array(new SharedArrayBuffer(n * 4)) : new Uint32Array(n);
  countBefore(bits, before);
  return before;
}

function countBefore(bits: Int32Array, before: Uint32Array): void {
  for (let i = 0, run = 0; i < bits.length; i++) { before[i] = run; run += popcount(bits[i]!); }
}

/** Rank of position g (a set bit) in its bitmap. */
export function rankIn(bits: Int32Array, before: Uint32Array, g: number): number {
  const x = g >>> 5;
  return before[x]! + popcount(bits[x]! & ((1 << (g & 31)) - 1));
}

/**
 * Rank of each of the first counts[k] positions of every pos[k], numbered array after array (the
 * result's index), among all of them. Positions must be distinct whole numbers >= 0.
 */
export function rankPositions(pos: Positions[], counts: number[]): Uint32Array {
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
  if (bitmapFits(span, n)) {
    const { bits, before } = positionBitmap(pos, counts, span, { base: least });
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
  const sorted = radixSort({ lo, hi, a: idx, b: null, c: null }, 0, n, undefined, { payloadOnly: true }).a!;
  for (let r = 0; r < n; r++) rank[sorted[r]!] = r;
  return rank;
}
