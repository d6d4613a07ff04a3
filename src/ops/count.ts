/** The raw scan: count records and sum packets and octets (no output per record). */
import { compileLoop } from '../engine/loop-cache.ts';
import type { Layout } from '../format/layouts.ts';
import { readerSource, type RecordView } from '../format/record.ts';
import type { Op } from './types.ts';
import { primedRuns } from '../util/prime.ts';

/** Adds the packets and octets of the records from, from + size, ... before `to` to sums[0], sums[1]. */
type CountRun = (dv: DataView, from: number, to: number, sums: Float64Array) => void;

export function countRunSource(layout: Layout, le: boolean): string {
  const rd = (f: 'dPkts' | 'dOctets'): string => readerSource(layout, f, 'dv', 'p', String(le));
  return [
    '"use strict";',
    'return function countRun(dv, from, to, sums) {',
    '  let k = 0, o = 0;',
    `  for (let p = from; p < to; p += ${layout.size}) { k += ${rd('dPkts')}; o += ${rd('dOctets')}; }`,
    '  sums[0] += k; sums[1] += o;',
    '};',
  ].join('\n');
}

export function countOp(layout: Layout, le: boolean): Op {
  const loop = compileLoop<CountRun>(countRunSource(layout, le));
  const sums = new Float64Array(2);
  const run = primedRuns(layout.size, (dv, from, to) => loop(dv, from, to, sums));
  let flows = 0;
  return {
    record(v: RecordView) {
      flows++;
      run(v.dv, v.p, v.p + layout.size);
    },
    records(dv: DataView, from: number, to: number) {
      flows += Math.floor((to - from) / layout.size);
      run(dv, from, to);
    },
    finish: () => ({ payload: { kind: 'count', flows, packets: sums[0]!, octets: sums[1]! }, transfer: [] }),
  };
}
