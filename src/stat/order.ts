/**
 * Row order of flow-stat's tables. Unsorted hash tables print ftchash's chunk walk: the newest
 * 65,536-entry chunk first, each chunk in insertion order. Sorted tables are that walk (or, for the
 * array reports, ascending key order) sorted stably ascending (glibc qsort is a merge sort), read
 * from the end for -S. The stable sort is an LSD radix sort on 16-bit digits of the sort value.
 */

/** ftchash's chunk size in entries (records per chunk of ftchash_new(..., 65536)). */
export const FT_CHUNK = 65536;

/**
 * Stable ascending sort of `order` (entry ids) by the 64-bit value hi * 2^32 + lo of each entry
 * (`lo`, `hi` indexed by entry id; hi may be null). Returns a new array.
 */
export function stableSortAsc(order: Uint32Array, lo: Uint32Array, hi: Uint32Array | null): Uint32Array {
  const n = order.length;
  let maxLo = 0, maxHi = 0;
  for (let i = 0; i < n; i++) {
    const e = order[i]!;
    if (lo[e]! > maxLo) maxLo = lo[e]!;
    if (hi && hi[e]! > maxHi) maxHi = hi[e]!;
  }
  let src = Uint32Array.from(order);
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65537);
  const passes: Array<[Uint32Array, number]> = [];
  passes.push([lo, 0]);
  if (maxLo > 0xffff) passes.push([lo, 16]);
  if (hi && maxHi > 0) {
    passes.push([hi, 0]);
    if (maxHi > 0xffff) passes.push([hi, 16]);
  }
  if (maxLo === 0 && maxHi === 0) return src;
  for (const [a, shift] of passes) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((a[src[i]!]! >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) count[d + 1] += count[d]!;
    for (let i = 0; i < n; i++) {
      const e = src[i]!;
      dst[count[(a[e]! >>> shift) & 0xffff]!++] = e;
    }
    const t = src; src = dst; dst = t;
  }
  return src;
}

/** Reverse an array in place (reading a sorted array from the end, as -S does). */
export function reverseInPlace(a: Uint32Array): Uint32Array {
  for (let i = 0, j = a.length - 1; i < j; i++, j--) {
    const t = a[i]!; a[i] = a[j]!; a[j] = t;
  }
  return a;
}
