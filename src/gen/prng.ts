/**
 * A small, fast, seeded PRNG (sfc32) and the distributions the generator draws from. Same seed,
 * same numbers, on every machine.
 */

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }

  /** uniform 32-bit unsigned integer */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** uniform integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** pick from weighted choices (weights need not sum to 1) */
  pick<T>(items: readonly T[], cumulative: Float64Array): T {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid; else lo = mid + 1;
    }
    return items[lo]!;
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => { s += w; c[i] = s; });
  return c;
}

/**
 * Zipf-like rank in [0, n): P(rank k) ~ 1/(k+1)^s, drawn by inverting the continuous
 * approximation of the CDF (fast, no tables, good enough for traffic shapes).
 */
export function zipf(rng: Rng, n: number, s: number): number {
  const u = rng.next();
  if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
  const a = 1 - s;
  const max = ((n + 1) ** a - 1) / a;
  const x = (u * max * a + 1) ** (1 / a) - 1;
  return Math.min(n - 1, Math.max(0, Math.floor(x)));
}
