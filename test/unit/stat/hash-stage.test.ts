/**
 * One task's partial from the hash stage, checked against a plain count of the records: every key
 * in its hash partition, the sums of its runs equal to the key's flows (dFlows on v8 layouts, one
 * per flow otherwise), octets, packets and duration, and its earliest run holding the first event
 * that saw it. Buckets are small here (expected events 1), so they fill and drain mid-task. Records
 * go to the stage one at a time (as under a filter) and in runs (the generated loop's whole buffers),
 * into the task's direct table, staged by partition, or first the one and then the other.
 */
import { describe, expect, it } from 'vitest';
import { RecordView } from '../../../src/format/record.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { hashAggregator } from '../../../src/stat/hash-stage.ts';
import { keyHash, partOf } from '../../../src/stat/part-store.ts';
import { encodeRecords, type Rec } from '../../helpers/flowfile.ts';
import { layoutOf, rng, wholePartial } from './harness.ts';

function records(n: number, seed: number): Rec[] {
  const r = rng(seed);
  const pick = (k: number): number => Math.floor(r() * k);
  return Array.from({ length: n }, (_, i) => ({
    srcaddr: 0x0a000000 + pick(900), dstaddr: 0x0a000000 + pick(900), src_as: pick(40), dst_as: pick(40),
    dPkts: 1 + pick(9), dOctets: 40 + pick(5000), First: 1000 + i, Last: 1000 + i + pick(3000), dFlows: 1 + (i % 5),
  }));
}

/** Per key (words joined): flows, octets, packets, duration and the first event, counted directly. */
function direct(recs: Rec[], keysOf: (r: Rec) => number[][], dflows: boolean): Map<string, number[]> {
  const m = new Map<string, number[]>();
  let ev = 0;
  for (const r of recs) {
    for (const k of keysOf(r)) {
      const id = k.join(',');
      const s = m.get(id) ?? [0, 0, 0, 0, ev];
      s[0]! += dflows ? r.dFlows! : 1; s[1]! += r.dOctets!; s[2]! += r.dPkts!; s[3]! += r.Last! - r.First!;
      m.set(id, s);
      ev++;
    }
  }
  return m;
}

/**
 * The stage's sums per key, records handed over one at a time and as runs, each with the task's keys
 * in one direct table throughout, staged by partition from the start, and switching from the one to
 * the other after the first steps (the same, or it throws).
 */
function stage(recs: Rec[], version: string, format: number, partBits: number): Map<string, number[]> {
  const one = stageBy(recs, version, format, partBits, false, Infinity);
  for (const directMax of [Infinity, -1, 300]) {
    expect(stageBy(recs, version, format, partBits, true, directMax)).toEqual(one);
    expect(stageBy(recs, version, format, partBits, false, directMax)).toEqual(one);
  }
  // a direct table that starts again empty every 1,000 events (its sums stay exact)
  expect(stageBy(recs, version, format, partBits, true, Infinity, 1000)).toEqual(one);
  return one;
}

function stageBy(
  recs: Rec[], version: string, format: number, partBits: number, runs: boolean, directMax: number, directEvents?: number, copyAfter?: number,
): Map<string, number[]> {
  const layout = layoutOf(version);
  const bytes = encodeRecords(recs, version);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const agg = hashAggregator(FORMATS[format]!, layout, true, () => undefined, partBits, 1, undefined, { directMax, directEvents, copyAfter: copyAfter ?? 1e15 });
  const view = new RecordView(layout, dv, true);
  if (runs) {
    // two runs, the cut in the middle of a bucket
    const cut = Math.floor(recs.length / 3) * layout.size;
    agg.records(dv, 0, cut);
    agg.records(dv, cut, recs.length * layout.size);
  } else {
    for (let i = 0; i < recs.length; i++) agg.record(view.at(i * layout.size));
  }
  const p = agg.finish();
  const { offsets, keys, first, vals } = wholePartial(p);
  const m = new Map<string, number[]>();
  for (let part = 0; part < 1 << partBits; part++) {
    for (let e = offsets[part]!; e < offsets[part + 1]!; e++) {
      const k = [...keys.subarray(e * p.w, (e + 1) * p.w)];
      expect(partOf(keyHash(k[0]!, k[1] ?? 0, k[2] ?? 0), partBits)).toBe(part);
      const id = k.join(',');
      const s = m.get(id) ?? [0, 0, 0, 0, Infinity];
      for (let c = 0; c < 4; c++) s[c]! += vals[e * 4 + c]!;
      s[4] = Math.min(s[4]!, first[e]!);
      m.set(id, s);
    }
  }
  return m;
}

describe('hash stage', () => {
  it('f11 on v5: two keys per flow, one flow each, runs summing to the direct count', () => {
    const recs = records(6000, 4);
    const want = direct(recs, (r) => [[r.srcaddr!], [r.dstaddr!]], false);
    for (const bits of [0, 3, 6]) expect(stage(recs, '5', 11, bits)).toEqual(want);
  });

  it('f21 on v8.1: dFlows counted as flows', () => {
    const recs = records(6000, 9);
    const want = direct(recs, (r) => [[((r.src_as! << 16) | r.dst_as!) >>> 0]], true);
    for (const bits of [0, 4]) expect(stage(recs, '8.1', 21, bits)).toEqual(want);
  });

  it('f11 with 40,000 keys: the direct table grows and rehashes many times, losing no key', () => {
    const r = rng(11);
    const recs: Rec[] = Array.from({ length: 20_000 }, (_, i) => ({
      srcaddr: 0x0a000000 + i * 7, dstaddr: 0xc0000000 + Math.floor(r() * 30_000), dPkts: 1, dOctets: 40 + i, First: 0, Last: i,
    }));
    const want = direct(recs, (x) => [[x.srcaddr!], [x.dstaddr!]], false);
    for (const bits of [0, 5]) {
      for (const directMax of [Infinity, 20_000]) expect(stageBy(recs, '5', 11, bits, true, directMax)).toEqual(want);
    }
  });

  it('a direct table writes its keys out every so many events, so no sum grows past what doubles hold exactly', () => {
    const n = 10_000, max = 0xffffffff;
    const recs: Rec[] = Array.from({ length: n }, (_, i) => ({ srcaddr: 0x0a000001, dstaddr: 0x0b000000 + (i % 50), dPkts: max, dOctets: max, First: 0, Last: max }));
    const layout = layoutOf('5');
    const bytes = encodeRecords(recs, '5');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const agg = hashAggregator(FORMATS[11]!, layout, true, () => undefined, 3, 1, undefined, { directMax: Infinity, directEvents: 3000 });
    agg.records(dv, 0, bytes.byteLength);
    const p = agg.finish();
    const { keys, vals } = wholePartial(p);
    const hot: number[] = [];
    for (let e = 0; e < p.n; e++) if (keys[e] === 0x0a000001) hot.push(vals[e * 4 + 1]!);
    // 20,000 events in generations of 3,000 and at most one step's 2 x 2,048 more
    expect(hot.length).toBeGreaterThanOrEqual(3);
    for (const oc of hot) expect(oc).toBeLessThanOrEqual((3000 + 2 * 2048) * max);
    expect(hot.reduce((a, b) => a + b, 0)).toBe(n * max);
  });

  it('f11 with both addresses in one partition: a flow whose first event fills a bucket puts its second in the room after it', () => {
    // one partition (bits 0) or few: each flow's two events land in one bucket of 16, so every
    // 8th flow fills it with its second event, and flows whose addresses differ fill it with either
    const r = rng(5);
    const recs: Rec[] = Array.from({ length: 4001 }, (_, i) => {
      const a = 0x0a000000 + Math.floor(r() * 50);
      return { srcaddr: a, dstaddr: i % 3 === 0 ? a : a + 1, dPkts: 1 + (i % 7), dOctets: 100 + i, First: 0, Last: i % 13 };
    });
    const want = direct(recs, (x) => [[x.srcaddr!], [x.dstaddr!]], false);
    for (const bits of [0, 1]) expect(stageBy(recs, '5', 11, bits, true, -1)).toEqual(want);
    // the same flows from the second on (one partition: every bucket is still filled by a flow's
    // second event; the two-partition run above has buckets filled by a first event)
    const later = recs.slice(1, 3000);
    expect(stageBy(later, '5', 11, 0, true, -1)).toEqual(direct(later, (x) => [[x.srcaddr!], [x.dstaddr!]], false));
  });

  it('buckets of mostly distinct keys are copied out, not aggregated: more entries, the same sums', () => {
    // nine flows in ten a key of their own, the tenth one hot key
    const recs: Rec[] = Array.from({ length: 5000 }, (_, i) => ({
      srcaddr: i % 10 === 0 ? 0x0a000001 : 0x0b000000 + i, dstaddr: 0x0c000001, dPkts: 1 + (i % 5), dOctets: 64 + i, First: i, Last: i + (i % 9),
    }));
    const want = direct(recs, (x) => [[x.srcaddr!, x.dstaddr!]], false);
    const entries = (copyAfter: number): number => {
      const layout = layoutOf('5');
      const bytes = encodeRecords(recs, '5');
      const agg = hashAggregator(FORMATS[10]!, layout, true, () => undefined, 2, 1, undefined, { directMax: -1, copyAfter });
      agg.records(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength);
      return agg.finish().n;
    };
    expect(entries(1e15)).toBeLessThan(4600);
    // copied from the first full bucket on: one entry per flow after it
    expect(entries(16)).toBeGreaterThan(4900);
    for (const bits of [0, 2]) {
      expect(stageBy(recs, '5', 10, bits, true, -1, undefined, 16)).toEqual(want);
      expect(stageBy(recs, '5', 10, bits, false, Infinity, undefined, 16)).toEqual(want);
    }
  });

  it('a task copies from its start only after a task of the same run copied', () => {
    const layout = layoutOf('5');
    const task = (recs: Rec[], run: number): number => {
      const bytes = encodeRecords(recs, '5');
      const agg = hashAggregator(FORMATS[10]!, layout, true, () => undefined, 2, recs.length, undefined, {}, run);
      agg.records(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength);
      return agg.finish().n;
    };
    const distinct: Rec[] = Array.from({ length: 100_000 }, (_, i) => ({ srcaddr: i, dstaddr: 1, dPkts: 1, dOctets: 1, First: 0, Last: 0 }));
    const repeated: Rec[] = Array.from({ length: 20_000 }, (_, i) => ({ srcaddr: i % 50, dstaddr: 1, dPkts: 1, dOctets: 1, First: 0, Last: 0 }));
    expect(task(distinct, 901)).toBe(100_000);
    // the same run: copied from the start, an entry per flow
    expect(task(repeated, 901)).toBe(20_000);
    // another run: aggregated
    expect(task(repeated, 902)).toBeLessThan(2_000);
  });

  it('f10 on v5: two-word keys', () => {
    const recs = records(6000, 2);
    expect(stage(recs, '5', 10, 5)).toEqual(direct(recs, (r) => [[r.srcaddr!, r.dstaddr!]], false));
  });
});
