/**
 * The hash stage's runs: gathered by partition, each partition's runs in the order they were
 * written, neighbours in both places copied as one.
 */
import { describe, expect, it } from 'vitest';
import { Runs } from '../../../src/stat/stage-runs.ts';

/** Gather `runs` ([partition, length] in write order) of entries numbered by output position. */
function gather(P: number, runs: Array<[number, number]>): { offsets: number[]; out: number[]; copies: number } {
  const r = new Runs();
  for (const [p, len] of runs) r.add(p, len);
  const total = runs.reduce((s, [, l]) => s + l, 0);
  const offsets = new Uint32Array(P + 1);
  const out = new Array<number>(total).fill(-1);
  let copies = 0;
  r.gather(P, offsets, (from, len, to) => {
    copies++;
    for (let i = 0; i < len; i++) out[to + i] = from + i;
  });
  return { offsets: [...offsets], out, copies };
}

describe('stage runs', () => {
  it('groups runs by partition, keeping each partition\'s runs in write order', () => {
    // output: p2 [0,2), p0 [2,5), p2 [5,6), p1 [6,7), p0 [7,9)
    const g = gather(3, [[2, 2], [0, 3], [2, 1], [1, 1], [0, 2]]);
    expect(g.offsets).toEqual([0, 5, 6, 9]);
    expect(g.out).toEqual([2, 3, 4, 7, 8, 6, 0, 1, 5]);
  });

  it('copies runs already in partition order as one block, and drops empty runs', () => {
    const g = gather(4, [[0, 3], [1, 0], [1, 2], [3, 4]]);
    expect(g.offsets).toEqual([0, 3, 5, 5, 9]);
    expect(g.out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(g.copies).toBe(1);
  });

  it('grows past its first capacity and starts empty after a gather', () => {
    const r = new Runs();
    for (let i = 0; i < 1000; i++) r.add(i % 7, 1);
    const offsets = new Uint32Array(8);
    let moved = 0;
    r.gather(7, offsets, (_f, len) => { moved += len; });
    expect(moved).toBe(1000);
    expect(offsets[7]).toBe(1000);
    r.gather(7, offsets, () => { throw new Error('no runs left'); });
    expect(offsets[7]).toBe(0);
  });
});
