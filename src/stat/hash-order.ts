/**
 * Print order of a merged hash report, as entry references. First-seen order comes from each key's
 * earliest position (task seq, event in task): a merge of the segments, each stored in position
 * order. ftchash's walk (newest 65,536-entry chunk first) is that order with its
 * chunks reversed, done in place; a sort is a stable radix sort of the walk by the sort field's
 * value, read from the end for -S (glibc qsort is a stable merge sort).
 */
import type { Dumper } from './formats.ts';
import { keyColumns } from './formats.ts';
import { FT_CHUNK } from './order.ts';
import { radixSort, type SortSet } from './radix.ts';
import type { RefTable } from './ref-table.ts';

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
 * (lo, hi) when one is given. Each segment is already in position order (see part-merge.ts), so
 * this is a merge of the segments by position through a winner tree (log2 of the segments'
 * count comparisons per entry instead of a scan of every head: 0.3 s of a 2M-key report).
 */
export function firstSeen(t: RefTable, f: SortField | null): SortSet {
  const n = t.n, k = t.ents.length;
  const refs = shared(n);
  const lo = f ? new Uint32Array(n) : null;
  const hasHi = f !== null && f.counter >= 0 && t.his.some((h) => h !== null);
  const hi = hasHi ? new Uint32Array(n) : null;
  const at = new Int32Array(k);
  // leaves L..2L-1 are the segments (padding and exhausted segments: Infinity); node i < L holds the
  // leaf of the smaller head below it, the lower segment on a tie (positions are distinct anyway)
  let L = 1;
  while (L < k) L *= 2;
  const head = new Float64Array(L).fill(Infinity);
  for (let p = 0; p < k; p++) head[p] = t.counts[p]! > 0 ? t.pos[p]![0]! : Infinity;
  const win = new Int32Array(2 * L);
  for (let i = 0; i < L; i++) win[L + i] = i;
  for (let i = L - 1; i >= 1; i--) { const x = win[2 * i]!, y = win[2 * i + 1]!; win[i] = head[y]! < head[x]! ? y : x; }
  const stride = t.stride, scale = t.refScale, counts = t.counts, pos = t.pos, ents = t.ents, his = t.his;
  const word = f ? f.word : 0, half = f ? f.half : 0, counter = f ? f.counter : 0;
  for (let j = 0; j < n; j++) {
    const p = win[1]!;
    const e = at[p]!++;
    refs[j] = (p * scale + e) >>> 0;
    head[p] = e + 1 < counts[p]! ? pos[p]![e + 1]! : Infinity;
    for (let i = (L + p) >> 1; i >= 1; i >>= 1) { const x = win[2 * i]!, y = win[2 * i + 1]!; win[i] = head[y]! < head[x]! ? y : x; }
    if (lo) {
      const v = ents[p]![e * stride + word]!;
      lo[j] = half === 0 ? v : half === 1 ? v >>> 16 : v & 0xffff;
      if (hi) { const hs = his[p]; hi[j] = hs ? hs[e * 4 + counter]! : 0; }
    }
  }
  return { lo: lo ?? new Uint32Array(0), hi, a: refs, b: null, c: null };
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
  const tmp: SortSet = { lo: new Uint32Array(n), hi: set.hi ? new Uint32Array(n) : null, a: shared(n), b: null, c: null };
  const sorted = radixSort({ lo: set.lo, hi: set.hi, a: set.a, b: null, c: null }, 0, n, tmp);
  if (sortOrder > 0) reverse([sorted.a], 0, n);
  return sorted.a!;
}
