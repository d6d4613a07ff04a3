/**
 * Print order of a merged hash report, as entry references. First-seen order comes from each key's
 * earliest position (its first event, counted across the input); ftchash's walk (newest 65,536-entry
 * chunk first) places each entry by its rank in that order; a sort is a stable radix sort of the
 * walk by the sort field's value, read from the end for -S (glibc qsort is a stable merge sort).
 */
import type { Dumper } from './formats.ts';
import { keyColumns } from './formats.ts';
import { FT_CHUNK } from './order.ts';
import { radixSort, sortPairs, type SortSet } from './radix.ts';
import { bitmapFits, positionBitmap, rankIn, rankPositions } from './rank.ts';
import type { RefTable } from './ref-table.ts';

/** Which value of an entry a sort field compares. */
export interface SortField {
  /** word of the entry (key word, or w + counter) */
  word: number;
  /** as2/if2 keys: 1 the high 16 bits, 2 the low 16 bits, 0 the whole word */
  half: number;
  /** counters: which high part (-1: a key, no high part) */
  counter: number;
}

export function sortField(t: RefTable, dumper: Dumper, sortOrder: number): SortField | null {
  if (sortOrder === 0) return null;
  const s = Math.abs(sortOrder);
  const kc = keyColumns(dumper);
  if (s <= kc) {
    if (dumper === 'as2' || dumper === 'if2') return { word: 0, half: s, counter: -1 };
    return { word: s - 1, half: 0, counter: -1 };
  }
  const c = s - kc - 1;
  return { word: t.w + c, half: 0, counter: c };
}

export const shared = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)), 0, n);

/**
 * Where first-seen rank r prints in ftchash's walk of n entries: 65,536-entry chunks in insertion
 * order, the newest (last, partial) chunk first.
 */
export function walkIndex(r: number, n: number): number {
  if (n <= FT_CHUNK) return r;
  const c = Math.floor(r / FT_CHUNK), last = Math.floor((n - 1) / FT_CHUNK);
  return c === last ? r - c * FT_CHUNK : n - (c + 1) * FT_CHUNK + (r - c * FT_CHUNK);
}

/** The sort value of a key or counter word: the whole word, or for as2/if2 keys its high or low half. */
const halfOf = (v: number, half: number): number => (half === 0 ? v : half === 1 ? v >>> 16 : v & 0xffff);

/**
 * Where a walk writes: entry references, and the sort field's value (lo, hi) when there is one; or,
 * for a sort value with no high parts, both side by side in `pairs` (value at 2j, reference at
 * 2j + 1: a walk index touches one cache line, not two).
 */
export interface WalkOut {
  refs: Uint32Array | null;
  lo: Uint32Array | null;
  hi: Uint32Array | null;
  pairs?: Uint32Array | null;
}

/**
 * Place the entries of segments [from, to) at their walk index among n: ranked through the
 * position bitmap (bits, before) or, without one, read from `rank` (indexed from segment 0's first
 * entry, as rankPositions numbers them).
 */
export function placeSegments(
  t: RefTable, from: number, to: number, f: SortField | null, bits: Int32Array | null, before: Uint32Array | null, rank: Uint32Array | null, out: WalkOut,
): void {
  const n = t.n, stride = t.stride, scale = t.refScale, ents = t.ents, his = t.his, pos = t.pos;
  const { refs, lo, hi } = out;
  const pairs = out.pairs ?? null;
  const word = f ? f.word : 0, half = f ? f.half : 0, counter = f ? f.counter : 0;
  let i = 0;
  for (let p = 0; p < from; p++) i += t.counts[p]!;
  if (pairs) {
    for (let p = from; p < to; p++) {
      const ent = ents[p]!, ps = pos[p]!, c = t.counts[p]!;
      for (let e = 0; e < c; e++, i++) {
        const j = walkIndex(bits ? rankIn(bits, before!, ps[e]!) : rank![i]!, n) * 2;
        pairs[j] = halfOf(ent[e * stride + word]!, half);
        pairs[j + 1] = (p * scale + e) >>> 0;
      }
    }
    return;
  }
  for (let p = from; p < to; p++) {
    const ent = ents[p]!, hs = his[p], ps = pos[p]!, c = t.counts[p]!;
    for (let e = 0; e < c; e++, i++) {
      const j = walkIndex(bits ? rankIn(bits, before!, ps[e]!) : rank![i]!, n);
      refs![j] = (p * scale + e) >>> 0;
      if (lo) {
        lo[j] = halfOf(ent[e * stride + word]!, half);
        if (hi) { const o = t.highsAt(p, e); hi[j] = o < 0 ? 0 : hs![o + counter]!; }
      }
    }
  }
}

/** One more than the latest position. */
export function eventsOf(t: RefTable): number {
  let most = -1;
  for (const d of t.parts) most = Math.max(most, d.most);
  return most + 1;
}

/**
 * Does the sort field have high parts to compare? Only when some entry's are not zero: -f 11's
 * segments carry octets past 2^32, and a sort by flows then compared (and walked) three words an
 * entry instead of two side by side.
 */
export function hasHighs(t: RefTable, f: SortField | null): boolean {
  if (f === null || f.counter < 0) return false;
  const bit = 1 << f.counter;
  return t.parts.some((d) => d.hi !== null && ((d.hiMask ?? 15) & bit) !== 0);
}

/** Is the walk written as (value, reference) pairs? Sorted reports whose value has no high part. */
export function walksInPairs(t: RefTable, f: SortField | null): boolean {
  return f !== null && !hasHighs(t, f);
}

/** Entry references in print order from a walk written as pairs (shared memory, at its start). */
export function sortWalkPairs(pairs: Uint32Array, n: number, sortOrder: number): Uint32Array {
  return sortPairs(pairs, n, sortOrder > 0, shared(n));
}

/** Place every entry at its walk index in `out`: ranked by a position bitmap, or sorted when sparse. */
function walkInto(t: RefTable, f: SortField | null, out: WalkOut): void {
  const n = t.n, events = eventsOf(t), k = t.ents.length;
  if (bitmapFits(events, n)) {
    const { bits, before } = positionBitmap(t.pos, t.counts, events);
    placeSegments(t, 0, k, f, bits, before, null, out);
  } else {
    placeSegments(t, 0, k, f, null, null, rankPositions(t.pos, t.counts), out);
  }
}

/**
 * Entry references in ftchash's walk order (`a`, shared memory), with the sort field's value of
 * each (lo, hi) when one is given: every entry is placed at once by its first-seen rank.
 */
export function walkOrder(t: RefTable, f: SortField | null): SortSet {
  const n = t.n;
  const out: WalkOut = { refs: shared(n), lo: f ? new Uint32Array(n) : null, hi: hasHighs(t, f) ? new Uint32Array(n) : null };
  walkInto(t, f, out);
  return { lo: out.lo ?? new Uint32Array(0), hi: out.hi, a: out.refs, b: null, c: null };
}

/** Entry references of a hash report in print order (shared memory); sortOrder must be valid. */
export function printOrder(t: RefTable, dumper: Dumper, sortOrder: number): Uint32Array {
  const f = sortField(t, dumper, sortOrder);
  if (walksInPairs(t, f)) {
    const pairs = shared(2 * t.n);
    walkInto(t, f, { refs: null, lo: null, hi: null, pairs });
    return sortWalkPairs(pairs, t.n, sortOrder);
  }
  const set = walkOrder(t, f);
  return f ? sortWalk(set, t.n, sortOrder) : set.a!;
}

/** The walk `set` (n entries) sorted stably by its values, read from the end for sortOrder > 0. */
export function sortWalk(set: SortSet, n: number, sortOrder: number): Uint32Array {
  // the sort makes key scratch only if a pass before the last moves the keys
  const tmp: SortSet = { lo: new Uint32Array(0), hi: null, a: shared(n), b: null, c: null };
  const sorted = radixSort({ lo: set.lo, hi: set.hi, a: set.a, b: null, c: null }, 0, n, tmp, { payloadOnly: true, reverse: sortOrder > 0 });
  return sorted.a!;
}
