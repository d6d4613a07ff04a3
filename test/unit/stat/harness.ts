/**
 * Test harness for flow-stat reports without the engine: runs the stat op over chosen record ranges
 * of an encoded record buffer (one partial per range, as workers would), merges the partials in a
 * chosen order and renders the report text exactly as the drop-in does.
 */
import { layoutFor, type Layout } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { statOp } from '../../../src/ops/stat-op.ts';
import { StatAccumulator, type StatResult } from '../../../src/stat/accumulate.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import type { StatOptions } from '../../../src/stat/options.ts';
import { partialViews, type StatPayload } from '../../../src/stat/partial.ts';
import { renderBody, renderLead } from '../../../src/stat/render.ts';
import { reportInfo } from '../../../src/stat/render-summary.ts';
import { symDir } from '../../../src/print/symbols-path.ts';

export function layoutOf(v: string): Layout {
  const [d, m] = v.split('.');
  return layoutFor(Number(d), Number(m ?? 0))!;
}

/**
 * One partial per [start, end) range of record indices; hash partials split into 2^partBits
 * partitions (aggregated in small buckets, 1,024 events over all partitions: they fill and drain
 * several times per partial).
 */
export function partials(records: Uint8Array, layout: Layout, format: number, ranges: Array<[number, number]>, le = true, partBits = 0): StatPayload[] {
  const dv = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const view = new RecordView(layout, dv, le);
  return ranges.map(([a, b]) => {
    const op = statOp({ kind: 'stat', format, partBits }, { layout, littleEndian: le, file: 't', warn: () => undefined, expectedRecords: partBits > 0 ? 1 : b - a, alloc: (n) => new ArrayBuffer(n) });
    for (let i = a; i < b; i++) { view.p = i * layout.size; op.record(view); }
    return op.finish().payload as StatPayload;
  });
}

/**
 * A partitioned partial read back whole, whatever memory its groups' regions are in: `offsets`
 * over all 2^partBits partitions, then the entries partition after partition.
 */
export function wholePartial(p: StatPayload): { offsets: Uint32Array; keys: Uint32Array; first: Uint32Array; vals: Float64Array } {
  const parts = p.parts!, G = 1 << parts.groupBits, bits = parts.partBits - parts.groupBits, per = 1 << bits;
  const offsets = new Uint32Array((1 << parts.partBits) + 1), keys = new Uint32Array(p.n * p.w), first = new Uint32Array(p.n), vals = new Float64Array(p.n * 4);
  // the partials the task wrote out before its end, then its last: a partition's entries from each in turn
  const all = [...(parts.earlier ?? []), parts];
  let at = 0;
  for (let g = 0; g < G; g++) {
    const views = all.map((q) => partialViews(q.bufs[g]!, q.ns[g]!, p.w, bits, q.narrow, q.ats[g]!));
    for (let q = 0; q < per; q++) {
      offsets[g * per + q] = at;
      for (const v of views) {
        const a = v.offsets[q]!, b = v.offsets[q + 1]!;
        keys.set(v.keys.subarray(a * p.w, b * p.w), at * p.w);
        first.set(v.first.subarray(a, b), at);
        vals.set(v.vals.subarray(a * 4, b * 4), at * 4);
        at += b - a;
      }
    }
  }
  offsets[1 << parts.partBits] = at;
  return { offsets, keys, first, vals };
}

/** Merge partials (given with their seq) in the order given. */
export function merge(format: number, parts: Array<{ seq: number; p: StatPayload }>): StatResult {
  const acc = new StatAccumulator(FORMATS[format]!);
  for (const { seq, p } of parts) acc.add(p, seq);
  return acc.result();
}

export function options(format: number, o: Partial<StatOptions> = {}): StatOptions {
  return {
    format, sortOrder: 0, percent: false, names: false, wide: false, tally: 0, cc: '#', printHeader: false,
    argv: ['flow-stat', '-f', String(format)], symDir: symDir(), ...o,
  };
}

/** The report's stdout text (and its stderr line, for a bad sort field). */
export function render(r: StatResult, o: StatOptions): { out: string; err: string } {
  const parts: string[] = [reportInfo(r.fmt, o), renderLead(r.fmt, o)];
  for (const t of r.text ?? []) parts.push(Buffer.from(t).toString('latin1'));
  let err = '';
  renderBody(r, o, (b) => parts.push(typeof b === 'string' ? b : Buffer.from(b).toString('latin1')), (l) => { err += l; });
  return { out: parts.join(''), err };
}

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random cut points: `k` ranges covering [0, n), some of them empty. */
export function randomRanges(n: number, k: number, rand: () => number): Array<[number, number]> {
  const cuts = Array.from({ length: k - 1 }, () => Math.floor(rand() * (n + 1))).sort((a, b) => a - b);
  const bounds = [0, ...cuts, n];
  return bounds.slice(1).map((b, i) => [bounds[i]!, b]);
}

export function shuffle<T>(a: T[], rand: () => number): T[] {
  const b = [...a];
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [b[i], b[j]] = [b[j]!, b[i]!];
  }
  return b;
}
