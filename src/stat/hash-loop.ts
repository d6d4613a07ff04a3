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

/** The statements of one event of key words a, b, c, given the record's counters (fl, oc, pk, du). */
type Push = (a: string, b?: string, c?: string) => string[];

/** The per-flow statements of a report: each of its key's events through `push`. */
function eventsSource(fmt: StatFormat, layout: Layout, le: boolean, push: Push): string[] {
  const off = layout.offsets;
  const [fa, fb, fc, fd] = (fmt.fields ?? []).map((n) => off[n]);
  const u32 = (o: number | undefined): string => `dv.getUint32(p + ${o}, ${le})`;
  const u16 = (o: number | undefined): string => `dv.getUint16(p + ${o}, ${le})`;
  const u8 = (o: number | undefined): string => `dv.getUint8(p + ${o})`;
  switch (fmt.key) {
    // f1 counts a dPkts=0 flow in the totals and warns instead of adding its event
    case 'pktsize': return ["    if (pk === 0) { warn('Ignoring bogus flow dPkts=0\\n'); continue; }", ...push('Math.floor(oc / pk)')];
    case 'packets': return push('pk');
    case 'octets': return push('oc');
    case 'c32': case 'ip': return push(u32(fa));
    case 'ip-either': return [...push(u32(fa)), ...push(u32(fb))];
    case 'as2': case 'if2': return push(`((${u16(fa)} << 16) | ${u16(fb)}) >>> 0`);
    case 'ip2': case 'tag2': return push(u32(fa), u32(fb));
    case 'prefix': return [`    const m = ${u8(fb)};`, ...push(`(${u32(fa)} & lenToMask(m)) >>> 0`, 'm')];
    case 'prefix2':
      return [`    const sm = ${u8(fb)}, dm = ${u8(fd)};`,
        ...push(`(${u32(fa)} & lenToMask(sm)) >>> 0`, `(${u32(fc)} & lenToMask(dm)) >>> 0`, 'sm | (dm << 8)')];
    default: throw new Error(`not a hash report key: ${fmt.key}`);
  }
}

/** The loop around the events: each flow's counters and totals, the events, the totals at the end. */
function loopSource(layout: Layout, le: boolean, flows: boolean, head: string, before: string[], events: string[], after: string[]): string {
  const off = layout.offsets;
  const u32 = (o: number): string => `dv.getUint32(p + ${o}, ${le})`;
  return [
    '"use strict";',
    `return ${head} {`,
    '  let f = 0, o = 0, k = 0, d = 0;',
    ...before,
    `  for (let p = from; p < to; p += ${layout.size}) {`,
    `    const pk = ${u32(off.dPkts)}, oc = ${u32(off.dOctets)};`,
    `    const du = (${u32(off.Last)} - ${u32(off.First)}) >>> 0;`,
    `    const fl = ${flows ? u32(off.dFlows) : '1'};`,
    '    f += fl; o += oc; k += pk; d += du;',
    ...events,
    '  }',
    ...after,
    '  sums[0] += f; sums[1] += o; sums[2] += k; sums[3] += d;',
    '};',
  ].join('\n');
}

export function hashRunSource(fmt: StatFormat, layout: Layout, le: boolean, partBits: number): string {
  const w = keyWords(fmt.key!);
  const { C, SB, flows } = stagedWords(fmt, layout);
  const push: Push = (a, b = '0', c = '0') => [
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
  return loopSource(layout, le, flows, 'function hashRun(dv, from, to, sb, fill, B, st, sums, drain, keyHash, lenToMask, warn)',
    ['  let events = st[0];'], eventsSource(fmt, layout, le, push), ['  st[0] = events;']);
}

/**
 * The task's one table a direct loop adds into: entry + 1 by hash slot (linear probing), the
 * entries' key words, counters, first event and hash, `n` entries of room for `lim`. `grow()` makes
 * room for one more entry (reading `n`) and sets the fields anew.
 */
export interface DirectState {
  tb: Uint32Array; mask: number; ks: Uint32Array; vs: Float64Array; first: Uint32Array; hash: Uint32Array;
  n: number; lim: number; events: number; grow: () => void;
}

/** Adds the records at from, from + size, ... before `to` straight into the table of `S` (no staging). */
export type DirectRun = (
  dv: DataView, from: number, to: number, S: DirectState, sums: Float64Array,
  keyHash: (a: number, b: number, c: number) => number, lenToMask: (len: number) => number, warn: (line: string) => void,
) => void;

export function directRunSource(fmt: StatFormat, layout: Layout, le: boolean): string {
  const w = keyWords(fmt.key!);
  const { flows } = stagedWords(fmt, layout);
  const same = ['ks[q] === a', ...(w > 1 ? ['ks[q + 1] === b'] : []), ...(w > 2 ? ['ks[q + 2] === c'] : [])].join(' && ');
  const push: Push = (a, b = '0', c = '0') => [
    '    {',
    `      const a = ${a}, b = ${b}, c = ${c};`,
    '      const h = keyHash(a, b, c);',
    '      let i = h & mask, x = 0;',
    '      for (;;) {',
    '        x = tb[i];',
    '        if (x === 0) break;',
    `        const q = (x - 1) * ${w};`,
    `        if (${same}) break;`,
    '        i = (i + 1) & mask;',
    '      }',
    '      if (x !== 0) {',
    '        const v = (x - 1) * 4;',
    '        vs[v] += fl; vs[v + 1] += oc; vs[v + 2] += pk; vs[v + 3] += du;',
    '      } else {',
    '        if (n >= lim) {',
    '          S.n = n; S.grow();',
    '          tb = S.tb; mask = S.mask; ks = S.ks; vs = S.vs; fs = S.first; hs = S.hash; lim = S.lim;',
    '          i = h & mask;',
    '          while (tb[i] !== 0) i = (i + 1) & mask;',
    '        }',
    '        tb[i] = n + 1; hs[n] = h; fs[n] = events;',
    `        const q = n * ${w};`,
    '        ks[q] = a;',
    ...(w > 1 ? ['        ks[q + 1] = b;'] : []),
    ...(w > 2 ? ['        ks[q + 2] = c;'] : []),
    '        const v = n * 4;',
    '        vs[v] = fl; vs[v + 1] = oc; vs[v + 2] = pk; vs[v + 3] = du;',
    '        n++;',
    '      }',
    '      events++;',
    '    }',
  ];
  return loopSource(layout, le, flows, 'function directRun(dv, from, to, S, sums, keyHash, lenToMask, warn)',
    ['  let tb = S.tb, mask = S.mask, ks = S.ks, vs = S.vs, fs = S.first, hs = S.hash, n = S.n, lim = S.lim, events = S.events;'],
    eventsSource(fmt, layout, le, push), ['  S.n = n; S.events = events;']);
}

/** The compiled direct loop of a report for a layout and byte order. */
export function directRun(fmt: StatFormat, layout: Layout, le: boolean): DirectRun {
  return compileLoop<DirectRun>(directRunSource(fmt, layout, le));
}

/** The compiled stage loop of a report for a layout, byte order and partition count. */
export function hashRun(fmt: StatFormat, layout: Layout, le: boolean, partBits: number): HashRun {
  return compileLoop<HashRun>(hashRunSource(fmt, layout, le, partBits));
}
