/**
 * C number formatting as flow-stat's printf calls do it, byte for byte: "%.Nf" with glibc's
 * round-half-to-even on exact ties (JS toFixed rounds ties up), "inf"/"-nan" for IEEE specials, and
 * the single-precision ("float") arithmetic of the summary report, including uint64 -> float rounding.
 */

/** A 64-bit unsigned counter as two doubles: value = hi * 2^32 + lo (lo exact below 2^53). */
export interface U64 {
  lo: number;
  hi: number;
}

const TWO32 = 4294967296;

/** The exact value of a split counter as a BigInt. */
export function u64Big(lo: number, hi: number): bigint {
  return hi === 0 ? BigInt(lo) : BigInt(hi) * 4294967296n + BigInt(lo);
}

/** The value of a split counter as a JS number (exact below 2^53, else rounded like C's (double)). */
export function u64Num(lo: number, hi: number): number {
  if (hi === 0) return lo;
  const v = hi * TWO32 + lo;
  return v <= Number.MAX_SAFE_INTEGER ? v : Number(u64Big(lo, hi) & 0xffffffffffffffffn);
}

/** C's (float) of an unsigned 64-bit integer: round to nearest, ties to even, on 24 bits. */
export function u64ToFloat(v: bigint): number {
  v &= 0xffffffffffffffffn;
  if (v <= 9007199254740991n) return Math.fround(Number(v));
  const bits = v.toString(2).length;
  const drop = BigInt(bits - 24);
  let m = v >> drop;
  const rest = v - (m << drop);
  const half = 1n << (drop - 1n);
  if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  return Math.fround(Number(m << drop));
}

/** printf("%.<prec>f", x) as glibc prints it. */
export function fixed(x: number, prec: number): string {
  if (x !== x) return '-nan'; // x86 0.0/0.0 yields the negative default NaN
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    // an integer: exact digits, then zeros
    s = BigInt(a).toString();
    if (prec > 0) s += '.' + '0'.repeat(prec);
  } else {
    s = a.toFixed(prec);
    // toFixed takes the larger candidate on an exact tie; glibc takes the even one
    const t = a * 2 ** (prec + 1);
    if (Number.isInteger(t) && t % 2 === 1) {
      const last = s.charCodeAt(s.length - 1) - 48;
      if (last % 2 === 1) s = s.slice(0, -1) + String.fromCharCode(48 + last - 1);
    }
  }
  return neg ? '-' + s : s;
}

/** printf("%-<w>.<prec>f", x): left-justified in a field of w characters. */
export function fixedLeft(x: number, w: number, prec: number): string {
  const s = fixed(x, prec);
  return s.length >= w ? s : s + ' '.repeat(w - s.length);
}

/** ((double)part / (double)total) * 100 as flow-stat computes a percent column. */
export function percent(part: number, total: number): number {
  return (part / total) * 100;
}

/** Keep printable ASCII only (C isprint() in the C locale), as the "# Args:" line does. */
export function printable(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) out += s[i];
  }
  return out;
}
