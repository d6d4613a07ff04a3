/**
 * `flowsift print --output ndjson|csv` records: every field in wire order, addresses dotted, times
 * as ISO 8601 UTC (a wrapped uptime time, past any date, as its number of ms), written as bytes;
 * checked against the same values built the slow way (objects, JSON.stringify, Date).
 */
import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { exportColumns, exportOp } from '../../../src/ops/export.ts';
import { ftltimeMs } from '../../../src/util/fttime.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';

const ADDRESS = ['exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'peer_nexthop', 'router_sc'];

/**
 * The export of `recs` as version v: a record at a time (filters) or the whole buffer in one call,
 * from little- or big-endian records.
 */
function run(format: 'ndjson' | 'csv', v: string, recs: Parameters<typeof encodeRecords>[0], header = true, whole = false, le = true): string {
  const [d, m] = v.split('.');
  const layout = layoutFor(Number(d), Number(m ?? 0))!;
  const op = exportOp({ kind: 'export', format, header }, {
    layout, littleEndian: le, file: 'x', warn: () => {}, expectedRecords: recs.length, alloc: (n) => new ArrayBuffer(n),
  });
  const bytes = encodeRecords(recs, v, le);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (whole) op.records!(dv, 0, bytes.length);
  else {
    const view = new RecordView(layout, dv, le);
    for (let p = 0; p < bytes.length; p += layout.size) { view.p = p; op.record(view); }
  }
  const { payload } = op.finish();
  return Buffer.from((payload as { data: Uint8Array }).data).toString('latin1');
}

/** The values the slow way: what the export wrote before it wrote bytes. */
function reference(v: string, recs: Parameters<typeof encodeRecords>[0]): Array<Record<string, string | number>> {
  const [d, m] = v.split('.');
  const layout = layoutFor(Number(d), Number(m ?? 0))!;
  const bytes = encodeRecords(recs, v);
  const view = new RecordView(layout, new DataView(bytes.buffer), true);
  const iso = (ms: number): string | number => (Number.isFinite(new Date(ms).getTime()) ? new Date(ms).toISOString() : ms);
  const rows = [];
  for (let p = 0; p < bytes.length; p += layout.size) {
    view.p = p;
    const o: Record<string, string | number> = {};
    for (const f of exportColumns(layout.offsets)) {
      const x = view.get(f);
      if (ADDRESS.includes(f)) o[f] = `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
      else if (f === 'unix_secs') o[f] = iso(view.unix_secs * 1000 + Math.floor(view.unix_nsecs / 1e6));
      else if (f === 'First' || f === 'Last') o[f] = iso(ftltimeMs(view.sysUpTime, view.unix_secs, view.unix_nsecs, x));
      else o[f] = x;
    }
    rows.push(o);
  }
  return rows;
}

const recs = [
  { unix_secs: 1_793_491_200, unix_nsecs: 123_456_789, sysUpTime: 3_600_000, srcaddr: 0xc0a80001, dstaddr: 0xffffffff, nexthop: 0, exaddr: 0x0a000001, dPkts: 4_294_967_295, dOctets: 1, First: 3_599_000, Last: 3_600_000, srcport: 65535, dstport: 25, prot: 6, tcp_flags: 0x1b },
  // First far past sysUpTime + unix time: ftltime wraps past 2^64 ms, no date holds it
  { unix_secs: 0, unix_nsecs: 0, sysUpTime: 4_000_000_000, srcaddr: 1, dstaddr: 0, dPkts: 0, dOctets: 0, First: 0, Last: 4_000_000_000 },
  { unix_secs: 4_294_967_295, unix_nsecs: 999_999_999, sysUpTime: 0, srcaddr: 0x7f000001, dstaddr: 0x08080808, dPkts: 7, dOctets: 900, First: 0, Last: 86_400_000 },
];

describe('print --output ndjson|csv records', () => {
  for (const v of ['5', '1', '7', '8.1', '8.10', '1005']) {
    it(`v${v}: NDJSON is the objects JSON.stringify writes, CSV their values joined`, () => {
      const want = reference(v, recs);
      expect(run('ndjson', v, recs)).toBe(want.map((o) => `${JSON.stringify(o)}\n`).join(''));
      const cols = Object.keys(want[0]!);
      expect(run('csv', v, recs)).toBe(`${cols.join(',')}\n${want.map((o) => `${cols.map((c) => o[c]).join(',')}\n`).join('')}`);
      expect(run('csv', v, recs, false)).toBe(want.map((o) => `${cols.map((c) => o[c]).join(',')}\n`).join(''));
      // the whole buffer in one call, and big-endian records, write the same
      for (const format of ['ndjson', 'csv'] as const) {
        for (const [whole, le] of [[true, true], [false, false], [true, false]]) expect(run(format, v, recs, true, whole, le)).toBe(run(format, v, recs));
      }
    });
  }

  it('writes a time no date holds as its number of ms', () => {
    const doc = JSON.parse(run('ndjson', '5', recs).split('\n')[1]!);
    expect(typeof doc.First).toBe('number');
    expect(doc.First).toBeGreaterThan(2 ** 63);
    expect(typeof doc.Last).toBe('string');
  });
});
