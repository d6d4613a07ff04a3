/**
 * The overall summary (f0) and short summary (f15), worker side: flow-stat's format0 counters
 * (totals, earliest/latest times) and its four histograms (packet size, packets per flow, octets per
 * flow, flow time). f0 skips dPkts == 0 flows with a warning; f15 only adds up the totals.
 */
import { hasField, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import { EMPTY_U32, EMPTY_U8, EMPTY_F64, type StatPayload } from './partial.ts';
import { CHECK_EVERY, Totals } from './totals.ts';

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
  finish(): StatPayload;
}

/** f0 (`full`) or f15 (totals only). */
export function summaryAggregator(format: number, layout: Layout, le: boolean, warn: (line: string) => void): SummaryAggregator {
  const full = format === 0;
  const t = new Totals();
  const x = emptySummaryExtra();
  const off = layout.offsets;
  const oPk = off.dPkts, oOc = off.dOctets, oFi = off.First, oLa = off.Last, oUs = off.unix_secs;
  const oFl = hasField(layout, 'dFlows') ? off.dFlows : -1;
  const psize = bucketTable(PSIZE_BOUNDS), fpsize = bucketTable(FPSIZE_BOUNDS);
  const fosize = bucketTable(FOSIZE_BOUNDS), ftime = bucketTable(FTIME_BOUNDS);
  let countdown = CHECK_EVERY;
  let timeStart = 0xffffffff, timeEnd = 0, start = 0xffffffff, end = 0;

  return {
    record(v: RecordView) {
      const dv = v.dv, p = v.p;
      const pk = dv.getUint32(p + oPk, le);
      const oc = dv.getUint32(p + oOc, le);
      const first = dv.getUint32(p + oFi, le), last = dv.getUint32(p + oLa, le);
      const du = (last - first) >>> 0;
      const fl = oFl < 0 ? 1 : dv.getUint32(p + oFl, le);
      if (!full) {
        t.f += fl; t.o += oc; t.p += pk; t.d += du;
      } else {
        if (pk === 0) { warn('Ignoring bogus flow dPkts=0\n'); return; }
        t.f += fl; t.o += oc; t.p += pk; t.d += du;
        const us = dv.getUint32(p + oUs, le);
        if (us < timeStart) timeStart = us;
        if (us > timeEnd) timeEnd = us;
        if (first < start) start = first;
        if (last > end) end = last;
        const ps = Math.floor(oc / pk);
        if (ps <= 4608) x[SUMMARY.PSIZE + psize[ps]!]++;
        x[SUMMARY.FPSIZE + (pk <= 900 ? fpsize[pk]! : 25)]++;
        x[SUMMARY.FOSIZE + (oc <= 15872 ? fosize[oc]! : 25)]++;
        x[SUMMARY.FTIME + (du <= 30000 ? ftime[du]! : 25)]++;
      }
      if (--countdown === 0) {
        countdown = CHECK_EVERY;
        t.normalize();
      }
    },
    finish(): StatPayload {
      x[SUMMARY.TIME_START] = timeStart; x[SUMMARY.TIME_END] = timeEnd;
      x[SUMMARY.START] = start; x[SUMMARY.END] = end;
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
