/**
 * The hash stage's hot-key cache on its own: which key a slot keeps, and that the sums its slots
 * collect reach the keys' output entries when a slot changes hands and when the cache is flushed.
 */
import { describe, expect, it } from 'vitest';
import { HOT_SLOTS } from '../../../src/stat/hash-loop.ts';
import { HotKeys } from '../../../src/stat/hot-keys.ts';
import { keyHash } from '../../../src/stat/part-store.ts';

const slotOf = (a: number, b = 0): number => keyHash(a, b, 0) & (HOT_SLOTS - 1);

/** Two one-word keys that share a slot. */
function collide(): [number, number] {
  const seen = new Map<number, number>();
  for (let k = 1; ; k++) {
    const s = slotOf(k), o = seen.get(s);
    if (o !== undefined) return [o, k];
    seen.set(s, k);
  }
}

describe('hot-key cache', () => {
  it('takes the entries with enough flows, in their slots, with their key words', () => {
    const c = new HotKeys(2);
    const keys = new Uint32Array([7, 8, 9, 10, 11, 12]);
    const vals = new Float64Array([8, 1, 1, 1, 7, 1, 1, 1, 20, 2, 2, 2]);
    c.heat(keys, vals, 0, 3, 8);
    expect(c.hot[slotOf(7, 8)]).toBe(0);
    expect(c.hot[slotOf(11, 12)]).toBe(2);
    expect(c.hot.filter((x) => x >= 0).length).toBe(2);
    const s = slotOf(11, 12);
    expect([c.hk[s * 2], c.hk[s * 2 + 1]]).toEqual([11, 12]);
  });

  it('a slot keeps the busier key; the one it gives up gets its sums first', () => {
    const [a, b] = collide();
    const c = new HotKeys(1);
    const keys = new Uint32Array([a, b, b]);
    const vals = new Float64Array([10, 100, 1000, 5, 9, 90, 900, 4, 30, 300, 3000, 6]);
    c.heat(keys, vals, 0, 1, 8);
    const s = slotOf(a);
    // events added through the slot while `a` holds it
    c.hv.set([3, 30, 300, 7], s * 4);
    // b with 9 flows: a has 13, keeps the slot
    c.heat(keys, vals, 1, 2, 8);
    expect(c.hot[s]).toBe(0);
    // b's next entry with 30: a's sums go into its entry, b takes the slot with none
    c.heat(keys, vals, 2, 3, 8);
    expect(c.hot[s]).toBe(2);
    expect([...vals.subarray(0, 4)]).toEqual([13, 130, 1300, 12]);
    expect([...c.hv.subarray(s * 4, s * 4 + 4)]).toEqual([0, 0, 0, 0]);
    expect(c.hk[s]).toBe(b);
  });

  it('a flush adds every slot into its entry and empties the cache', () => {
    const c = new HotKeys(1);
    const keys = new Uint32Array([1, 2]);
    const vals = new Float64Array([8, 8, 8, 8, 9, 9, 9, 9]);
    c.heat(keys, vals, 0, 2, 8);
    c.hv.set([1, 2, 3, 4], slotOf(1) * 4);
    c.hv.set([5, 6, 7, 8], slotOf(2) * 4);
    c.flush(vals);
    expect([...vals]).toEqual([9, 10, 11, 12, 14, 15, 16, 17]);
    expect(c.hot.every((x) => x === -1)).toBe(true);
    expect(c.hv.every((x) => x === 0)).toBe(true);
  });
});
