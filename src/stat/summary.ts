/**
 * The overall summary (f0) and short summary (f15), worker side: flow-stat's format0 counters
 * (totals, earliest/latest times) and its four histograms (packet size, packets per flow, octets per
 * flow, flow time). f0 skips dPkts == 0 flows with a warning; f15 only adds up the totals.
 */
import { compileLoop } from '../engine/loop-cache.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import { readerSource, type RecordView } from '../format/record.ts';
import { EMPTY_U32, EMPTY_U8, EMPTY_F64, type StatPayload } from './partial.ts';
import { checkedRuns, Totals } from './totals.ts';
import { primedRuns } from '../util/prime.ts';

/** Upper bounds (inclusive) of each histogram's buckets; values above the last go to "other". */
export const PSIZE_BOUNDS = [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 480, 512, 544, 576, 1024, 1536, 2048, 2560, 3072, 3584, 4096, 4608];
export const FPSIZE_BOUNDS = [1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 60, 100, 200, 300, 400, 500, 600, 700, 800, 900];
export const FOSIZE_BOUNDS = [32, 64, 128, 256, 512, 1280, 2048, 2816, 3584, 4352, 5120, 5888, 6656, 7424, 8192, 8960, 9728, 10496, 11264, 12032, 12800, 13568, 14336, 15104, 15872];
export const FTIME_BOUNDS = [10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 12000, 14000, 16000, 18000, 20000, 22000, 24000, 26000, 28000, 30000];

/** Layout of the summary's `extra` array. */
export const SUMMARY = {
  TIME_START: 0, TIME_END: 1, START: 2, END: 3,
  PSIZE: 4, FPSIZE: 30, FOSIZE: 56, FTIME: 82,
  /** buckets per histogram (the packet size histogram has no "other" bucket: its last slot stays 0) */
  BUCKETS: 26,
  LENGTH: 108,
} as const;

/** value -> bucket lookup for 0..last bound; above it, `other` (-1: not counted) */
function bucketTable(bounds: readonly number[]): Uint8Array {
  const last = bounds[bounds.length - 1]!;
  const t = new Uint8Array(last + 1);
  let b = 0;
  for (let v = 0; v <= last; v++) {
    while (v > bounds[b]!) b++;
    t[v] = b;
  }
  return t;
}

export function emptySummaryExtra(): Float64Array {
  const x = new Float64Array(SUMMARY.LENGTH);
  x[SUMMARY.TIME_START] = 0xffffffff;
  x[SUMMARY.START] = 0xffffffff;
  return x;
}

export interface SummaryAggregator {
  record(v: RecordView): void;
  /** the records at from, from + size, ... before `to`, all of them (no filter) */
  records(dv: DataView, from: number, to: number): void;
  finish(): StatPayload;
}

/**
 * Adds the records at from, from + size, ... before `to`: their totals to sums[0..3] and, for f0,
 * the times and histograms to `x` (the summary's extra array); warns of each bogus flow in turn.
 */
type SummaryRun = (dv: DataView, from: number, to: number, sums: Float64Array, x: Float64Array,
  psize: Uint8Array, fpsize: Uint8Array, fosize: Uint8Array, ftime: Uint8Array, warn: (line: string) => void) => void;

/** The source of f0's (`full`) or f15's record loop for a layout and byte order. */
export function summaryRunSource(full: boolean, layout: Layout, le: boolean): string {
  const rd = (f: Parameters<typeof readerSource>[1]): string => readerSource(layout, f, 'dv', 'p', String(le));
  const S = SUMMARY;
  const body = full
    ? [
      "    if (pk === 0) { warn('Ignoring bogus flow dPkts=0\\n'); continue; }",
      '    f += fl; o += oc; k += pk; d += du;',
      `    const us = ${rd('unix_secs')};`,
      '    if (us < timeStart) timeStart = us;',
      '    if (us > timeEnd) timeEnd = us;',
      '    if (first < start) start = first;',
      '    if (last > end) end = last;',
      '    const ps = Math.floor(oc / pk);',
      `    if (ps <= ${PSIZE_BOUNDS.at(-1)}) x[${S.PSIZE} + psize[ps]]++;`,
      `    x[${S.FPSIZE} + (pk <= ${FPSIZE_BOUNDS.at(-1)} ? fpsize[pk] : ${S.BUCKETS - 1})]++;`,
      `    x[${S.FOSIZE} + (oc <= ${FOSIZE_BOUNDS.at(-1)} ? fosize[oc] : ${S.BUCKETS - 1})]++;`,
      `    x[${S.FTIME} + (du <= ${FTIME_BOUNDS.at(-1)} ? ftime[du] : ${S.BUCKETS - 1})]++;`,
    ]
    : ['    f += fl; o += oc; k += pk; d += du;'];
  return [
    '"use strict";',
    'return function summaryRun(dv, from, to, sums, x, psize, fpsize, fosize, ftime, warn) {',
    '  let f = 0, o = 0, k = 0, d = 0;',
    `  let timeStart = x[${S.TIME_START}], timeEnd = x[${S.TIME_END}], start = x[${S.START}], end = x[${S.END}];`,
    `  for (let p = from; p < to; p += ${layout.size}) {`,
    `    const pk = ${rd('dPkts')}, oc = ${rd('dOctets')};`,
    `    const first = ${rd('First')}, last = ${rd('Last')};`,
    '    const du = (last - first) >>> 0;',
    `    const fl = ${hasField(layout, 'dFlows') ? rd('dFlows') : '1'};`,
    ...body,
    '  }',
    `  x[${S.TIME_START}] = timeStart; x[${S.TIME_END}] = timeEnd; x[${S.START}] = start; x[${S.END}] = end;`,
    '  sums[0] += f; sums[1] += o; sums[2] += k; sums[3] += d;',
    '};',
  ].join('\n');
}

/** f0 (`full`) or f15 (totals only). */
export function summaryAggregator(format: number, layout: Layout, le: boolean, warn: (line: string) => void): SummaryAggregator {
  const full = format === 0;
  const t = new Totals();
  const x = emptySummaryExtra();
  const run = compileLoop<SummaryRun>(summaryRunSource(full, layout, le));
  const psize = bucketTable(PSIZE_BOUNDS), fpsize = bucketTable(FPSIZE_BOUNDS);
  const fosize = bucketTable(FOSIZE_BOUNDS), ftime = bucketTable(FTIME_BOUNDS);
  const rec = layout.size;
  const sums = new Float64Array(4);
  // the totals are normalized every CHECK_EVERY records: their low parts stay exact
  const settle = (): void => { t.addSums(sums); t.normalize(); };
  const records = checkedRuns(rec, primedRuns(rec, (dv, from, to) => run(dv, from, to, sums, x, psize, fpsize, fosize, ftime, warn)), settle);

  return {
    record: (v: RecordView) => records(v.dv, v.p, v.p + rec),
    records,
    finish(): StatPayload {
      settle();
      return {
        kind: 'stat', format, n: 0, w: 0, keys: EMPTY_U32, vals: EMPTY_F64, hi: null,
        totals: t.toArray(), extra: full ? x : EMPTY_F64, text: EMPTY_U8,
      };
    },
  };
}

/** Fold one task's summary extras into the running ones. */
export function mergeSummaryExtra(into: Float64Array, from: Float64Array): void {
  if (from.length === 0) return;
  into[SUMMARY.TIME_START] = Math.min(into[SUMMARY.TIME_START]!, from[SUMMARY.TIME_START]!);
  into[SUMMARY.TIME_END] = Math.max(into[SUMMARY.TIME_END]!, from[SUMMARY.TIME_END]!);
  into[SUMMARY.START] = Math.min(into[SUMMARY.START]!, from[SUMMARY.START]!);
  into[SUMMARY.END] = Math.max(into[SUMMARY.END]!, from[SUMMARY.END]!);
  for (let i = SUMMARY.PSIZE; i < SUMMARY.LENGTH; i++) into[i] += from[i]!;
}
