/**
 * The record loop of an array report, generated as JS source with the layout's offsets, the byte
 * order and the report's choices written in as constants (see src/engine/loop-cache.ts).
 */
import { compileLoop } from '../engine/loop-cache.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import { readerSource } from '../format/record.ts';
import type { StatFormat } from './formats.ts';

/**
 * Adds the records at from, from + size, ... before `to` into `vals` (4 counters a slot: flows,
 * octets, packets, duration) and their totals into sums[0..3] (a flow counted for two ports counts
 * twice, as flow-stat's f7 does).
 */
export type ArrayRun = (dv: DataView, from: number, to: number, vals: Float64Array, sums: Float64Array) => void;

/** The source of the loop's body (the part after `return`), for a report, layout and byte order. */
export function arrayRunSource(fmt: StatFormat, layout: Layout, le: boolean): string {
  const rd = (f: Parameters<typeof readerSource>[1]): string => readerSource(layout, f, 'dv', 'p', String(le));
  const fl = fmt.dflows && hasField(layout, 'dFlows') ? rd('dFlows') : '1';
  const key = (f: NonNullable<StatFormat['fields']>[number]): string => (fmt.key === 'u8' ? `dv.getUint8(p + ${layout.offsets[f]})` : rd(f));
  const slot = (f: NonNullable<StatFormat['fields']>[number]): string => [
    `x = ${key(f)} * 4;`,
    'vals[x] += fl; vals[x + 1] += oc; vals[x + 2] += pk; vals[x + 3] += du;',
    'f += fl; o += oc; k += pk; d += du;',
  ].join('\n    ');
  const fields = fmt.key === 'ports' ? fmt.fields! : [fmt.fields![0]!];
  return [
    '"use strict";',
    'return function arrayRun(dv, from, to, vals, sums) {',
    '  let f = 0, o = 0, k = 0, d = 0, x = 0;',
    `  for (let p = from; p < to; p += ${layout.size}) {`,
    ...(fmt.tcpUdpOnly ? [`    const pr = ${rd('prot')};`, '    if (pr !== 6 && pr !== 17) continue;'] : []),
    `    const fl = ${fl}, oc = ${rd('dOctets')}, pk = ${rd('dPkts')};`,
    `    const du = (${rd('Last')} - ${rd('First')}) >>> 0;`,
    ...fields.map((fd) => `    ${slot(fd)}`),
    '  }',
    '  sums[0] += f; sums[1] += o; sums[2] += k; sums[3] += d;',
    '};',
  ].join('\n');
}

/** The compiled loop of a report for a layout and byte order. */
export function arrayRun(fmt: StatFormat, layout: Layout, le: boolean): ArrayRun {
  return compileLoop<ArrayRun>(arrayRunSource(fmt, layout, le));
}
