/**
 * Array reports whose tasks add straight into the report's own table (the coordinator's own tasks):
 * the same counters as partials merged by the accumulator, with tasks interleaved, and exact sums
 * past 2^53 through the shared carry watch.
 */
import { describe, expect, it } from 'vitest';
import { RecordView } from '../../../src/format/record.ts';
import { arrayAggregator, type ArrayTable } from '../../../src/stat/aggregate-array.ts';
import { StatAccumulator } from '../../../src/stat/accumulate.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { layoutOf, rng } from './harness.ts';

const layout = layoutOf('5');
const o = layout.offsets;

/** n v5 records with random ports, protocols and counters. */
function records(n: number, seed: number): DataView {
  const r = rng(seed);
  const dv = new DataView(new ArrayBuffer(n * layout.size));
  for (let i = 0; i < n; i++) {
    const p = i * layout.size;
    dv.setUint32(p + o.dPkts, Math.floor(r() * 1000), true);
    dv.setUint32(p + o.dOctets, Math.floor(r() * 2 ** 32), true);
    dv.setUint32(p + o.First, 1000, true);
    dv.setUint32(p + o.Last, 1000 + Math.floor(r() * 5000), true);
    dv.setUint16(p + o.srcport, Math.floor(r() * 300), true);
    dv.setUint16(p + o.dstport, Math.floor(r() * 300), true);
    dv.setUint8(p + o.prot, [6, 17, 1][Math.floor(r() * 3)]!);
  }
  return dv;
}

describe('array reports adding into the report table', () => {
  for (const format of [5, 7, 12]) {
    it(`f${format}: interleaved tasks into the table give the merged partials' counters and totals`, () => {
      const fmt = FORMATS[format]!;
      const dv = records(3000, format);
      const view = new RecordView(layout, dv, true);
      // the usual way: one partial per task, merged
      const merged = new StatAccumulator(fmt);
      [[0, 1000], [1000, 3000]].forEach(([a, b], seq) => {
        const agg = arrayAggregator(fmt, layout, true);
        for (let i = a!; i < b!; i++) { view.p = i * layout.size; agg.record(view); }
        merged.add(agg.finish(), seq);
      });
      // into the table: two tasks whose records interleave
      const acc = new StatAccumulator(fmt);
      const table = acc.arrayTable();
      const t1 = arrayAggregator(fmt, layout, true, undefined, table), t2 = arrayAggregator(fmt, layout, true, undefined, table);
      for (let i = 0; i < 1000; i++) {
        view.p = i * layout.size; t1.record(view);
        view.p = (1000 + 2 * i) * layout.size; t2.record(view);
        view.p = (1001 + 2 * i) * layout.size; t2.record(view);
      }
      const p1 = t1.finish(), p2 = t2.finish();
      expect(p1.n + p2.n).toBe(0);
      acc.add(p1, 0);
      acc.add(p2, 1);
      const a = merged.result(), b = acc.result();
      expect([...b.array!.vals]).toEqual([...a.array!.vals]);
      for (let c = 0; c < 4; c++) expect(b.totals.part(c)).toEqual(a.totals.part(c));
    });
  }

  it('keeps sums past 2^53 exact when three interleaved tasks add into one table', () => {
    const fmt = FORMATS[5]!;
    const dv = new DataView(new ArrayBuffer(layout.size));
    dv.setUint32(o.dPkts, 0xffffffff, true);
    dv.setUint32(o.dOctets, 0xfffffffd, true);
    dv.setUint16(o.dstport, 80, true);
    dv.setUint8(o.prot, 6);
    const view = new RecordView(layout, dv, true);
    const table: ArrayTable = new StatAccumulator(fmt).arrayTable();
    const tasks = [0, 1, 2].map(() => arrayAggregator(fmt, layout, true, undefined, table));
    const per = 1 << 20;
    for (let i = 0; i < per; i++) for (const t of tasks) t.record(view);
    for (const t of tasks) t.finish();
    const flows = 3 * per;
    const exact = (c: number): bigint => BigInt(table.hi ? table.hi[80 * 4 + c]! : 0) * 2n ** 32n + BigInt(table.vals[80 * 4 + c]!);
    expect(table.hi).not.toBeNull();
    expect(exact(0)).toBe(BigInt(flows));
    expect(exact(1)).toBe(BigInt(flows) * 0xfffffffdn);
    expect(exact(2)).toBe(BigInt(flows) * 0xffffffffn);
  });
});
