/**
 * The stable LSD radix sort behind every sorted flow-stat report and the merge's position order:
 * 64-bit keys as two words, payloads carried along, ties kept in input order, sub-ranges sorted in
 * place of the rest.
 */
import { describe, expect, it } from 'vitest';
import { plan, radixSort, sortPairs } from '../../../src/stat/radix.ts';

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

describe('radixSort: payloads alone, reversed, one wide digit', () => {
  /** Keys from `key(i)`, sorted with the options; returns the payload order and the reference. */
  function run(n: number, key: (i: number) => [number, number], o: { payloadOnly?: boolean; reverse?: boolean }, shortTmp: boolean) {
    const lo = new Uint32Array(n), hi = new Uint32Array(n);
    for (let i = 0; i < n; i++) [lo[i], hi[i]] = key(i);
    const a = new Uint32Array(n).map((_, i) => i);
    const tmp = { lo: shortTmp ? new Uint32Array(0) : new Uint32Array(n), hi: shortTmp ? null : new Uint32Array(n), a: new Uint32Array(n), b: null, c: null };
    const out = radixSort({ lo: lo.slice(), hi: hi.slice(), a, b: null, c: null }, 0, n, tmp, o);
    const want = expected(lo, hi, 0, n);
    return { got: Array.from(out.a!), want: o.reverse ? want.reverse() : want };
  }

  const next = lcg(20261127);
  const cases: Array<[string, number, (i: number) => [number, number]]> = [
    // a counter: mostly 1, a few hundred values up to 2799 (one 12-bit pass)
    ['skewed small counter', 100_000, (i) => [i % 50 === 0 ? 1 + (next() % 2799) : 1, 0]],
    // the same digit width with every one of its 65,536 values in use (8-bit passes again)
    ['uniform 16-bit values', 100_000, () => [next() & 0xffff, 0]],
    // differing bits 4..19 of the high word only
    ['wide digit in the high word', 80_000, () => [7, ((next() % 300) << 4) | 3]],
    ['random 64-bit keys', 70_000, () => [next(), next() % 5]],
    ['all equal', 70_000, () => [9, 9]],
    ['below the wide digit size', 3000, () => [next() % 4000, 0]],
  ];
  for (const [name, n, key] of cases) {
    for (const reverse of [false, true]) {
      it(`${name}${reverse ? ', reversed' : ''}: payloads in stable order, key scratch made only when needed`, () => {
        const { got, want } = run(n, key, { payloadOnly: true, reverse }, true);
        expect(got).toEqual(want);
      });
    }
  }

  it('the wide single pass also sorts the keys when they are wanted', () => {
    const n = 100_000;
    const lo = new Uint32Array(n).map((_, i) => (i % 7 === 0 ? 1000 + (i % 13) : 1));
    const a = new Uint32Array(n).map((_, i) => i);
    const out = radixSort({ lo: lo.slice(), hi: null, a, b: null, c: null }, 0, n);
    const want = expected(lo, null, 0, n);
    expect(Array.from(out.a!)).toEqual(want);
    expect(Array.from(out.lo)).toEqual(want.map((i) => lo[i]!));
  });
});

describe('radixSort passes', () => {
  const widths = (lo: Uint32Array): number[] => {
    let d = 0;
    for (let i = 0; i < lo.length; i++) d |= lo[i]! ^ lo[0]!;
    return plan({ lo, hi: null, a: null, b: null, c: null }, 0, lo.length, d, 0).map((p) => p.bits);
  };
  it('one 12-bit pass for a skewed counter, two 8-bit passes when most of 16 bits\' values are in use', () => {
    const n = 100_000;
    expect(widths(new Uint32Array(n).map((_, i) => (i % 97 === 0 ? 2799 - (i % 400) : 1)))).toEqual([12]);
    expect(widths(new Uint32Array(n).map((_, i) => (i * 40503) & 0xfff))).toEqual([12]);
    expect(widths(new Uint32Array(n).map((_, i) => (i * 40503) & 0xffff))).toEqual([8, 8]);
    expect(widths(new Uint32Array(1000).map((_, i) => (i % 97 === 0 ? 2799 : 1)))).toEqual([8, 8]);
  });

  it('one 19-bit pass for a heavy hitter near 2^19, and the sort stays stable through it', () => {
    const n = 100_000;
    const lo = new Uint32Array(n).map((_, i) => (i === 5 ? 372469 : i % 89 === 0 ? 1 + (i % 300) : 1));
    expect(widths(lo)).toEqual([19]);
    const a = new Uint32Array(n).map((_, i) => i);
    const out = radixSort({ lo: lo.slice(), hi: null, a, b: null, c: null }, 0, n);
    expect(Array.from(out.a!)).toEqual(expected(lo, null, 0, n));
  });
});

describe('sortPairs', () => {
  const cases: Array<[string, (i: number) => number, number]> = [
    ['all equal', () => 7, 70_000],
    ['a skewed counter (one wide pass)', (i) => (i % 89 === 0 ? 1 + (i % 300) : 1), 100_000],
    ['32-bit keys (four passes)', (i) => Math.imul(i + 1, 2654435761) >>> 0, 90_000],
    ['16-bit keys, few elements', (i) => (i * 40503) & 0xffff, 1_000],
    ['one element', () => 5, 1],
    ['none', () => 5, 0],
  ];
  for (const [name, key, n] of cases) {
    it(`gives radixSort's payload order: ${name}`, () => {
      for (const reverse of [false, true]) {
        const lo = new Uint32Array(n).map((_, i) => key(i));
        const a = new Uint32Array(n).map((_, i) => i * 3 + 1);
        const pairs = new Uint32Array(2 * n);
        for (let i = 0; i < n; i++) { pairs[2 * i] = lo[i]!; pairs[2 * i + 1] = a[i]!; }
        const want = radixSort({ lo: lo.slice(), hi: null, a: a.slice(), b: null, c: null }, 0, n, undefined, { payloadOnly: true, reverse }).a!;
        const got = sortPairs(pairs, n, reverse, new Uint32Array(n));
        expect(got.length).toBe(n);
        // a result is shared by its buffer alone (print jobs index it from the start)
        expect(got.byteOffset).toBe(0);
        expect(Array.from(got)).toEqual(Array.from(want.subarray(0, n)));
      }
    });
  }
});
