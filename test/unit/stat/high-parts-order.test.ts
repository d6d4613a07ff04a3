/**
 * A sort by a counter whose high parts are all zero walks the low words alone (value and reference
 * side by side), even when another counter of the table carried past 2^32 (-f 11's octets): the
 * same order as comparing every high part, and a sort by the carried counter still compares them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closePools } from '../../../src/engine/pool.ts';
import { hasHighs, printOrder, sortField } from '../../../src/stat/hash-order.ts';
import { printOrderParallel } from '../../../src/stat/order-jobs.ts';
import { RefTable } from '../../../src/stat/ref-table.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { layoutOf, merge, partials, rng } from './harness.ts';

afterAll(() => closePools());

describe('sorting by a counter without high parts beside one with them', () => {
  const r = rng(11);
  const n = 160_000;
  // f11 over hosts 10.0.0.0 + 0..70,000: the first 40 hosts also get flows of 3.5e9 octets and
  // 4e9 packets, about 80 each, so their octets and packets pass 2^32; flows never do
  const recs = encodeRecords(Array.from({ length: n }, (_, i) => {
    const big = i % 50 === 0;
    return {
      srcaddr: 0x0a000000 + (big ? i % 40 : Math.floor(r() * 70_000)), dstaddr: 0x0b000000 + Math.floor(r() * 70_000),
      dPkts: big ? 4_000_000_000 : 1 + Math.floor(r() * 3), dOctets: big ? 3_500_000_000 : 40 * (1 + Math.floor(r() * 20)),
      First: 0, Last: Math.floor(r() * 9),
    };
  }), '5');
  const parts = partials(recs, layoutOf('5'), 11, [[0, 60_000], [60_000, n]], true, 4).map((p, seq) => ({ seq, p }));
  const t = merge(11, parts).table!;
  // the same table with no note of which counters carried: every sort compares the high parts
  const unknown = new RefTable(t.w, t.partBits, t.parts.map(({ hiMask: _m, ...d }) => d));
  const same = (a: Uint32Array, b: Uint32Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

  it('has carried octets and packets, and no carried flows', () => {
    expect(t.his.some((h) => h !== null)).toBe(true);
    expect(hasHighs(t, sortField(t, 'ip', 2))).toBe(false);
    expect(hasHighs(t, sortField(t, 'ip', 3))).toBe(true);
    expect(hasHighs(t, sortField(t, 'ip', 4))).toBe(true);
    expect(hasHighs(unknown, sortField(unknown, 'ip', 2))).toBe(true);
  });

  for (const s of [2, -2, 3, -3, 4, 5]) {
    it(`sort field ${s}: the order of comparing every high part, serial and on the pool`, async () => {
      const want = printOrder(unknown, 'ip', s);
      expect(same(printOrder(t, 'ip', s), want)).toBe(true);
      expect(same(await printOrderParallel(t, 'ip', s, 1), want)).toBe(true);
    });
  }
});
