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
 * twice, as flow-stat's f7 does); sums[4] (when there is room) gets a sum of slots read ahead.
 */
export type ArrayRun = (dv: DataView, from: number, to: number, vals: Float64Array, sums: Float64Array) => void;

/** tables of this many slots and more are touched ahead, block by block */
const TOUCH_FROM = 4096;
/** records a block: their slots' misses are in flight together */
const TOUCH_BLOCK = 32;

/** The source of the loop's body (the part after `return`), for a report, layout and byte order. */
export function arrayRunSource(fmt: StatFormat, layout: Layout, le: boolean): string {
  const rd = (f: Parameters<typeof readerSource>[1]): string => readerSource(layout, f, 'dv', 'p', String(le));
  const fl = fmt.dflows && hasField(layout, 'dFlows') ? rd('dFlows') : '1';
  const key = (f: NonNullable<StatFormat['fields']>[number]): string => (fmt.key === 'u8' ? `dv.getUint8(p + ${layout.offsets[f]})` : rd(f));
  const slot = (f: NonNullable<StatFormat['fields']>[number]): string[] => [
    `    x = ${key(f)} * 4;`,
    '    vals[x] += fl; vals[x + 1] += oc; vals[x + 2] += pk; vals[x + 3] += du;',
    '    f += fl; o += oc; k += pk; d += du;',
  ];
  const fields = fmt.key === 'ports' ? fmt.fields! : [fmt.fields![0]!];
  const body = [
    ...(fmt.tcpUdpOnly ? [`    const pr = ${rd('prot')};`, '    if (pr !== 6 && pr !== 17) continue;'] : []),
    `    const fl = ${fl}, oc = ${rd('dOctets')}, pk = ${rd('dPkts')};`,
    `    const du = (${rd('Last')} - ${rd('First')}) >>> 0;`,
    ...fields.flatMap(slot),
  ];
  // a 65,536-slot table (2 MB) is read at random, past the cache: each block's slots are first
  // loaded by a loop that does nothing else, so their misses overlap, then the block is added
  const touch = (fmt.size ?? 0) >= TOUCH_FROM;
  return [
    '"use strict";',
    'return function arrayRun(dv, from, to, vals, sums) {',
    '  let f = 0, o = 0, k = 0, d = 0, x = 0, sink = 0;',
    ...(touch ? [
      `  for (let g = from; g < to; g += ${TOUCH_BLOCK * layout.size}) {`,
      `    const ge = Math.min(to, g + ${TOUCH_BLOCK * layout.size});`,
      `    for (let p = g; p < ge; p += ${layout.size}) sink += ${fields.map((fd) => `vals[${key(fd)} * 4]`).join(' + ')};`,
      `    for (let p = g; p < ge; p += ${layout.size}) {`,
      ...body.map((l) => `  ${l}`),
      '    }',
      '  }',
    ] : [
      `  for (let p = from; p < to; p += ${layout.size}) {`,
      ...body,
      '  }',
    ]),
    '  sums[0] += f; sums[1] += o; sums[2] += k; sums[3] += d;',
    // the loads of the first loop must stay: their sum goes where the caller could read it
    '  sums[4] = sink;',
    '};',
  ].join('\n');
}

/** The compiled loop of a report for a layout and byte order. */
export function arrayRun(fmt: StatFormat, layout: Layout, le: boolean): ArrayRun {
  return compileLoop<ArrayRun>(arrayRunSource(fmt, layout, le));
}
