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
  // the output written out as partials of their own every 200 entries
  expect(stageWith(recs, version, format, partBits, true, { directMax: -1, copyAfter: 1e15, flushEntries: 200 })).toEqual(one);
  return one;
}

function stageBy(
  recs: Rec[], version: string, format: number, partBits: number, runs: boolean, directMax: number, directEvents?: number, copyAfter?: number,
): Map<string, number[]> {
  return stageWith(recs, version, format, partBits, runs, { directMax, directEvents, copyAfter: copyAfter ?? 1e15 });
}

function stageWith(
  recs: Rec[], version: string, format: number, partBits: number, runs: boolean, tune: Parameters<typeof hashAggregator>[7], run = 0,
): Map<string, number[]> {
  const layout = layoutOf(version);
  const bytes = encodeRecords(recs, version);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const agg = hashAggregator(FORMATS[format]!, layout, true, () => undefined, partBits, 1, undefined, tune, run);
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

/** stageBy with any tuning and a run id (records in two runs, partitions and sums checked the same way). */
function stageByTuned(recs: Rec[], format: number, partBits: number, tune: Parameters<typeof hashAggregator>[7], run = 0): Map<string, number[]> {
  return stageWith(recs, '5', format, partBits, true, tune, run);
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
      const agg = hashAggregator(FORMATS[10]!, layout, true, () => undefined, 2, 1, undefined, { directMax: -1, copyAfter, hotMin });
      agg.records(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength);
      return agg.finish().n;
    };
    let hotMin = Infinity;
    expect(entries(1e15)).toBeLessThan(4600);
    // copied from the first full bucket on: one entry per flow after it
    expect(entries(16)).toBeGreaterThan(4900);
    // the hot key's flows (one in ten) go through the hot-key cache once it has filled a bucket
    hotMin = 8;
    expect(entries(16)).toBeLessThan(4600);
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

  it('busy keys go through the hot-key cache: their sums and first events as counted, with fewer entries', () => {
    // three keys take two events in three, among keys that come once
    const r = rng(17);
    const busy = [0x0a000001, 0x0a000002, 0x0a000003];
    const recs: Rec[] = Array.from({ length: 30_000 }, (_, i) => ({
      srcaddr: busy[i % 3]!, dstaddr: i % 3 === 0 ? 0xc0000000 + i : busy[Math.floor(r() * 3)]!,
      dPkts: 1 + (i % 7), dOctets: 40 + i, First: i, Last: i + (i % 11),
    }));
    const want = direct(recs, (x) => [[x.srcaddr!], [x.dstaddr!]], false);
    const entries = (hotMin: number): number => {
      const layout = layoutOf('5');
      const bytes = encodeRecords(recs, '5');
      const agg = hashAggregator(FORMATS[11]!, layout, true, () => undefined, 3, 1, undefined, { directMax: -1, copyAfter: 1e15, hotMin });
      agg.records(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength);
      return agg.finish().n;
    };
    // 10,000 keys that come once; without the cache the busy keys have an entry per bucket they
    // fill (hundreds), with it one each
    expect(entries(Infinity)).toBeGreaterThan(10_200);
    expect(entries(8)).toBeLessThanOrEqual(10_000 + 3);
    for (const bits of [0, 3]) {
      expect(stageBy(recs, '5', 11, bits, true, -1)).toEqual(want);
      expect(stageBy(recs, '5', 11, bits, false, -1)).toEqual(want);
      // every key that fills a bucket twice takes a slot: slots change hands all the time
      expect(stageByTuned(recs, 11, bits, { directMax: -1, hotMin: 1 })).toEqual(want);
    }
  });

  it('a task after one that outgrew its direct table scouts a few steps, then starts the hot-key cache with them', () => {
    const r = rng(23);
    const recs: Rec[] = Array.from({ length: 40_000 }, (_, i) => ({
      srcaddr: 0x0a000000 + (i % 40), dstaddr: 0xc0000000 + Math.floor(r() * 1e6), dPkts: 1, dOctets: 100 + (i % 1000), First: 0, Last: i % 5,
    }));
    const want = direct(recs, (x) => [[x.srcaddr!], [x.dstaddr!]], false);
    // the run's first task outgrows its table (40,000 distinct keys and more); the second scouts
    const run = 7001;
    expect(stageByTuned(recs, 11, 6, {}, run)).toEqual(want);
    expect(stageByTuned(recs, 11, 6, {}, run)).toEqual(want);
    expect(stageByTuned(recs.slice(0, 9000), 11, 6, {}, run)).toEqual(direct(recs.slice(0, 9000), (x) => [[x.srcaddr!], [x.dstaddr!]], false));
  });

  it('a hot key adds at most a check\'s flows through the cache to one entry: its sums stay exact', () => {
    // 2^18 + 6,000 flows of the largest counters, one key in every flow: the cache is emptied at
    // the check after 2^18 flows, so the key's entries each hold at most a bucket and a check's worth
    const n = (1 << 18) + 6000, max = 0xffffffff;
    const recs: Rec[] = Array.from({ length: n }, (_, i) => ({
      srcaddr: 0x0a000001, dstaddr: 0x0b000000 + (i % 5000), dPkts: max, dOctets: max, First: 0, Last: max,
    }));
    const layout = layoutOf('5');
    const bytes = encodeRecords(recs, '5');
    const agg = hashAggregator(FORMATS[11]!, layout, true, () => undefined, 3, 1 << 16, undefined, { directMax: -1, copyAfter: 1e15 });
    agg.records(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.byteLength);
    const p = agg.finish();
    const { keys, vals } = wholePartial(p);
    const oc: number[] = [];
    for (let e = 0; e < p.n; e++) if (keys[e] === 0x0a000001) oc.push(vals[e * 4 + 1]!);
    expect(oc.length).toBeGreaterThanOrEqual(2);
    // buckets of 2^16 / 8 events: an entry holds a bucket's and then a check's flows at most
    for (const o of oc) expect(o).toBeLessThanOrEqual(((1 << 18) + (1 << 13)) * max);
    expect(oc.reduce((a, b) => a + b, 0)).toBe(n * max);
  });

  it('f10 on v5: two-word keys', () => {
    const recs = records(6000, 2);
    expect(stage(recs, '5', 10, 5)).toEqual(direct(recs, (r) => [[r.srcaddr!, r.dstaddr!]], false));
  });
});
