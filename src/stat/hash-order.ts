/**
 * Print order of a merged hash report, as entry references. First-seen order comes from each key's
 * earliest position (task seq, event in task): entries are bucketed by seq, then each bucket is
 * radix-sorted by event. ftchash's walk (newest 65,536-entry chunk first) is that order with its
 * chunks reversed, done in place; a sort is a stable radix sort of the walk by the sort field's
 * value, read from the end for -S (glibc qsort is a stable merge sort).
 */
import type { Dumper } from './formats.ts';
import { keyColumns } from './formats.ts';
import { FT_CHUNK } from './order.ts';
import { copyRange, radixSort, type SortSet } from './radix.ts';
import type { RefTable } from './ref-table.ts';

const TWO32 = 4294967296;

/** Which value of an entry a sort field compares. */
interface SortField {
  /** word of the entry (key word, or w + counter) */
  word: number;
  /** as2/if2 keys: 1 the high 16 bits, 2 the low 16 bits, 0 the whole word */
  half: number;
  /** counters: which high part (-1: a key, no high part) */
  counter: number;
}

function sortField(t: RefTable, dumper: Dumper, sortOrder: number): SortField | null {
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

const shared = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)), 0, n);

/**
 * Entry references in first-seen order (`a`, shared memory), with the sort field's value of each
 * (lo, hi) when one is given; then `b` is a spare array of n (scratch for the caller).
 */
export function firstSeen(t: RefTable, f: SortField | null): SortSet {
  const n = t.n;
  let maxSeq = 0;
  t.pos.forEach((pos, p) => { for (let e = 0; e < t.counts[p]!; e++) { const s = Math.floor(pos[e]! / TWO32); if (s > maxSeq) maxSeq = s; } });
  const bucket = new Uint32Array(maxSeq + 2);
  t.pos.forEach((pos, p) => { for (let e = 0; e < t.counts[p]!; e++) bucket[Math.floor(pos[e]! / TWO32) + 1]++; });
  let maxBucket = 0;
  for (let s = 1; s < bucket.length; s++) { if (bucket[s]! > maxBucket) maxBucket = bucket[s]!; bucket[s] += bucket[s - 1]!; }
  const ev = new Uint32Array(n);
  const refs = shared(n);
  const lo = f ? new Uint32Array(n) : null;
  const hasHi = f !== null && f.counter >= 0 && t.his.some((h) => h !== null);
  const hi = hasHi ? new Uint32Array(n) : null;
  const at = bucket.slice();
  for (let p = 0; p < t.ents.length; p++) {
    const pos = t.pos[p]!, ent = t.ents[p]!, his = t.his[p], m = t.counts[p]!, stride = t.stride;
    const base = t.ref(p, 0);
    for (let e = 0; e < m; e++) {
      const x = pos[e]!;
      const s = Math.floor(x / TWO32);
      const j = at[s]!++;
      ev[j] = x - s * TWO32;
      refs[j] = base + e;
      if (lo) {
        const v = ent[e * stride + f!.word]!;
        lo[j] = f!.half === 0 ? v : f!.half === 1 ? v >>> 16 : v & 0xffff;
        if (hi && his) hi[j] = his[e * 4 + f!.counter]!;
      }
    }
  }
  // each bucket (one task's new keys) in event order
  const tmp: SortSet = { lo: new Uint32Array(maxBucket), hi: null, a: new Uint32Array(maxBucket), b: lo ? new Uint32Array(maxBucket) : null, c: hi ? new Uint32Array(maxBucket) : null };
  for (let s = 0; s + 1 < bucket.length; s++) {
    const a = bucket[s]!, z = bucket[s + 1]!;
    let sorted = true;
    for (let i = a + 1; i < z && sorted; i++) if (ev[i]! < ev[i - 1]!) sorted = false;
    if (sorted) continue;
    const m = z - a;
    const view: SortSet = { lo: ev.subarray(a, z), hi: null, a: refs.subarray(a, z), b: lo ? lo.subarray(a, z) : null, c: hi ? hi.subarray(a, z) : null };
    const tv: SortSet = { lo: tmp.lo.subarray(0, m), hi: null, a: tmp.a!.subarray(0, m), b: tmp.b ? tmp.b.subarray(0, m) : null, c: tmp.c ? tmp.c.subarray(0, m) : null };
    copyRange(radixSort(view, 0, m, tv), view, 0, m);
  }
  // ev is scratch now (when a sort field was given): the caller may reuse it (fresh memory is slow)
  return { lo: lo ?? ev, hi, a: refs, b: lo ? ev : null, c: null };
}

/** Reverse [a, z) of the arrays in place. */
function reverse(xs: Array<Uint32Array | null>, a: number, z: number): void {
  for (const x of xs) {
    if (!x) continue;
    for (let i = a, j = z - 1; i < j; i++, j--) { const v = x[i]!; x[i] = x[j]!; x[j] = v; }
  }
}

/** Turn first-seen order into ftchash's walk order in place: chunks newest first. */
function walkInPlace(xs: Array<Uint32Array | null>, n: number): void {
  if (n <= FT_CHUNK) return;
  reverse(xs, 0, n);
  // now: reversed chunks, the last (partial) chunk first
  const last = n % FT_CHUNK || FT_CHUNK;
  reverse(xs, 0, last);
  for (let a = last; a < n; a += FT_CHUNK) reverse(xs, a, a + FT_CHUNK);
}

/** Entry references of a hash report in print order (shared memory); sortOrder must be valid. */
export function printOrder(t: RefTable, dumper: Dumper, sortOrder: number): Uint32Array {
  const f = sortField(t, dumper, sortOrder);
  const set = firstSeen(t, f);
  const n = t.n;
  walkInPlace([set.a, f ? set.lo : null, set.hi], n);
  if (!f) return set.a!;
  const tmp: SortSet = { lo: set.b ?? new Uint32Array(n), hi: set.hi ? new Uint32Array(n) : null, a: shared(n), b: null, c: null };
  const sorted = radixSort({ lo: set.lo, hi: set.hi, a: set.a, b: null, c: null }, 0, n, tmp);
  if (sortOrder > 0) reverse([sorted.a], 0, n);
  return sorted.a!;
}
