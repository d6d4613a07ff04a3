/**
 * The record loop of the hash reports' stage, generated as JS source with the layout's offsets, the
 * byte order, the key's words and the partition shift written in as constants (see
 * src/engine/loop-cache.ts). For each flow it adds the totals and appends the flow's event(s) to
 * the bucket of the key's partition, exactly as hash-stage.ts lays a staged event out.
 */
import { compileLoop } from '../engine/loop-cache.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';

/**
 * Stages the records at from, from + size, ... before `to`. `sb`: the buckets (`B` events of `SB`
 * words a partition), `fill`: each bucket's events; `st[0]`: the task's next event number;
 * sums[0..3]: the totals. A full bucket is handed to `drain(partition, B)`.
 */
export type HashRun = (
  dv: DataView, from: number, to: number, sb: Uint32Array, fill: Uint32Array, B: number, st: Float64Array, sums: Float64Array,
  drain: (partition: number, count: number) => void,
  keyHash: (a: number, b: number, c: number) => number, lenToMask: (len: number) => number, warn: (line: string) => void,
) => void;

/** Words of a staged event: key words, flows (left out when every flow counts 1), octets, packets, duration, hash, event number. */
export function stagedWords(fmt: StatFormat, layout: Layout): { C: number; SB: number; flows: boolean } {
  const w = keyWords(fmt.key!);
  const flows = fmt.dflows && hasField(layout, 'dFlows');
  const C = flows ? w : w - 1;
  return { C, SB: C + 6, flows };
}

export function hashRunSource(fmt: StatFormat, layout: Layout, le: boolean, partBits: number): string {
  const off = layout.offsets;
  const [fa, fb, fc, fd] = (fmt.fields ?? []).map((n) => off[n]);
  const u32 = (o: number | undefined): string => `dv.getUint32(p + ${o}, ${le})`;
  const u16 = (o: number | undefined): string => `dv.getUint16(p + ${o}, ${le})`;
  const u8 = (o: number | undefined): string => `dv.getUint8(p + ${o})`;
  const w = keyWords(fmt.key!);
  const { C, SB, flows } = stagedWords(fmt, layout);
  /** append the event of key words a, b, c (statements) */
  const push = (a: string, b = '0', c = '0'): string[] => [
    '    {',
    `      const a = ${a}, b = ${b}, c = ${c};`,
    '      const h = keyHash(a, b, c);',
    `      const q = ${partBits === 0 ? '0' : `h >>> ${32 - partBits}`};`,
    '      const n = fill[q];',
    `      const e = (q * B + n) * ${SB};`,
    '      sb[e] = a;',
    ...(w > 1 ? ['      sb[e + 1] = b;'] : []),
    ...(w > 2 ? ['      sb[e + 2] = c;'] : []),
    ...(flows ? [`      sb[e + ${C}] = fl;`] : []),
    `      sb[e + ${C + 1}] = oc; sb[e + ${C + 2}] = pk; sb[e + ${C + 3}] = du; sb[e + ${C + 4}] = h; sb[e + ${C + 5}] = events++;`,
    '      if (n + 1 === B) drain(q, B); else fill[q] = n + 1;',
    '    }',
  ];
  let events: string[];
  switch (fmt.key) {
    // f1 counts a dPkts=0 flow in the totals and warns instead of adding its event
    case 'pktsize': events = ["    if (pk === 0) { warn('Ignoring bogus flow dPkts=0\\n'); continue; }", ...push('Math.floor(oc / pk)')]; break;
    case 'packets': events = push('pk'); break;
    case 'octets': events = push('oc'); break;
    case 'c32': case 'ip': events = push(u32(fa)); break;
    case 'ip-either': events = [...push(u32(fa)), ...push(u32(fb))]; break;
    case 'as2': case 'if2': events = push(`((${u16(fa)} << 16) | ${u16(fb)}) >>> 0`); break;
    case 'ip2': case 'tag2': events = push(u32(fa), u32(fb)); break;
    case 'prefix': events = [`    const m = ${u8(fb)};`, ...push(`(${u32(fa)} & lenToMask(m)) >>> 0`, 'm')]; break;
    case 'prefix2':
      events = [`    const sm = ${u8(fb)}, dm = ${u8(fd)};`,
        ...push(`(${u32(fa)} & lenToMask(sm)) >>> 0`, `(${u32(fc)} & lenToMask(dm)) >>> 0`, 'sm | (dm << 8)')];
      break;
    default: throw new Error(`not a hash report key: ${fmt.key}`);
  }
  return [
    '"use strict";',
    'return function hashRun(dv, from, to, sb, fill, B, st, sums, drain, keyHash, lenToMask, warn) {',
    '  let f = 0, o = 0, k = 0, d = 0, events = st[0];',
    `  for (let p = from; p < to; p += ${layout.size}) {`,
    `    const pk = ${u32(off.dPkts)}, oc = ${u32(off.dOctets)};`,
    `    const du = (${u32(off.Last)} - ${u32(off.First)}) >>> 0;`,
    `    const fl = ${flows ? u32(off.dFlows) : '1'};`,
    '    f += fl; o += oc; k += pk; d += du;',
    ...events,
    '  }',
    '  st[0] = events;',
    '  sums[0] += f; sums[1] += o; sums[2] += k; sums[3] += d;',
    '};',
  ].join('\n');
}

/** The compiled stage loop of a report for a layout, byte order and partition count. */
export function hashRun(fmt: StatFormat, layout: Layout, le: boolean, partBits: number): HashRun {
  return compileLoop<HashRun>(hashRunSource(fmt, layout, le, partBits));
}
