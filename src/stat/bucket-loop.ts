/**
 * The loops that empty a hash stage's bucket (see hash-stage.ts), generated as JS source like the
 * record loops (src/engine/loop-cache.ts): the key's words, the staged event's size and where its
 * counters sit are written in as constants. The same loops in a task's closure, or taking them as
 * arguments, read them at every event: `-f 11 -S 1` over 2M hosts, 8 pairs at 2 threads, user CPU
 * 0.943 with the aggregation generated (8 of 8 pairs lower).
 */
import { compileLoop } from '../engine/loop-cache.ts';
import type { Layout } from '../format/layouts.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';
import { stagedWords } from './hash-loop.ts';

/**
 * Adds staged events [from, to) of the buckets `sb` (one bucket) into `tb`, an empty table of
 * mask + 1 slots (entry + 1 by hash, linear probing), appending each new key to the output arrays
 * as entry n, n + 1, ... (its key words, counters and first event); returns the entries then.
 */
export type BucketAggregate = (
  sb: Uint32Array, from: number, to: number, tb: Uint32Array, mask: number, ks: Uint32Array, vs: Float64Array, first: Uint32Array, n: number,
) => number;

/** What the generated bucket loops read of a staged event: its key words and its four counters. */
function eventParts(fmt: StatFormat, layout: Layout): { w: number; C: number; SB: number; keys: string[]; counters: string[] } {
  const w = keyWords(fmt.key!);
  const { C, SB, flows } = stagedWords(fmt, layout);
  const keys = ['a', 'b', 'c'].slice(0, w);
  // flows are staged only when records carry a count of them: otherwise every event counts 1
  const counters = [flows ? `sb[o + ${C}]` : '1', `sb[o + ${C + 1}]`, `sb[o + ${C + 2}]`, `sb[o + ${C + 3}]`];
  return { w, C, SB, keys, counters };
}

/** `a`, `a + 1`, ...: index expressions of an array at a base. */
const at = (a: string, i: number): string => (i ? `${a} + ${i}` : a);

/** The bucket aggregation of a report's staged events. */
export function bucketAggregateSource(fmt: StatFormat, layout: Layout): string {
  const { w, C, SB, keys, counters } = eventParts(fmt, layout);
  const q = (e: string): string => (w === 1 ? e : `${e} * ${w}`);
  const same = keys.map((k, i) => `ks[${at('q', i)}] === ${k}`).join(' && ');
  return [
    '"use strict";',
    'return function bucketAggregate(sb, from, to, tb, mask, ks, vs, first, n) {',
    `  for (let o = from * ${SB}, end = to * ${SB}; o < end; o += ${SB}) {`,
    `    const ${keys.map((k, i) => `${k} = sb[${at('o', i)}]`).join(', ')};`,
    `    let i = sb[o + ${C + 4}] & mask, x = 0;`,
    '    for (;;) {',
    '      x = tb[i];',
    '      if (x === 0) break;',
    `      const q = ${q('(x - 1)')};`,
    `      if (${same}) break;`,
    '      i = (i + 1) & mask;',
    '    }',
    '    if (x !== 0) {',
    '      const v = (x - 1) * 4;',
    ...counters.map((c, k) => `      vs[${at('v', k)}] += ${c};`),
    '    } else {',
    '      tb[i] = n + 1;',
    `      const q = ${q('n')};`,
    ...keys.map((k, i) => `      ks[${at('q', i)}] = ${k};`),
    `      first[n] = sb[o + ${C + 5}];`,
    '      const v = n * 4;',
    ...counters.map((c, k) => `      vs[${at('v', k)}] = ${c};`),
    '      n++;',
    '    }',
    '  }',
    '  return n;',
    '};',
  ].join('\n');
}

/** The compiled bucket aggregation of a report's staged events for a layout. */
export function bucketAggregate(fmt: StatFormat, layout: Layout): BucketAggregate {
  return compileLoop<BucketAggregate>(bucketAggregateSource(fmt, layout));
}

/**
 * Copies staged events [from, to) of the buckets `sb` to the output arrays as entries n, n + 1, ...,
 * one entry per event, keys not combined (buckets of mostly distinct keys, see hash-stage.ts);
 * returns the entries then.
 */
export type BucketCopy = (sb: Uint32Array, from: number, to: number, ks: Uint32Array, vs: Float64Array, first: Uint32Array, n: number) => number;

/** The bucket copy of a report's staged events. */
export function bucketCopySource(fmt: StatFormat, layout: Layout): string {
  const { w, C, SB, keys, counters } = eventParts(fmt, layout);
  return [
    '"use strict";',
    'return function bucketCopy(sb, from, to, ks, vs, first, n) {',
    `  for (let o = from * ${SB}, end = to * ${SB}; o < end; o += ${SB}, n++) {`,
    `    const q = ${w === 1 ? 'n' : `n * ${w}`}, v = n * 4;`,
    ...keys.map((_k, i) => `    ks[${at('q', i)}] = sb[${at('o', i)}];`),
    ...counters.map((c, k) => `    vs[${at('v', k)}] = ${c};`),
    `    first[n] = sb[o + ${C + 5}];`,
    '  }',
    '  return n;',
    '};',
  ].join('\n');
}

/** The compiled bucket copy of a report's staged events for a layout. */
export function bucketCopy(fmt: StatFormat, layout: Layout): BucketCopy {
  return compileLoop<BucketCopy>(bucketCopySource(fmt, layout));
}
