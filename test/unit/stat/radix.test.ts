/**
 * The stable LSD radix sort behind every sorted flow-stat report and the merge's position order:
 * 64-bit keys as two words, payloads carried along, ties kept in input order, sub-ranges sorted in
 * place of the rest.
 */
import { describe, expect, it } from 'vitest';
import { radixSort } from '../../../src/stat/radix.ts';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x; };
}

/** Reference: indices sorted stably by (hi, lo). */
function expected(lo: Uint32Array, hi: Uint32Array | null, from: number, to: number): number[] {
  const idx = Array.from({ length: to - from }, (_, i) => from + i);
  return idx.sort((a, b) => (hi ? hi[a]! - hi[b]! : 0) || lo[a]! - lo[b]! || a - b);
}

describe('radixSort', () => {
  for (const [name, spread, wide] of [['random 32-bit keys', 0, false], ['few distinct keys (ties)', 37, false], ['64-bit keys', 0, true], ['small keys, 64-bit with ties', 5, true]] as const) {
    it(`${name}: sorted, stable, payloads carried`, () => {
      const next = lcg(name.length * 7919);
      const n = 50_000;
      const lo = new Uint32Array(n), hi = wide ? new Uint32Array(n) : null;
      const a = new Uint32Array(n), b = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        lo[i] = spread ? next() % spread : next();
        if (hi) hi[i] = spread ? next() % 3 : next();
        a[i] = i;
        b[i] = (i * 31) >>> 0;
      }
      const want = expected(lo, hi, 0, n);
      const out = radixSort({ lo: lo.slice(), hi: hi ? hi.slice() : null, a: a.slice(), b: b.slice(), c: null }, 0, n);
      expect(Array.from(out.a!)).toEqual(want);
      expect(Array.from(out.b!)).toEqual(want.map((i) => (i * 31) >>> 0));
      expect(Array.from(out.lo)).toEqual(want.map((i) => lo[i]!));
      if (hi) expect(Array.from(out.hi!)).toEqual(want.map((i) => hi[i]!));
    });
  }

  it('sorts only [from, to) and leaves the rest alone', () => {
    const next = lcg(42);
    const n = 10_000, from = 1234, to = 8765;
    const lo = new Uint32Array(n).map(() => next() % 1000);
    const a = new Uint32Array(n).map((_, i) => i);
    const tmp = { lo: new Uint32Array(n), hi: null, a: new Uint32Array(n), b: null, c: null };
    const out = radixSort({ lo: lo.slice(), hi: null, a: a.slice(), b: null, c: null }, from, to, tmp);
    expect(Array.from(out.a!.subarray(from, to))).toEqual(expected(lo, null, from, to));
  });

  it('keys that are all equal stay in input order', () => {
    const n = 1000;
    const out = radixSort({ lo: new Uint32Array(n).fill(7), hi: new Uint32Array(n).fill(9), a: new Uint32Array(n).map((_, i) => i), b: null, c: null }, 0, n);
    expect(Array.from(out.a!)).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
