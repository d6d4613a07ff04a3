/**
 * A big hash report printed on the pool (order-jobs.ts's walk jobs, the row jobs) gives the bytes
 * of the serial path: more than 2^17 keys (the parallel threshold), more than two 65,536-key chunks,
 * many ties in the sort fields, partials merged out of input order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closePools, poolStarted } from '../../../src/engine/pool.ts';
import { printOrderParallel } from '../../../src/stat/order-jobs.ts';
import { printOrder } from '../../../src/stat/hash-order.ts';
import { renderBody } from '../../../src/stat/render.ts';
import { renderBodyParallel } from '../../../src/stat/render-parallel.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { layoutOf, merge, options, partials, rng } from './harness.ts';

afterAll(() => closePools());

describe('hash report order and rows on the pool', () => {
  const r = rng(5);
  const n = 150_000;
  const recs = encodeRecords(Array.from({ length: n }, (_, i) => ({
    srcaddr: 0x0a000000 + Math.floor(r() * 400_000), dstaddr: 0x0b000000 + (i % 3),
    dPkts: 1 + Math.floor(r() * 4), dOctets: 40 * (1 + Math.floor(r() * 30)), First: 0, Last: Math.floor(r() * 5),
  })), '5');
  const cuts: Array<[number, number]> = [[0, 40_000], [40_000, 90_000], [90_000, n]];
  const parts = partials(recs, layoutOf('5'), 10, cuts, true, 4).map((p, seq) => ({ seq, p }));
  const res = merge(10, [parts[2]!, parts[0]!, parts[1]!]);

  it('has the keys the test needs', () => {
    expect(res.table!.n).toBeGreaterThan(1 << 17);
  });

  for (const s of [0, 1, -2, 3, 4, -5]) {
    it(`print order with sort field ${s} equals the serial order`, async () => {
      const serial = printOrder(res.table!, 'ip2', s);
      const parallel = await printOrderParallel(res.table!, 'ip2', s, 1);
      expect(parallel.length).toBe(serial.length);
      expect(Buffer.from(parallel.buffer, 0, parallel.length * 4).equals(Buffer.from(serial.buffer, 0, serial.length * 4))).toBe(true);
    });
  }

  it('rows printed by jobs equal the serial rows', async () => {
    const o = options(10, { sortOrder: 3 });
    const text = (f: (sink: (b: Uint8Array | string) => void) => unknown): Promise<string> => {
      const out: Buffer[] = [];
      return Promise.resolve(f((b) => out.push(typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b)))).then(() => Buffer.concat(out).toString('latin1'));
    };
    const serial = await text((sink) => renderBody(res, o, sink, () => undefined));
    // the order tests started the pool: below a million rows the rows go to jobs only then
    expect(poolStarted(1)).toBe(true);
    const parallel = await text((sink) => renderBodyParallel(res, o, sink, () => undefined, { threads: 2 }));
    expect(parallel.length).toBeGreaterThan(1_000_000);
    expect(parallel).toBe(serial);
  });
});
