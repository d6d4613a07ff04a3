/**
 * A merge job's segment: the earliest position of every key whatever the partials' order,
 * positions as Uint32 below 2^32 events and as Float64 past them, a segment's memory sized from
 * its distinct keys (grown when the estimate falls short, cut when it was far over), and the print
 * order's first-seen walk read from it.
 */
import { describe, expect, it } from 'vitest';
import { printOrder } from '../../../src/stat/hash-order.ts';
import { dropStageScratch } from '../../../src/stat/stage-memory.ts';
import { mergeJob, type PartialRef } from '../../../src/stat/part-merge.ts';
import { keyHash, partOf } from '../../../src/stat/part-store.ts';
import { partialBytes, partialViews } from '../../../src/stat/partial.ts';
import { RefTable } from '../../../src/stat/ref-table.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { StatAccumulator } from '../../../src/stat/accumulate.ts';
import { mergeAll } from '../../../src/stat/merge-run.ts';
import { hashAggregator } from '../../../src/stat/hash-stage.ts';
import { layoutOf, merge, options, partials, render, rng, shuffle } from './harness.ts';

/** A one-partition partial of keys (w 1), each seen first at the given task event, one flow each. */
function partial(keys: number[], first: number[], base: number): PartialRef {
  const n = keys.length;
  const buf = new SharedArrayBuffer(partialBytes(n, 1, 0, true));
  const v = partialViews(buf, n, 1, 0, true);
  v.offsets[1] = n;
  keys.forEach((k, i) => { v.keys[i] = k; v.first[i] = first[i]!; v.vals.set([1, 10, 2, 0], i * 4); });
  return { buf, at: 0, n, base, narrow: true };
}

const job = (parts: PartialRef[], widePos: boolean) => mergeJob({ kind: 'stat-merge', w: 1, partBits: 0, from: 0, to: 1, partials: parts, widePos });

describe('merge job segments', () => {
  it('keeps the earliest position of each key, in whatever order the partials come', () => {
    const a = partial([5, 6, 7], [0, 1, 2], 0);
    const b = partial([7, 8, 5], [0, 1, 2], 3);
    for (const parts of [[a, b], [b, a]]) {
      const { seg } = job(parts, false);
      const t = new RefTable(1, 0, [seg]);
      const at = new Map<number, number>();
      for (let e = 0; e < t.n; e++) at.set(t.key(e, 0), t.pos[0]![e]!);
      expect(Object.fromEntries(at)).toEqual({ 5: 0, 6: 1, 7: 2, 8: 4 });
      expect(t.lo(0, 0) + t.lo(1, 0) + t.lo(2, 0) + t.lo(3, 0)).toBe(6);
      // the unsorted print order is first-seen order
      expect([...printOrder(t, 'c32', 0)].map((r) => t.key(r, 0))).toEqual([5, 6, 7, 8]);
    }
  });

  it('stores positions as Uint32 below 2^32 events and as Float64 past them, exactly', () => {
    const narrow = job([partial([1, 2], [0, 1], 2 ** 32 - 2)], false).seg;
    expect(narrow.wide).toBe(false);
    expect([...new RefTable(1, 0, [narrow]).pos[0]!.subarray(0, 2)]).toEqual([2 ** 32 - 2, 2 ** 32 - 1]);
    const far = 2 ** 40 + 3;
    const wide = job([partial([1, 2], [0, 1], far), partial([2, 3], [0, 1], far + 2)], true).seg;
    const t = new RefTable(1, 0, [wide]);
    expect(wide.wide).toBe(true);
    expect(t.pos[0]).toBeInstanceOf(Float64Array);
    expect([...t.pos[0]!.subarray(0, 3)]).toEqual([far, far + 1, far + 3]);
    expect(wide.most).toBe(far + 3);
    expect([...printOrder(t, 'c32', 0)].map((r) => t.key(r, 0))).toEqual([1, 2, 3]);
  });

  it('sizes a segment from its distinct keys when keys repeat across partials, and keeps a dense one in place', () => {
    const keys = Array.from({ length: 100 }, (_, i) => i);
    const first = keys.map((i) => i);
    const repeated = job([partial(keys, first, 0), partial(keys, first, 100), partial(keys, first, 200)], false).seg;
    expect(repeated.n).toBe(100);
    // memory for the distinct keys and a little slack, not for the 300 partial entries
    expect(repeated.ent.byteLength).toBeGreaterThanOrEqual(100 * 5 * 4);
    expect(repeated.ent.byteLength).toBeLessThanOrEqual(110 * 5 * 4);
    const dense = job([partial(keys.slice(0, 50), first.slice(0, 50), 0), partial(keys.slice(50), first.slice(0, 50), 50)], false).seg;
    expect(dense.n).toBe(100);
    expect(dense.most).toBe(99);
  });

  it('grows a segment whose later partitions hold more distinct keys than the first predicted, and cuts one that holds fewer', () => {
    const bits = 3;
    /** a partial of the given keys, each in its hash's partition, first seen at its index */
    const parted = (ks: number[], base: number): PartialRef => {
      const byPart = Array.from({ length: 1 << bits }, () => [] as number[]);
      for (const k of ks) byPart[partOf(keyHash(k, 0, 0), bits)]!.push(k);
      const order = byPart.flat();
      const buf = new SharedArrayBuffer(partialBytes(order.length, 1, bits, true));
      const v = partialViews(buf, order.length, 1, bits, true);
      byPart.forEach((l, p) => { v.offsets[p + 1] = v.offsets[p]! + l.length; });
      order.forEach((k, i) => { v.keys[i] = k; v.first[i] = ks.indexOf(k); v.vals.set([1, k, 2, 0], i * 4); });
      return { buf, at: 0, n: order.length, base, narrow: true };
    };
    const keysIn = (p: number, count: number, from: number): number[] => {
      const out: number[] = [];
      for (let k = from; out.length < count; k++) if (partOf(keyHash(k, 0, 0), bits) === p) out.push(k);
      return out;
    };
    // partition 0: 50 keys repeated in four partials (predicts a quarter); partitions 1-7: 400 keys seen once
    const common = keysIn(0, 50, 1);
    const rare = Array.from({ length: 7 }, (_, i) => keysIn(i + 1, 400, 1_000_000 * (i + 1))).flat();
    const parts = [0, 1, 2, 3].map((j) => parted([...common, ...rare.slice(j * 700, (j + 1) * 700)], j * 1000));
    const check = (seg: ReturnType<typeof job>['seg'], distinct: number) => {
      const t = new RefTable(1, 0, [seg]);
      expect(t.n).toBe(distinct);
      const seen = new Map<number, number[]>();
      for (let e = 0; e < t.n; e++) seen.set(t.key(e, 0), [t.lo(e, 0), t.lo(e, 1), t.pos[0]![e]!]);
      for (const k of common) expect(seen.get(k)).toEqual([4, 4 * k, common.indexOf(k)]);
      for (const k of rare) expect(seen.get(k)?.slice(0, 2)).toEqual([1, k]);
      expect(seg.ent.byteLength).toBeLessThanOrEqual(Math.ceil(distinct * 1.34) * 5 * 4);
    };
    const grown = mergeJob({ kind: 'stat-merge', w: 1, partBits: bits, from: 0, to: 1 << bits, partials: parts, widePos: false }).seg;
    check(grown, 50 + 2800);
    // the other way round: partition 0 predicts every entry distinct, the other partitions repeat
    const own = keysIn(0, 40, 5_000_000);
    const shared = Array.from({ length: 7 }, (_, i) => keysIn(i + 1, 30, 1_000_000 * (i + 1))).flat();
    const few = [0, 1, 2, 3].map((j) => parted([...own.slice(j * 10, (j + 1) * 10), ...shared], j * 1000));
    const cut = mergeJob({ kind: 'stat-merge', w: 1, partBits: bits, from: 0, to: 1 << bits, partials: few, widePos: false }).seg;
    expect(cut.n).toBe(250);
    expect(cut.ent.byteLength).toBe(250 * 5 * 4);
  });

  it('carries counter sums past 2^32 into high parts, exactly, from narrow and wide partials', () => {
    /** one key (w 1) with the four counters given, stored narrow (Uint32) or wide (Float64) */
    const one = (key: number, vals: number[], base: number): PartialRef => {
      const narrow = vals.every((x) => x < 2 ** 32);
      const buf = new SharedArrayBuffer(partialBytes(1, 1, 0, narrow));
      const v = partialViews(buf, 1, 1, 0, narrow);
      v.offsets[1] = 1;
      v.keys[0] = key; v.first[0] = 0; v.vals.set(vals);
      return { buf, at: 0, n: 1, base, narrow };
    };
    const big = 2 ** 50 - 1;
    const parts = [
      one(9, [2 ** 32 - 1, 2 ** 32 - 1, 5, 0], 0), // narrow, at the edge
      one(9, [1, 1, 2 ** 32 - 5, 7], 1), // the sums cross 2^32 on a repeated key
      one(4, [big, 3, big, 1], 2), // a first sight already past 2^32 (wide partial)
      one(9, [big, big, big, big], 3),
      one(4, [big, 2 ** 32, 1, 1], 4),
    ];
    const t = new RefTable(1, 0, [job(parts, false).seg]);
    const sums = new Map<number, number[]>();
    for (let e = 0; e < t.n; e++) sums.set(t.key(e, 0), [0, 1, 2, 3].map((c) => t.high(e, c) * 2 ** 32 + t.lo(e, c)));
    // sums below 2^53 compare exactly as numbers
    expect(sums.get(9)).toEqual([2 ** 32 + big, 2 ** 32 + big, 2 ** 32 + big, 7 + big]);
    expect(sums.get(4)).toEqual([2 * big, 3 + 2 ** 32, big + 1, 2]);
    for (let e = 0; e < t.n; e++) for (let c = 0; c < 4; c++) expect(t.lo(e, c)).toBeLessThan(2 ** 32);
  });

  it('keeps big partials group by group in slabs, and merges them as if each region had its own buffer', () => {
    dropStageScratch();
    // 40,000 distinct pairs per range: partials of about 1 MB, so their regions come from the slabs
    const flows = Array.from({ length: 80_000 }, (_, i) => ({ srcaddr: i * 2654435761 >>> 0, dstaddr: i % 977, dPkts: 1 + (i % 5), dOctets: 40 + i, First: 0, Last: i }));
    const recs = encodeRecords(flows, '5');
    const [a, b] = partials(recs, layoutOf('5'), 10, [[0, 40_000], [40_000, 80_000]], true, 6);
    const pa = a!.parts!, pb = b!.parts!;
    // 64 partitions in 16 groups of 4: group g's regions of both partials share a slab of their own
    expect(pa.groupBits).toBe(4);
    expect(pa.grouped).toBe(true);
    expect(new Set(pa.bufs).size).toBe(16);
    for (let g = 0; g < 16; g++) {
      expect(pb.bufs[g]).toBe(pa.bufs[g]);
      expect(pa.ats[g]).toBe(0);
      expect(pb.ats[g]).toBe(partialBytes(pa.ns[g]!, 2, 2, pa.narrow));
      expect(pb.ats[g]! % 8).toBe(0);
    }
    expect(pa.ns.reduce((s, n) => s + n, 0)).toBe(a!.n);
    expect(pa.bytes).toBe(pa.ns.reduce((s, n) => s + partialBytes(n, 2, 2, pa.narrow), 0));
    // each group's regions, copied to buffers of their own, merge to the same segment
    const own = (p: typeof pa, g: number, base: number): PartialRef => {
      const bytes = partialBytes(p.ns[g]!, 2, 2, p.narrow);
      const buf = new SharedArrayBuffer(bytes);
      new Uint8Array(buf).set(new Uint8Array(p.bufs[g]!, p.ats[g]!, bytes));
      return { buf, at: 0, n: p.ns[g]!, base, narrow: p.narrow };
    };
    const ref = (p: typeof pa, g: number, base: number): PartialRef => ({ buf: p.bufs[g]!, at: p.ats[g]!, n: p.ns[g]!, base, narrow: p.narrow });
    const run = (parts: PartialRef[]) => mergeJob({ kind: 'stat-merge', w: 2, partBits: 2, from: 0, to: 4, partials: parts, widePos: false }).seg;
    let n = 0;
    for (let g = 0; g < 16; g++) {
      const inSlab = run([ref(pa, g, 0), ref(pb, g, 40_000)]);
      const alone = run([own(pa, g, 0), own(pb, g, 40_000)]);
      n += inSlab.n;
      expect(new Uint32Array(inSlab.ent).subarray(0, inSlab.n * 6)).toEqual(new Uint32Array(alone.ent).subarray(0, alone.n * 6));
      expect(new Uint32Array(inSlab.pos).subarray(0, inSlab.n)).toEqual(new Uint32Array(alone.pos).subarray(0, alone.n));
    }
    expect(n).toBe(80_000);
    dropStageScratch();
  });

  it('keeps the partials of a small run whole, one after another in the thread\'s common slab', () => {
    dropStageScratch();
    const flows = Array.from({ length: 40_000 }, (_, i) => ({ srcaddr: i * 2654435761 >>> 0, dstaddr: i % 977, dPkts: 1, dOctets: 40, First: 0, Last: i }));
    const bytes = encodeRecords(flows, '5');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // the run is twice the task: its partials come nowhere near GROUPED_FROM
    const task = () => {
      const agg = hashAggregator(FORMATS[10]!, layoutOf('5'), true, () => undefined, 6, 40_000, undefined, {}, 0, 2);
      agg.records(dv, 0, bytes.byteLength);
      return agg.finish().parts!;
    };
    const a = task(), b = task();
    expect(a.grouped).toBe(false);
    expect(new Set([...a.bufs, ...b.bufs]).size).toBe(1);
    // regions in group order, b's after a's
    let at = 0;
    for (const p of [a, b]) {
      for (let g = 0; g < 16; g++) {
        expect(p.ats[g]).toBe(at);
        at += partialBytes(p.ns[g]!, 2, 2, p.narrow);
      }
    }
    dropStageScratch();
  });

  it('hands the merge jobs out one by one, each job one group of every partial, segments in group order', async () => {
    const flows = Array.from({ length: 30_000 }, (_, i) => ({ srcaddr: (i * 40503) >>> 0, dstaddr: i % 301, dPkts: 1, dOctets: 40 + (i % 7), First: 0, Last: i }));
    const recs = encodeRecords(flows, '5');
    const ps = partials(recs, layoutOf('5'), 10, [[0, 10_000], [10_000, 20_000], [20_000, 30_000]], true, 6);
    const acc = new StatAccumulator(FORMATS[10]!);
    ps.forEach((p, i) => acc.add(p, i));
    const jobs = acc.mergeJobs();
    expect(jobs).toHaveLength(16);
    // small partials: nothing to free as the merge goes
    expect(jobs.every((j) => !j.free && j.partBits === 2 && j.to === 4)).toBe(true);
    // positions count the events (one a flow here) of the tasks before in input order
    expect(jobs[0]!.partials.map((r) => r.base)).toEqual([0, 10_000, 20_000]);
    // the jobs took the buffers over: a payload still referenced elsewhere holds no group's slab
    expect(ps.every((p) => p.parts!.bufs.length === 0 && p.parts!.earlier === undefined)).toBe(true);
    const want = jobs.map((j) => mergeJob(j).seg);
    const segs = await mergeAll(jobs, 0);
    expect(jobs).toHaveLength(0);
    expect(segs.map((d) => d.n)).toEqual(want.map((d) => d.n));
    segs.forEach((d, g) => expect(new Uint32Array(d.ent).subarray(0, d.n * 6)).toEqual(new Uint32Array(want[g]!.ent).subarray(0, d.n * 6)));
    // every key in the segment of its hash's group
    segs.forEach((d, g) => {
      const e = new Uint32Array(d.ent);
      for (let i = 0; i < d.n; i++) expect(partOf(keyHash(e[i * 6]!, e[i * 6 + 1]!, 0), 4)).toBe(g);
    });
  });

  it('a task that writes partials out before its end merges as if it had written one', () => {
    // busy keys and keys that come once, in three tasks: written out every 300 entries, or never
    const r = rng(31);
    const flows = Array.from({ length: 24_000 }, (_, i) => ({
      srcaddr: i % 4 === 0 ? 0x0a000000 + (i % 13) : 0xc0000000 + Math.floor(r() * 40_000), dstaddr: 0x0b000000 + (i % 251),
      dPkts: 1 + (i % 3), dOctets: 40 + (i % 1500), First: 0, Last: i % 977,
    }));
    const bytes = encodeRecords(flows, '5');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const report = (format: number, flushEntries: number, sortOrder: number): string => {
      const acc = new StatAccumulator(FORMATS[format]!);
      let wrote = 0;
      // tasks added out of input order
      for (const t of [1, 0, 2]) {
        const agg = hashAggregator(FORMATS[format]!, layoutOf('5'), true, () => undefined, 4, 8000, undefined, { directMax: -1, flushEntries });
        agg.records(dv, t * 8000 * 64, (t + 1) * 8000 * 64);
        const p = agg.finish();
        wrote += p.parts!.earlier?.length ?? 0;
        acc.add(p, t, 8000);
      }
      if (flushEntries < Infinity) expect(wrote).toBeGreaterThan(6);
      return render(acc.result(), options(format, { sortOrder })).out;
    };
    for (const format of [9, 10, 11]) {
      for (const sortOrder of [0, 1, -3]) expect(report(format, 300, sortOrder)).toBe(report(format, Infinity, sortOrder));
    }
    dropStageScratch();
  });

  it('lets the scan stage memory go once the scan is over', () => {
    const recs = encodeRecords(Array.from({ length: 200 }, (_, i) => ({ srcaddr: i, dstaddr: i * 7, dPkts: 1, dOctets: 40, First: 0, Last: 1 })), '5');
    partials(recs, layoutOf('5'), 10, [[0, 200]]);
    expect(dropStageScratch()).toBeGreaterThan(0);
    expect(dropStageScratch()).toBe(0);
  });
});

// An archive of small files gives a hash report one partial per file: past GATHER_FROM (256) a
// merge job gathers its partitions' entries from every partial first. The report must be the one
// a few big partials give: same keys, sums, first-seen order (the walk) and sorted order.
describe('merging many small partials', () => {
  const r = rng(11);
  const n = 12_000;
  const recs = encodeRecords(Array.from({ length: n }, (_, i) => ({
    srcaddr: 0x0a000000 + Math.floor(r() * 3000), dstaddr: 0x0b000000 + Math.floor(r() * 40) + (i % 5),
    srcport: Math.floor(r() * 70), dPkts: 1 + Math.floor(r() * 4), dOctets: 40 * (1 + Math.floor(r() * 30)), First: 0, Last: Math.floor(r() * 5),
  })), '5');
  const layout = layoutOf('5');
  const small = Array.from({ length: 400 }, (_, i) => [(i * n) / 400, ((i + 1) * n) / 400] as [number, number]);
  for (const [format, sort] of [[10, 0], [10, -3], [11, 2], [9, 0], [9, 3]] as const) {
    it(`report ${format}${sort ? ` sorted on ${Math.abs(sort) - 1}` : ''}: 400 partials, shuffled, print as 2 do${format === 9 ? " (-w)" : ""}`, () => {
      const few = merge(format, partials(recs, layout, format, [[0, 5000], [5000, n]], true, 4).map((p, seq) => ({ seq, p })));
      const many = partials(recs, layout, format, small, true, 4).map((p, seq) => ({ seq, p }));
      const o = options(format, { sortOrder: sort, wide: format === 9 });
      const want = render(few, o).out;
      expect(want.split('\n').length).toBeGreaterThan(1000);
      expect(render(merge(format, shuffle(many, r)), o).out).toBe(want);
    });
  }
});
