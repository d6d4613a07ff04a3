/**
 * Stable LSD radix sort on 8-bit digits of a 64-bit key held as two Uint32 arrays, carrying up to
 * three Uint32 payload arrays along. Digits in which every key agrees are skipped, so small keys
 * cost one or two passes. 8-bit digits, not 11: a pass scatters into 256 places per array instead of
 * 2048, few enough pages for the TLB; in a throwaway micro-benchmark (not in bench/) 4 passes over
 * 8.66M random 32-bit keys with a payload took 325-328 ms against 373-411 ms for 3 passes of 11
 * bits (this VM, where a TLB miss walks nested page tables).
 *
 * Keys whose differing bits span at most 20 (a counter such as flows: mostly 1, with a few heavy
 * hitters near 2^20 in the bench archive's -f 11) are first counted on one digit of that width (a
 * count array of 4 MB at most): when no more than WIDE_PLACES of its values occur, one pass scatters
 * into those places instead of two or three 8-bit passes.
 */

const BITS = 8;
/** digits per 32-bit half */
const DIGITS = 32 / BITS;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** widest digit tried for a single pass */
const WIDE_BITS = 20;
/**
 * distinct digit values up to which the single wide pass is taken: sorting 2M elements on a 20-bit
 * digit, one pass into 1,500-12,000 places took 70-157 ms against 124-232 ms for three 8-bit passes
 * (skewed and uniform values alike, a throwaway micro-benchmark); -f 11's flows have 1,616 values
 */
const WIDE_PLACES = 16384;
/** elements from which the wide digit is worth its extra counting pass when it is not taken */
const WIDE_MIN = 1 << 16;

/** Arrays being sorted together: `lo`/`hi` the key (hi null: 0), a/b/c payloads (null: none). */
export interface SortSet {
  lo: Uint32Array;
  hi: Uint32Array | null;
  a: Uint32Array | null;
  b: Uint32Array | null;
  c: Uint32Array | null;
}

export interface RadixOptions {
  /**
   * Only the payloads are wanted: the last pass does not move the key, so the returned set's
   * lo/hi are not sorted. tmp's lo/hi may then be too short (length 0): they are made only when
   * an earlier pass has to move the key.
   */
  payloadOnly?: boolean;
  /** With payloadOnly: the payloads come out in reverse (descending keys, ties in reverse input order). */
  reverse?: boolean;
}

/** One pass: the digit (bits wide, at shift of the hi or lo word) and, when already made, its counts. */
interface Pass { hi: boolean; shift: number; bits: number; count: Uint32Array | null }

function scratchLike(s: SortSet, n: number): SortSet {
  const mk = (x: Uint32Array | null): Uint32Array | null => (x ? new Uint32Array(n) : null);
  return { lo: new Uint32Array(n), hi: mk(s.hi), a: mk(s.a), b: mk(s.b), c: mk(s.c) };
}

/** Lowest set bit's index (x != 0). */
const ctz = (x: number): number => 31 - Math.clz32(x & -x);

/** Counts of each digit value (shifted by one, ready for the prefix sum); key i is key[i * stride]. */
function countDigit(key: Uint32Array, from: number, to: number, shift: number, bits: number, stride = 1): Uint32Array {
  const count = new Uint32Array((1 << bits) + 1);
  const mask = (1 << bits) - 1;
  for (let i = from * stride, end = to * stride; i < end; i += stride) count[((key[i]! >>> shift) & mask) + 1]++;
  return count;
}

/** Turn counts (shifted by one) into each digit value's first place, places starting at `from`. */
function prefixSums(count: Uint32Array, from: number, places: number): void {
  count[0] = from;
  for (let d = 1; d <= places; d++) count[d] += count[d - 1]!;
}

/**
 * The passes for keys whose differing bits are diffLo / diffHi (exported for the tests); with
 * stride 2, s.lo holds (key, payload) pairs.
 */
export function plan(s: SortSet, from: number, to: number, diffLo: number, diffHi: number, stride = 1): Pass[] {
  if ((diffLo === 0) !== (diffHi === 0) && to - from >= WIDE_MIN) {
    const useHi = diffHi !== 0, diff = useHi ? diffHi : diffLo;
    const shift = ctz(diff), bits = 32 - Math.clz32(diff) - shift;
    if (bits > BITS && bits <= WIDE_BITS) {
      const count = countDigit(useHi ? s.hi! : s.lo, from, to, shift, bits, stride);
      let places = 0;
      for (let k = 1; k < count.length && places <= WIDE_PLACES; k++) if (count[k] !== 0) places++;
      if (places <= WIDE_PLACES) return [{ hi: useHi, shift, bits, count }];
    }
  }
  const passes: Pass[] = [];
  for (let d = 0; d < 2 * DIGITS; d++) {
    const useHi = d >= DIGITS, shift = (d % DIGITS) * BITS;
    if ((((useHi ? diffHi : diffLo) >>> shift) & MASK) !== 0) passes.push({ hi: useHi, shift, bits: BITS, count: null });
  }
  return passes;
}

/** Reverse the payloads of [from, to) in place. */
function reversePayloads(s: SortSet, from: number, to: number): void {
  for (const x of [s.a, s.b, s.c]) if (x) x.subarray(from, to).reverse();
}

/**
 * Sort elements [from, to) of `s` stably by key ascending. `tmp` (same shape, at least `to`
 * long) is scratch; the sorted elements end up in the returned set (s or tmp, same range).
 */
export function radixSort(s: SortSet, from: number, to: number, tmp?: SortSet, o: RadixOptions = {}): SortSet {
  if (to - from < 2) return s;
  let src = s;
  let dst = tmp ?? scratchLike(s, to);
  // which bits differ somewhere
  let diffLo = 0, diffHi = 0;
  const lo0 = s.lo[from]!, hi0 = s.hi ? s.hi[from]! : 0;
  for (let i = from; i < to; i++) {
    diffLo |= s.lo[i]! ^ lo0;
    if (s.hi) diffHi |= s.hi[i]! ^ hi0;
  }
  const passes = plan(s, from, to, diffLo, diffHi);
  if (passes.length > (o.payloadOnly ? 1 : 0) && (dst.lo.length < to || (s.hi !== null && (dst.hi?.length ?? 0) < to))) {
    dst = { ...dst, lo: new Uint32Array(to), hi: s.hi ? new Uint32Array(to) : null };
  }
  const reverse = o.payloadOnly === true && o.reverse === true;
  if (passes.length === 0 && reverse) reversePayloads(s, from, to);
  return runPasses(src, dst, passes, from, to, o);
}

/** Run `passes` in order over [from, to), from src into dst and back; returns where the result is. */
function runPasses(src: SortSet, dst: SortSet, passes: Pass[], from: number, to: number, o: RadixOptions): SortSet {
  const reverse = o.payloadOnly === true && o.reverse === true;
  for (let k = 0; k < passes.length; k++) {
    const { hi: useHi, shift, bits } = passes[k]!;
    const key = useHi ? src.hi! : src.lo;
    const mask = (1 << bits) - 1, places = 1 << bits;
    const count = passes[k]!.count ?? countDigit(key, from, to, shift, bits);
    prefixSums(count, from, places);
    const sl = src.lo, sh = src.hi, sa = src.a, sb = src.b, sc = src.c;
    const dl = dst.lo, dh = dst.hi, da = dst.a, db = dst.b, dc = dst.c;
    if (k === passes.length - 1 && o.payloadOnly) {
      // the last pass moves the payloads alone, each to its place or its mirror image
      const top = reverse ? from + to - 1 : 0, sign = reverse ? -1 : 1;
      for (let i = from; i < to; i++) {
        const j = top + sign * count[(key[i]! >>> shift) & mask]!++;
        if (sa) da![j] = sa[i]!;
        if (sb) db![j] = sb[i]!;
        if (sc) dc![j] = sc[i]!;
      }
    } else {
      for (let i = from; i < to; i++) {
        const j = count[(key[i]! >>> shift) & mask]!++;
        dl[j] = sl[i]!;
        if (sh) dh![j] = sh[i]!;
        if (sa) da![j] = sa[i]!;
        if (sb) db![j] = sb[i]!;
        if (sc) dc![j] = sc[i]!;
      }
    }
    const t = src; src = dst; dst = t;
  }
  return src;
}

/**
 * Stable sort of n (key, payload) pairs, `pairs` holding key i at 2i and its payload at 2i + 1 (a
 * walk writes both to one cache line): the payloads by key ascending, or with `reverse` read from the
 * end (descending keys, ties in reverse input order), as radixSort with payloadOnly gives them. The
 * first pass reads the pairs; the later ones run on plain arrays, one of them in the pairs' memory.
 * `out` (n long) takes the first pass's payloads; the result is `out` or the first n words of `pairs`
 * (either way at the start of its buffer).
 */
export function sortPairs(pairs: Uint32Array, n: number, reverse: boolean, out: Uint32Array): Uint32Array {
  let diff = 0;
  const k0 = pairs[0] ?? 0;
  for (let i = 0; i < 2 * n; i += 2) diff |= pairs[i]! ^ k0;
  const passes = n < 2 ? [] : plan({ lo: pairs, hi: null, a: null, b: null, c: null }, 0, n, diff, 0, 2);
  if (passes.length === 0) {
    for (let i = 0; i < n; i++) out[reverse ? n - 1 - i : i] = pairs[2 * i + 1]!;
    return out;
  }
  const { shift, bits } = passes[0]!;
  const mask = (1 << bits) - 1, places = 1 << bits;
  const count = passes[0]!.count ?? countDigit(pairs, 0, n, shift, bits, 2);
  prefixSums(count, 0, places);
  if (passes.length === 1) {
    const top = reverse ? n - 1 : 0, sign = reverse ? -1 : 1;
    for (let i = 0; i < 2 * n; i += 2) out[top + sign * count[(pairs[i]! >>> shift) & mask]!++] = pairs[i + 1]!;
    return out;
  }
  const lo = new Uint32Array(n);
  for (let i = 0; i < 2 * n; i += 2) {
    const j = count[(pairs[i]! >>> shift) & mask]!++;
    lo[j] = pairs[i]!;
    out[j] = pairs[i + 1]!;
  }
  // the payloads at the start of the pairs' buffer: callers share a result by its buffer alone
  const tmp: SortSet = { lo: pairs.subarray(n, 2 * n), hi: null, a: pairs.subarray(0, n), b: null, c: null };
  return runPasses({ lo, hi: null, a: out, b: null, c: null }, tmp, passes.slice(1), 0, n, { payloadOnly: true, reverse }).a!;
}
