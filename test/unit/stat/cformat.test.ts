/**
 * C number formatting (glibc "%.Nf" ties to even, IEEE specials, uint64 -> float rounding), the
 * exact 64-bit counters, and `--output json|csv` data: one valid JSON document, exact integers.
 */
import { describe, expect, it } from 'vitest';
import { fixed, fixedLeft, u64ToFloat } from '../../../src/stat/cformat.ts';
import { mergeJob } from '../../../src/stat/part-merge.ts';
import { partialBytes, partialViews } from '../../../src/stat/partial.ts';
import { RefTable } from '../../../src/stat/ref-table.ts';
import { renderData } from '../../../src/stat/render-data.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { layoutOf, merge, options, partials } from './harness.ts';

describe('printf %f', () => {
  it('rounds exact ties to even like glibc, others to nearest', () => {
    expect(fixed(0.0625, 3)).toBe('0.062');
    expect(fixed(0.1875, 3)).toBe('0.188');
    expect(fixed(1.03125, 4)).toBe('1.0312');
    expect(fixed(2.5, 0)).toBe('2');
    expect(fixed(0.1, 3)).toBe('0.100');
    expect(fixed(757.78613, 4)).toBe('757.7861');
  });
  it('prints IEEE specials as glibc does (0/0 is the negative default NaN on x86)', () => {
    expect(fixedLeft((0 / 0) * 100, 6, 3)).toBe('-nan  ');
    expect(fixedLeft((5 / 0) * 100, 6, 3)).toBe('inf   ');
  });
  it('converts uint64 to float with one rounding', () => {
    expect(u64ToFloat(16777217n)).toBe(16777216);
    // exactly half an ulp: ties to even; one more: up (rounding through a double first would tie)
    expect(u64ToFloat(2n ** 60n + 2n ** 36n)).toBe(2 ** 60);
    expect(u64ToFloat(2n ** 60n + 2n ** 36n + 1n)).toBe(2 ** 60 + 2 ** 37);
  });
});

describe('exact 64-bit counters', () => {
  it('carries into the high part without losing a unit past 2^53', () => {
    // 3000 partials of one key, each with an octet sum just below 2^50 (a task's largest)
    const big = 2 ** 50 - 1;
    const partials = Array.from({ length: 3000 }, (_, seq) => {
      const buf = new SharedArrayBuffer(partialBytes(1, 1, 0, false));
      const v = partialViews(buf, 1, 1, 0, false);
      v.offsets[1] = 1; v.keys[0] = 7; v.first[0] = 0;
      v.vals.set([1, big, 2, 3]);
      return { buf, n: 1, base: seq, narrow: false };
    });
    const { seg } = mergeJob({ kind: 'stat-merge', w: 1, partBits: 0, from: 0, to: 1, partials, widePos: false });
    const t = new RefTable(1, 0, [seg]);
    expect(t.n).toBe(1);
    const total = BigInt(t.high(0, 1)) * 2n ** 32n + BigInt(t.lo(0, 1));
    expect(total).toBe(3000n * BigInt(big));
    expect(t.lo(0, 0)).toBe(3000);
    expect(t.high(0, 0)).toBe(0);
  });
});

describe('--output json|csv', () => {
  const recs = encodeRecords(Array.from({ length: 50 }, (_, i) => ({ srcaddr: 0x0a000001 + (i % 7), dstaddr: 0x0b000001 + (i % 3), dPkts: 1 + i, dOctets: 1000 * i, First: 0, Last: i })), '5');
  const r = merge(10, partials(recs, layoutOf('5'), 10, [[0, 20], [20, 50]]).map((p, seq) => ({ seq, p })));
  const text = (kind: 'json' | 'csv', top: number): string => {
    let s = '';
    renderData(r, options(10, { sortOrder: 3 }), kind, top, (b) => { s += typeof b === 'string' ? b : Buffer.from(b).toString('latin1'); });
    return s;
  };
  it('JSON is one document with named key columns and exact totals', () => {
    const doc = JSON.parse(text('json', 5));
    expect(doc.name).toBe('Source/Destination IP');
    expect(doc.columns).toEqual(['srcaddr', 'dstaddr', 'flows', 'octets', 'packets', 'duration']);
    expect(doc.rows).toHaveLength(5);
    expect(doc.totals.octets).toBe(1000 * (49 * 50) / 2);
    expect(doc.rows[0].flows).toBeGreaterThanOrEqual(doc.rows[4].flows);
  });
  it('CSV has a header row and one line per row', () => {
    const lines = text('csv', Infinity).trimEnd().split('\n');
    expect(lines[0]).toBe('srcaddr,dstaddr,flows,octets,packets,duration');
    expect(lines.length - 1).toBe(r.table!.n);
  });
});
