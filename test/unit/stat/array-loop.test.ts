/**
 * The generated record loop of the array reports against a reference written with RecordView's
 * getters: every array report, layouts with and without dFlows, both byte orders, runs of records
 * handed over in one call or one at a time, and a run longer than the check interval.
 */
import { describe, expect, it } from 'vitest';
import { hasFields } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { arrayAggregator } from '../../../src/stat/aggregate-array.ts';
import { arrayRunSource } from '../../../src/stat/array-loop.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { CHECK_EVERY } from '../../../src/stat/totals.ts';
import { layoutOf, rng } from './harness.ts';

const ARRAY_FORMATS = FORMATS.filter((f) => f.shape === 'array');
const LAYOUTS = ['5', '7', '1005', '1', '8.1', '8.2', '8.6', '8.8', '8.10', '8.14'].map(layoutOf);

/** n records of random bytes, protocols mostly TCP or UDP. */
function records(n: number, size: number, seed: number, protOffset: number): DataView {
  const r = rng(seed);
  const u8 = new Uint8Array(n * size);
  for (let i = 0; i < u8.length; i++) u8[i] = Math.floor(r() * 256);
  if (protOffset >= 0) for (let i = 0; i < n; i++) u8[i * size + protOffset] = [6, 17, 1, 6, 17, 50][i % 6]!;
  return new DataView(u8.buffer);
}

/** Counters per slot (flows, octets, packets, duration) and the four totals, the plain way. */
function reference(fmt: (typeof FORMATS)[number], v: RecordView, n: number): { slots: Map<number, number[]>; totals: number[] } {
  const slots = new Map<number, number[]>();
  const totals = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    v.p = i * v.layout.size;
    if (fmt.tcpUdpOnly && v.prot !== 6 && v.prot !== 17) continue;
    const fl = fmt.dflows && v.has('dFlows') ? v.dFlows : 1;
    const add = [fl, v.dOctets, v.dPkts, (v.Last - v.First) >>> 0];
    const keys = fmt.key === 'ports' ? [v.srcport, v.dstport] : [v.get(fmt.fields![0]!)];
    for (const k of keys) {
      const s = slots.get(k) ?? [0, 0, 0, 0];
      add.forEach((x, c) => { s[c] += x; totals[c] += x; });
      slots.set(k, s);
    }
  }
  return { slots, totals };
}

function asMap(keys: Uint32Array, vals: Float64Array): Map<number, number[]> {
  return new Map([...keys].map((k, i) => [k, [...vals.subarray(i * 4, i * 4 + 4)]]));
}

describe('generated array-report loop', () => {
  for (const fmt of ARRAY_FORMATS) {
    for (const layout of LAYOUTS.filter((l) => hasFields(l, [...fmt.needs]))) {
      for (const le of [true, false]) {
        it(`f${fmt.id} v${layout.id} ${le ? 'LE' : 'BE'}: one run, or one record at a time, gives the reference`, () => {
          const n = 2000;
          const dv = records(n, layout.size, fmt.id * 31 + layout.size, layout.offsets.prot);
          const want = reference(fmt, new RecordView(layout, dv, le), n);
          const batch = arrayAggregator(fmt, layout, le);
          batch.records(dv, 0, 700 * layout.size);
          batch.records(dv, 700 * layout.size, n * layout.size);
          const single = arrayAggregator(fmt, layout, le);
          const v = new RecordView(layout, dv, le);
          for (let i = 0; i < n; i++) { v.p = i * layout.size; single.record(v); }
          for (const p of [batch.finish(), single.finish()]) {
            expect(asMap(p.keys, p.vals)).toEqual(want.slots);
            expect([...p.totals.subarray(0, 4)].map((x, c) => x + p.totals[4 + c]! * 2 ** 32)).toEqual(want.totals);
          }
        });
      }
    }
  }

  it('a run longer than the check interval adds every record once', () => {
    const fmt = FORMATS[7]!, layout = layoutOf('5'), o = layout.offsets;
    const n = CHECK_EVERY + 12345;
    const dv = new DataView(new ArrayBuffer(n * layout.size));
    const want = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const p = i * layout.size;
      dv.setUint8(p + o.prot, i % 7 ? 6 : 1);
      dv.setUint16(p + o.srcport, i % 1000, true);
      dv.setUint16(p + o.dstport, i % 333, true);
      dv.setUint32(p + o.dOctets, (i * 2654435761) >>> 0, true);
      dv.setUint32(p + o.dPkts, i, true);
      dv.setUint32(p + o.Last, i % 5000, true);
      if (i % 7) [1, (i * 2654435761) >>> 0, i, i % 5000].forEach((x, c) => { want[c] += 2 * x; });
    }
    const whole = arrayAggregator(fmt, layout, true);
    whole.records(dv, 0, n * layout.size);
    const single = arrayAggregator(fmt, layout, true);
    const v = new RecordView(layout, dv, true);
    for (let i = 0; i < n; i++) { v.p = i * layout.size; single.record(v); }
    const [a, b] = [whole.finish(), single.finish()];
    expect(a.n).toBe(b.n);
    expect([...a.keys]).toEqual([...b.keys]);
    expect([...a.vals]).toEqual([...b.vals]);
    expect(a.hi ? [...a.hi] : null).toEqual(b.hi ? [...b.hi] : null);
    expect([0, 1, 2, 3].map((c) => a.totals[c]! + a.totals[4 + c]! * 2 ** 32)).toEqual(want);
  });

  it('bakes in offsets and byte order, and reads dFlows only where the layout has it', () => {
    const f5 = FORMATS[5]!;
    const v5 = arrayRunSource(f5, layoutOf('5'), true);
    expect(v5).toContain('dv.getUint16(p + 50, true)');
    expect(v5).toContain('const fl = 1,');
    expect(v5).not.toMatch(/\ble\b/);
    const v81 = arrayRunSource(FORMATS[19]!, layoutOf('8.1'), false);
    expect(v81).toContain('const fl = dv.getUint32(p + 16, false)');
    expect(arrayRunSource(FORMATS[7]!, layoutOf('5'), true).match(/vals\[x\] \+= fl/g)).toHaveLength(2);
    // 65,536-slot tables are read ahead block by block (both ports for f7); 256-slot ones are not
    expect(v5).toContain('sink += vals[dv.getUint16(p + 50, true) * 4];');
    expect(arrayRunSource(FORMATS[7]!, layoutOf('5'), true)).toContain('sink += vals[dv.getUint16(p + 48, true) * 4] + vals[dv.getUint16(p + 50, true) * 4];');
    expect(arrayRunSource(FORMATS[12]!, layoutOf('5'), true)).not.toContain('sink +=');
  });
});
