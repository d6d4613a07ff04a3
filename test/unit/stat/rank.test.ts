/**
 * First-seen ranks and ftchash's chunk walk, the two halves of a hash report's unsorted order:
 * rankPositions against a plain sort on dense positions (the bitmap) and sparse ones (the radix
 * sort), walkIndex against the walk built chunk by chunk.
 */
import { describe, expect, it } from 'vitest';
import { walkIndex } from '../../../src/stat/hash-order.ts';
import { FT_CHUNK } from '../../../src/stat/order.ts';
import { rankPositions } from '../../../src/stat/rank.ts';

/** Deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
}

/** n distinct positions drawn from [0, span), shuffled, split among `parts` arrays. */
function positions(n: number, span: number, parts: number, seed: number): { pos: Float64Array[]; counts: number[]; flat: number[] } {
  const r = rng(seed);
  const seen = new Set<number>();
  while (seen.size < n) seen.add(Math.floor(r() * span));
  const flat = [...seen];
  for (let i = flat.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [flat[i], flat[j]] = [flat[j]!, flat[i]!]; }
  const pos: Float64Array[] = [], counts: number[] = [];
  for (let k = 0, at = 0; k < parts; k++) {
    const c = k === parts - 1 ? n - at : Math.floor(r() * (n - at + 1));
    // arrays longer than their counts, as segments are
    const a = new Float64Array(c + 3).fill(-1);
    a.set(flat.slice(at, at + c));
    pos.push(a); counts.push(c); at += c;
  }
  return { pos, counts, flat };
}

function expected(flat: number[]): number[] {
  const sorted = [...flat].sort((a, b) => a - b);
  const at = new Map(sorted.map((g, i) => [g, i]));
  return flat.map((g) => at.get(g)!);
}

describe('rankPositions', () => {
  it('ranks dense positions (bitmap), across several arrays', () => {
    const { pos, counts, flat } = positions(5000, 9000, 4, 7);
    expect([...rankPositions(pos, counts)]).toEqual(expected(flat));
  });

  it('ranks sparse positions (more than 64 events per position) and positions past 2^32', () => {
    const { pos, counts, flat } = positions(3000, 2 ** 40, 3, 11);
    expect([...rankPositions(pos, counts)]).toEqual(expected(flat));
  });

  it('ranks dense positions far from 0 (the bitmap spans least to most) and Uint32 positions', () => {
    const a = positions(2000, 40_000, 2, 13);
    const far = a.pos.map((p) => p.map((g) => (g < 0 ? g : g + 3e9)));
    expect([...rankPositions(far, a.counts)]).toEqual(expected(a.flat));
    const narrow = far.map((p) => Uint32Array.from(p));
    expect([...rankPositions(narrow, a.counts)]).toEqual(expected(a.flat));
  });

  it('ranks positions at word edges (bits 0 and 31) and none at all', () => {
    const flat = [31, 0, 32, 63, 64, 95, 1];
    expect([...rankPositions([Float64Array.from(flat)], [flat.length])]).toEqual(expected(flat));
    expect(rankPositions([new Float64Array(0)], [0]).length).toBe(0);
  });
});

describe('walkIndex', () => {
  it('puts the newest chunk first and keeps insertion order within chunks', () => {
    for (const n of [1, FT_CHUNK, FT_CHUNK + 1, 3 * FT_CHUNK, 3 * FT_CHUNK + 17]) {
      const walk: number[] = [];
      for (let c = Math.floor((n - 1) / FT_CHUNK); c >= 0; c--) for (let r = c * FT_CHUNK; r < Math.min(n, (c + 1) * FT_CHUNK); r++) walk.push(r);
      const placed = new Array<number>(n);
      for (let r = 0; r < n; r++) placed[walkIndex(r, n)] = r;
      expect(placed).toEqual(walk);
    }
  });
});
