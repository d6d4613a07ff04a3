/**
 * The generated record loop of the summaries (f0, f15) against a reference written with RecordView's
 * getters and a search of the histogram bounds: totals, times, the four histograms and the warning
 * per dPkts=0 flow, for records handed over one at a time and in runs, in both byte orders.
 */
import { describe, expect, it } from 'vitest';
import { RecordView } from '../../../src/format/record.ts';
import { FOSIZE_BOUNDS, FPSIZE_BOUNDS, FTIME_BOUNDS, PSIZE_BOUNDS, SUMMARY, emptySummaryExtra, summaryAggregator } from '../../../src/stat/summary.ts';
import { layoutOf, rng } from './harness.ts';

function records(n: number, size: number, seed: number, o: Record<string, number>, le: boolean): DataView {
  const r = rng(seed);
  const dv = new DataView(new ArrayBuffer(n * size));
  const pick = (k: number): number => Math.floor(r() * k);
  for (let i = 0; i < n; i++) {
    const p = i * size;
    for (let b = 0; b < size; b++) dv.setUint8(p + b, pick(256));
    // small values often, so every histogram bucket and dPkts=0 occur
    dv.setUint32(p + o.dPkts!, [0, 1, 7, 900, 901, pick(2 ** 32)][i % 6]!, le);
    dv.setUint32(p + o.dOctets!, i % 3 ? pick(20000) : pick(2 ** 32), le);
    const first = pick(2 ** 32);
    dv.setUint32(p + o.First!, first, le);
    dv.setUint32(p + o.Last!, (first + (i % 4 ? pick(40000) : pick(2 ** 32))) >>> 0, le);
  }
  return dv;
}

const bucket = (bounds: readonly number[], v: number): number => {
  const i = bounds.findIndex((b) => v <= b);
  return i < 0 ? 25 : i;
};

function reference(v: RecordView, n: number, full: boolean): { totals: number[]; x: Float64Array; warnings: number } {
  const totals = [0, 0, 0, 0];
  const x = emptySummaryExtra();
  let warnings = 0;
  for (let i = 0; i < n; i++) {
    v.p = i * v.layout.size;
    const fl = v.has('dFlows') ? v.dFlows : 1, pk = v.dPkts, oc = v.dOctets, du = (v.Last - v.First) >>> 0;
    if (full && pk === 0) { warnings++; continue; }
    [fl, oc, pk, du].forEach((a, c) => { totals[c] += a; });
    if (!full) continue;
    x[SUMMARY.TIME_START] = Math.min(x[SUMMARY.TIME_START]!, v.unix_secs);
    x[SUMMARY.TIME_END] = Math.max(x[SUMMARY.TIME_END]!, v.unix_secs);
    x[SUMMARY.START] = Math.min(x[SUMMARY.START]!, v.First);
    x[SUMMARY.END] = Math.max(x[SUMMARY.END]!, v.Last);
    const ps = Math.floor(oc / pk);
    if (ps <= PSIZE_BOUNDS.at(-1)!) x[SUMMARY.PSIZE + bucket(PSIZE_BOUNDS, ps)]++;
    x[SUMMARY.FPSIZE + bucket(FPSIZE_BOUNDS, pk)]++;
    x[SUMMARY.FOSIZE + bucket(FOSIZE_BOUNDS, oc)]++;
    x[SUMMARY.FTIME + bucket(FTIME_BOUNDS, du)]++;
  }
  return { totals, x, warnings };
}

describe('generated summary loop', () => {
  it('f0 histograms: every value at, below and above each bucket bound lands where the bounds say', () => {
    const layout = layoutOf('5'), o = layout.offsets;
    const values = new Set<number>([0, 1, 2]);
    for (const b of [...PSIZE_BOUNDS, ...FOSIZE_BOUNDS, ...FTIME_BOUNDS, ...FPSIZE_BOUNDS]) for (const d of [-1, 0, 1]) values.add(b + d);
    const vs = [...values].filter((v) => v >= 0);
    const dv = new DataView(new ArrayBuffer(vs.length * 2 * layout.size));
    vs.forEach((v, i) => {
      // one flow of v octets in 1 packet lasting v ms, one flow of v packets (and v * 40 octets)
      const p = 2 * i * layout.size, q = p + layout.size;
      dv.setUint32(p + o.dPkts!, 1, true); dv.setUint32(p + o.dOctets!, v, true); dv.setUint32(p + o.First!, 5, true); dv.setUint32(p + o.Last!, 5 + v, true);
      dv.setUint32(q + o.dPkts!, Math.max(1, v), true); dv.setUint32(q + o.dOctets!, Math.max(1, v) * 40, true);
    });
    const want = reference(new RecordView(layout, dv, true), vs.length * 2, true);
    const agg = summaryAggregator(0, layout, true, () => undefined);
    agg.records(dv, 0, vs.length * 2 * layout.size);
    expect([...agg.finish().extra]).toEqual([...want.x]);
  });

  for (const id of ['5', '8.1']) {
    for (const le of [true, false]) {
      for (const format of [0, 15]) {
        it(`f${format} v${id} ${le ? 'LE' : 'BE'}: one at a time and in runs give the reference`, () => {
          const layout = layoutOf(id), n = 3000;
          const dv = records(n, layout.size, n + format, layout.offsets, le);
          const want = reference(new RecordView(layout, dv, le), n, format === 0);
          let warned = 0;
          const runs = summaryAggregator(format, layout, le, () => { warned++; });
          runs.records(dv, 0, 1111 * layout.size);
          runs.records(dv, 1111 * layout.size, n * layout.size);
          const single = summaryAggregator(format, layout, le, () => { warned++; });
          const v = new RecordView(layout, dv, le);
          for (let i = 0; i < n; i++) { v.p = i * layout.size; single.record(v); }
          for (const p of [runs.finish(), single.finish()]) {
            expect([0, 1, 2, 3].map((c) => p.totals[c]! + p.totals[c + 4]! * 2 ** 32)).toEqual(want.totals);
            if (format === 0) expect([...p.extra]).toEqual([...want.x]);
            else expect(p.extra.length).toBe(0);
          }
          expect(warned).toBe(2 * want.warnings);
        });
      }
    }
  }
});
