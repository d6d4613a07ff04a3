/**
 * Property: splitting an input into random ranges, aggregating each range separately and merging
 * the partials in random order prints the same report as one serial pass, for every report and
 * sort; and the row order of a table with more than 65,536 keys (several ftchash chunks) and many
 * ties matches an independent model of flow-stat's chunk walk and stable sort.
 */
import { describe, expect, it } from 'vitest';
import { encodeRecords, type Rec } from '../../helpers/flowfile.ts';
import { layoutOf, merge, options, partials, randomRanges, render, rng, shuffle } from './harness.ts';
import { RecordView } from '../../../src/format/record.ts';
import { statOp } from '../../../src/ops/stat-op.ts';
import { Spares } from '../../../src/engine/spares.ts';
import { payloadBuffers, type StatPayload } from '../../../src/stat/partial.ts';

function randomRecords(n: number, seed: number, hosts: number): Rec[] {
  const r = rng(seed);
  const pick = (k: number): number => Math.floor(r() * k);
  return Array.from({ length: n }, () => {
    const first = 1000 + pick(50000);
    return {
      unix_secs: 1_120_000_000 + pick(300), unix_nsecs: pick(1e9), sysUpTime: 900_000,
      exaddr: 0xac100000 + pick(3), srcaddr: 0x0a000000 + pick(hosts), dstaddr: 0x0a000000 + pick(hosts),
      nexthop: 0xc0a80001 + pick(4), input: pick(5), output: pick(5),
      dPkts: pick(6), dOctets: pick(4) * 40 + pick(2000), First: first, Last: first + pick(40000),
      srcport: [80, 443, 53, 1234, 40000][pick(5)], dstport: [80, 443, 53, 25, 40001][pick(5)],
      prot: [6, 17, 1, 47][pick(4)], tos: pick(3) * 8, tcp_flags: pick(64),
      engine_type: pick(2), engine_id: pick(3), src_mask: [0, 8, 16, 24, 32, 40][pick(6)], dst_mask: [0, 16, 24][pick(3)],
      src_as: pick(4), dst_as: pick(4), src_tag: pick(5), dst_tag: pick(5),
    };
  });
}

const SORTS = [0, 1, -1, 2, -2, 3, 4, -5, 6, -7];

describe('flow-stat partial merge', () => {
  const layout = layoutOf('1005');
  const recs = encodeRecords(randomRecords(3000, 7, 40), '1005');
  const n = 3000;

  for (let format = 0; format <= 32; format++) {
    it(`f${format}: random splits merged in random order equal one serial pass`, () => {
      const rand = rng(100 + format);
      const serial = merge(format, partials(recs, layout, format, [[0, n]]).map((p) => ({ seq: 0, p })));
      for (let trial = 0; trial < 3; trial++) {
        const ranges = randomRanges(n, 2 + Math.floor(rand() * 8), rand);
        // partitioned as a big run would be: any partitioning merges to the serial pass
        const parts = partials(recs, layout, format, ranges, true, trial * 3).map((p, seq) => ({ seq, p }));
        const split = merge(format, shuffle(parts, rand));
        for (const sortOrder of SORTS) {
          for (const flags of [{}, { percent: true, wide: true }, { names: true, tally: 5, percent: true }]) {
            const o = options(format, { sortOrder, ...flags });
            expect(render(split, o)).toEqual(render(serial, o));
          }
        }
      }
    });
  }

  it('v8.1 (dFlows counts as flows): splits equal serial', () => {
    const l8 = layoutOf('8.1');
    const recs8 = encodeRecords(randomRecords(500, 3, 20).map((r, i) => ({ ...r, dFlows: 1 + (i % 4) })), '8.1');
    for (const format of [0, 15, 17, 19, 21, 23, 28]) {
      const serial = merge(format, partials(recs8, l8, format, [[0, 500]]).map((p) => ({ seq: 0, p })));
      const parts = partials(recs8, l8, format, [[0, 100], [100, 101], [101, 400], [400, 500]]).map((p, seq) => ({ seq, p }));
      expect(render(merge(format, parts.reverse()), options(format, { sortOrder: 3 }))).toEqual(render(serial, options(format, { sortOrder: 3 })));
    }
  });
});

describe('flow-stat array reports in one thread', () => {
  // zlib tasks of one worker interleave between inflate rounds, and results reuse spare buffers
  it('interleaved tasks with reused (stale) result buffers merge to the serial pass', () => {
    const layout = layoutOf('1005');
    const n = 24000;
    const recs = encodeRecords(randomRecords(n, 11, 60).map((r, i) => ({ ...r, dstport: (i * 7919) & 0xffff, srcport: (i * 104729) & 0xffff })), '1005');
    const dv = new DataView(recs.buffer, recs.byteOffset, recs.byteLength);
    const spares = new Spares();
    const given = new Set<ArrayBufferLike>();
    let reused = 0;
    const alloc = (b: number): ArrayBuffer => { const x = spares.take(b); if (given.has(x)) reused++; return x; };
    for (const format of [5, 6, 7, 12, 17, 19, 22]) {
      const serial = merge(format, partials(recs, layout, format, [[0, n]]).map((p) => ({ seq: 0, p })));
      const parts: Array<{ seq: number; p: StatPayload }> = [];
      for (let round = 0; round < 2; round++) {
        // three tasks fed record by record in turn, as interleaved tasks would be
        const ops = [0, 1, 2].map(() => statOp({ kind: 'stat', format }, {
          layout, littleEndian: true, file: 't', warn: () => undefined, expectedRecords: n / 6, alloc,
        }));
        const views = ops.map(() => new RecordView(layout, dv, true));
        for (let i = 0; i < n / 6; i++) {
          for (let t = 0; t < 3; t++) { views[t]!.p = (round * (n / 2) + t * (n / 6) + i) * layout.size; ops[t]!.record(views[t]!); }
        }
        for (const op of ops) {
          const p = op.finish().payload as StatPayload;
          parts.push({ seq: parts.length, p: structuredClone(p) });
          // dirty the buffers before they are reused
          for (const b of payloadBuffers(p)) { new Uint8Array(b).fill(0xa5); spares.give(b); given.add(b); }
        }
      }
      const o = options(format, { sortOrder: 1 });
      expect(render(merge(format, parts), o)).toEqual(render(serial, o));
    }
    expect(reused).toBeGreaterThan(0);
  });
});

/** flow-stat's row order modelled directly: insertion-ordered chunks walked newest first, stable sort. */
function modelOrder(keys: string[], value: Map<string, number>, sortOrder: number): string[] {
  const CH = 65536;
  const walk: string[] = [];
  for (let c = Math.floor((keys.length - 1) / CH); c >= 0; c--) walk.push(...keys.slice(c * CH, (c + 1) * CH));
  if (sortOrder === 0) return walk;
  const sorted = [...walk].sort((a, b) => value.get(a)! - value.get(b)!); // Array.prototype.sort is stable
  return sortOrder > 0 ? sorted.reverse() : sorted;
}

describe('flow-stat row order beyond one ftchash chunk', () => {
  // 160,000 flows over ~90,000 source addresses: several chunks, and flow counts 1-4 give many ties
  const N = 160_000;
  const r = rng(42);
  const src: number[] = [];
  for (let i = 0; i < N; i++) src.push(0x0b000000 + Math.floor(r() * 90_000));
  const recs = encodeRecords(src.map((s, i) => ({ srcaddr: s, dstaddr: 0x0c000000 + (i % 7), dPkts: 1 + (i % 3), dOctets: 100 + (i % 11), First: 0, Last: i % 5 })), '5');
  const layout = layoutOf('5');
  const ip = (a: number): string => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

  // the model: keys in first-seen order and their flow counts
  const first: string[] = [];
  const flows = new Map<string, number>();
  for (const s of src) {
    const k = ip(s);
    if (!flows.has(k)) first.push(k);
    flows.set(k, (flows.get(k) ?? 0) + 1);
  }

  it('has more than 70,000 distinct keys', () => {
    expect(first.length).toBeGreaterThan(70_000);
  });

  for (const sortOrder of [0, 2, -2]) {
    it(`f9 sort_order ${sortOrder}: chunk walk and stable sort, whatever the split`, () => {
      const want = modelOrder(first, flows, sortOrder);
      const rand = rng(9 + sortOrder);
      const parts = partials(recs, layout, 9, randomRanges(N, 6, rand), true, 5).map((p, seq) => ({ seq, p }));
      const text = render(merge(9, shuffle(parts, rand)), options(9, { sortOrder })).out;
      const rows = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.slice(0, 15).trimEnd());
      expect(rows.length).toBe(want.length);
      expect(rows).toEqual(want);
    });
  }

  it('f10 and f11 equal their serial pass with 7 random splits', () => {
    const rand = rng(5);
    for (const format of [10, 11]) {
      const serial = merge(format, partials(recs, layout, format, [[0, N]]).map((p) => ({ seq: 0, p })));
      const parts = partials(recs, layout, format, randomRanges(N, 7, rand), true, 9).map((p, seq) => ({ seq, p }));
      const split = merge(format, shuffle(parts, rand));
      for (const sortOrder of [0, 3, -3, 1]) {
        const o = options(format, { sortOrder });
        expect(render(split, o).out === render(serial, o).out).toBe(true);
      }
    }
  });
});
