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
 * Stages the records at from, from + size, ... before `to`. `sb`: the buckets (room for `B` + 1
 * events of `SB` words a partition), `fill`: each bucket's events; `st[0]`: the task's next event
 * number, st[3]: the events added through the hot-key cache (see HotKeys) so far; sums[0..3]: the
 * totals. Returns after the first record that fills a bucket to `B` (or at `to`): where it
 * stopped, with st[1] and st[2] the partitions of the buckets it filled (-1: none), for the caller
 * to aggregate. (A flow adds at most two events, so a bucket filled by its first event has room for
 * its second.)
 */
export type HashRun = (
  dv: DataView, from: number, to: number, sb: Uint32Array, fill: Uint32Array, B: number, st: Float64Array, sums: Float64Array,
  keyHash: (a: number, b: number, c: number) => number, lenToMask: (len: number) => number, warn: (line: string) => void,
  hot: Int32Array, hk: Uint32Array, hv: Float64Array,
) => number;

/** Slots of the stage's hot-key cache (see hot-keys.ts). */
export const HOT_SLOTS = 1 << 12;

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

/**
 * The loop around the events: each flow's counters and totals, the events, the totals at the end.
 * `recHead` runs before a record (it may `break` to leave the record for the caller); `more` is
 * a condition for going on to the next record. The loop returns where it stopped. It calls nothing
 * but keyHash and lenToMask (and warn, for f1's bogus flows): a call to a task's own closure was a
 * new call target for every task, and V8 threw the compiled loop away for it.
 */
function loopSource(layout: Layout, le: boolean, flows: boolean, head: string, before: string[], events: string[], after: string[], recHead: string[] = [], more = ''): string {
  const off = layout.offsets;
  const u32 = (o: number): string => `dv.getUint32(p + ${o}, ${le})`;
  return [
    '"use strict";',
    `return ${head} {`,
    // the totals are added up from the sums' own values: locals started at 0 are small integers
    // while V8 first sees them, and the addition into sums after the loop then left optimised code
    // on every call once octets passed 2^31 (node --trace-deopt: 60 deopts a run of -f 11)
    '  let f = sums[0], o = sums[1], k = sums[2], d = sums[3];',
    ...before,
    '  let p = from;',
    `  for (; p < to${more}; p += ${layout.size}) {`,
    ...recHead,
    `    const pk = ${u32(off.dPkts)}, oc = ${u32(off.dOctets)};`,
    `    const du = (${u32(off.Last)} - ${u32(off.First)}) >>> 0;`,
    `    const fl = ${flows ? u32(off.dFlows) : '1'};`,
    '    f += fl; o += oc; k += pk; d += du;',
    ...events,
    '  }',
    ...after,
    '  sums[0] = f; sums[1] = o; sums[2] = k; sums[3] = d;',
    '  return p;',
    '};',
  ].join('\n');
}

/** Events a flow of the report adds at most (f11 adds one for each address). */
export function eventsPerFlow(fmt: StatFormat): number {
  return fmt.key === 'ip-either' ? 2 : 1;
}

/** `hot`: with the hot-key cache's probe (a task that copies its buckets out from the start never fills the cache). */
export function hashRunSource(fmt: StatFormat, layout: Layout, le: boolean, partBits: number, hot = true): string {
  const w = keyWords(fmt.key!);
  const { C, SB, flows } = stagedWords(fmt, layout);
  let pushes = 0;
  const same = ['hk[y] === a', ...(w > 1 ? ['hk[y + 1] === b'] : []), ...(w > 2 ? ['hk[y + 2] === c'] : [])].join(' && ');
  // the hot-key cache's probe: the event adds into its key's slot, or is staged (the else branch)
  const probe = hot ? [
    `      const s = h & ${HOT_SLOTS - 1}, y = ${w === 1 ? 's' : `s * ${w}`};`,
    `      if (hot[s] >= 0 && ${same}) {`,
    '        const v = s * 4;',
    '        hv[v] += fl; hv[v + 1] += oc; hv[v + 2] += pk; hv[v + 3] += du;',
    '        events++; hits++;',
    '      } else {',
  ] : ['      {'];
  const push: Push = (a, b = '0', c = '0') => [
    '    {',
    `      const a = ${a}, b = ${b}, c = ${c};`,
    '      const h = keyHash(a, b, c);',
    ...probe,
    `      const q = ${partBits === 0 ? '0' : `h >>> ${32 - partBits}`};`,
    '      const n = fill[q];',
    `      const e = (q * BR + n) * ${SB};`,
    '      sb[e] = a;',
    ...(w > 1 ? ['      sb[e + 1] = b;'] : []),
    ...(w > 2 ? ['      sb[e + 2] = c;'] : []),
    ...(flows ? [`      sb[e + ${C}] = fl;`] : []),
    `      sb[e + ${C + 1}] = oc; sb[e + ${C + 2}] = pk; sb[e + ${C + 3}] = du; sb[e + ${C + 4}] = h; sb[e + ${C + 5}] = events++;`,
    '      fill[q] = n + 1;',
    `      if (n + 1 >= B) ${pushes++ === 0 ? 'qa' : 'qb'} = q;`,
    '      }',
    '    }',
  ];
  return loopSource(layout, le, flows, 'function hashRun(dv, from, to, sb, fill, B, st, sums, keyHash, lenToMask, warn, hot, hk, hv)',
    // a filled bucket's partition (-1: none; qb for a flow's second event) ends the loop after its
    // flow. Code that runs only when a bucket fills does no arithmetic and no element access: V8
    // compiles the loop before the first bucket fills, and such code would have no type feedback.
    ['  let events = st[0], hits = st[3], qa = -1, qb = -1;', '  const BR = B + 1;'], eventsSource(fmt, layout, le, push),
    ['  st[0] = events; st[1] = qa; st[2] = qb; st[3] = hits;'],
    [], ' && (qa & qb) < 0');
}

/**
 * The task's one table a direct loop adds into: entry + 1 by hash slot (linear probing), the
 * entries' key words, counters, first event and hash; in `num`, the entries written (N), the room
 * (LIM), the task's next event number (EVENTS) and the slot mask (MASK). The numbers live in a typed
 * array, not in fields: a field that once held a small integer and is then given a double changes
 * the object's shape, which threw away every optimised loop compiled against it.
 */
export interface DirectState {
  tb: Uint32Array; ks: Uint32Array; vs: Float64Array; first: Uint32Array; hash: Uint32Array; num: Float64Array;
}
/** Slots of DirectState.num. */
export const N = 0, LIM = 1, EVENTS = 2, MASK = 3;

/**
 * Adds the records at from, from + size, ... before `to` straight into the table of `S` (no
 * staging). Returns where it stopped: at `to`, or before a record whose keys might not fit (the
 * caller grows the table and calls again).
 */
export type DirectRun = (
  dv: DataView, from: number, to: number, S: DirectState, sums: Float64Array,
  keyHash: (a: number, b: number, c: number) => number, lenToMask: (len: number) => number, warn: (line: string) => void,
) => number;

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
    [`  const num = S.num, tb = S.tb, mask = num[${MASK}], ks = S.ks, vs = S.vs, fs = S.first, hs = S.hash, lim = num[${LIM}];`,
      `  let n = num[${N}], events = num[${EVENTS}];`],
    eventsSource(fmt, layout, le, push), [`  num[${N}] = n; num[${EVENTS}] = events;`],
    [`    if (n + ${eventsPerFlow(fmt)} > lim) break;`]);
}

/** The compiled direct loop of a report for a layout and byte order. */
export function directRun(fmt: StatFormat, layout: Layout, le: boolean): DirectRun {
  return compileLoop<DirectRun>(directRunSource(fmt, layout, le));
}

/** The compiled stage loop of a report for a layout, byte order and partition count. */
export function hashRun(fmt: StatFormat, layout: Layout, le: boolean, partBits: number, hot = true): HashRun {
  return compileLoop<HashRun>(hashRunSource(fmt, layout, le, partBits, hot));
}
