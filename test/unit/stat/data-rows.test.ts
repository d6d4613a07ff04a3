/**
 * `flowsift stat --output json|csv` rows of hash reports, written straight into bytes: key columns
 * by report (dotted addresses, prefixes, split AS and interface pairs), counters exact past 2^32,
 * JSON separators under --top.
 */
import { describe, expect, it } from 'vitest';
import { renderData } from '../../../src/stat/render-data.ts';
import { writePlotRows } from '../../../src/stat/data-rows.ts';
import { TextBuf } from '../../../src/util/textbuf.ts';
import type { StatResult } from '../../../src/stat/accumulate.ts';
import type { StatOptions } from '../../../src/stat/options.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { layoutOf, merge, options, partials } from './harness.ts';

type Rec = Parameters<typeof encodeRecords>[0][number];

function report(format: number, recs: Rec[]): StatResult {
  const bytes = encodeRecords(recs, '5');
  const half = Math.floor(recs.length / 2);
  return merge(format, partials(bytes, layoutOf('5'), format, [[0, half], [half, recs.length]], true, 3).map((p, seq) => ({ seq, p })));
}

function data(r: StatResult, o: StatOptions, kind: 'json' | 'csv', top = Infinity): string {
  let s = '';
  renderData(r, o, kind, top, (b) => { s += typeof b === 'string' ? b : Buffer.from(b).toString('latin1'); });
  return s;
}

describe('hash report rows as data', () => {
  it('sums past 2^32 print as exact integers, in JSON and CSV', () => {
    const recs = Array.from({ length: 6 }, (_, i) => ({ srcaddr: 0x0a000001, dstaddr: 0x0a000002 + (i % 2), dPkts: 1, dOctets: 4_000_000_007, First: 0, Last: 1 }));
    // a pair whose sums stay small, beside those that carry
    recs.push({ srcaddr: 0x0a000001, dstaddr: 0x0a000009, dPkts: 1, dOctets: 7, First: 0, Last: 1 });
    const r = report(10, recs);
    const doc = JSON.parse(data(r, options(10), 'json').replace(/"octets":(\d+)/g, '"octets":"$1"'));
    expect(doc.rows.map((x: { octets: string }) => x.octets)).toEqual(['12000000021', '12000000021', '7']);
    expect(doc.rows[0]).toMatchObject({ srcaddr: '10.0.0.1', dstaddr: '10.0.0.2', flows: 3, packets: 3, duration: 3 });
    expect(data(r, options(10), 'csv').split('\n').slice(0, 3)).toEqual([
      'srcaddr,dstaddr,flows,octets,packets,duration', '10.0.0.1,10.0.0.2,3,12000000021,3,3', '10.0.0.1,10.0.0.3,3,12000000021,3,3',
    ]);
  });

  it('names and writes each report\'s key columns', () => {
    const recs: Rec[] = [
      { srcaddr: 0xc0a80101, dstaddr: 0x0a010203, src_mask: 24, dst_mask: 8, src_as: 65001, dst_as: 3, input: 7, output: 65535, dPkts: 2, dOctets: 100, First: 0, Last: 5 },
      { srcaddr: 0xc0a80102, dstaddr: 0x0a010204, src_mask: 24, dst_mask: 8, src_as: 65001, dst_as: 3, input: 7, output: 65535, dPkts: 3, dOctets: 50, First: 0, Last: 5 },
    ];
    const first = (format: number): string => data(report(format, recs), options(format), 'csv').split('\n').slice(0, 2).join('\n');
    expect(first(21)).toBe('src_as,dst_as,flows,octets,packets,duration\n65001,3,2,150,5,10');
    expect(first(23)).toBe('input,output,flows,octets,packets,duration\n7,65535,2,150,5,10');
    expect(first(24)).toBe('src_prefix,flows,octets,packets,duration\n192.168.1.0/24,2,150,5,10');
    expect(first(26)).toBe('src_prefix,dst_prefix,flows,octets,packets,duration\n192.168.1.0/24,10.0.0.0/8,2,150,5,10');
    expect(first(11)).toBe('addr,flows,octets,packets,duration\n192.168.1.1,1,100,2,5');
    expect(JSON.parse(data(report(26, recs), options(26), 'json')).rows[0]).toEqual({
      src_prefix: '192.168.1.0/24', dst_prefix: '10.0.0.0/8', flows: 2, octets: 150, packets: 5, duration: 10,
    });
  });

  it('keeps JSON one document under --top, and cuts CSV after N rows', () => {
    const recs = Array.from({ length: 40 }, (_, i) => ({ srcaddr: 0x0a000000 + i, dstaddr: 1, dPkts: 1, dOctets: i, First: 0, Last: 0 }));
    const r = report(9, recs), o = options(9, { sortOrder: 3 });
    for (const top of [0, 1, 7, 40, 100]) {
      const doc = JSON.parse(data(r, o, 'json', top));
      expect(doc.rows).toHaveLength(Math.min(top, 40));
      if (top > 0) expect(doc.rows[0]).toEqual({ srcaddr: '10.0.0.39', flows: 1, octets: 39, packets: 1, duration: 0 });
      expect(data(r, o, 'csv', top).trimEnd().split('\n')).toHaveLength(1 + Math.min(top, 40));
    }
  });
});

describe('plot report rows as data', () => {
  const chunk = (s: string): Uint8Array => Buffer.from(s, 'latin1');
  // f13's lines as the plot aggregator prints them: "First  y" and "Last  y", then a blank line
  const text = [chunk('3779615942   3904      \n3779616775   3904      \n\n5   0  \n7   0  \n\n'), chunk('4294967295   18446744073   \n1   18446744073   \n\n')];

  function rows(json: boolean, top: number): string {
    const out = new TextBuf(64);
    let s = '';
    const flush = (): void => { s += Buffer.from(out.take()).toString('latin1'); };
    const n = writePlotRows(text, top, json, ['First', 'Last', 'octets'], out, 16, flush);
    flush();
    return `${n}|${s}`;
  }

  it('reads each flow\'s pair of lines into First, Last and y, across chunks', () => {
    expect(rows(false, Infinity)).toBe('3|3779615942,3779616775,3904\n5,7,0\n4294967295,1,18446744073\n');
    expect(rows(true, Infinity)).toBe('3|\n{"First":3779615942,"Last":3779616775,"octets":3904},\n{"First":5,"Last":7,"octets":0},\n{"First":4294967295,"Last":1,"octets":18446744073}');
  });

  it('stops after top rows', () => {
    expect(rows(false, 2)).toBe('2|3779615942,3779616775,3904\n5,7,0\n');
    expect(rows(true, 0)).toBe('0|');
  });
});
