/**
 * flow-stat's parallel jobs after the scan, run on pool workers and the main thread alike: merging a
 * range of partitions of the partials into one segment of the merged table (stat-merge), placing
 * entries in the print order's walk (stat-walk: order-jobs.ts), and printing a range of a hash
 * report's rows (stat-rows). All their data is plain or shared memory.
 */
import type { JobOutput } from '../ops/types.ts';
import { FORMATS } from './formats.ts';
import { symbolsFor, TextBuf, writeHashRows, type RowOptions } from './hash-rows.ts';
import { walkJob, type StatWalkJob } from './order-jobs.ts';
import { mergeJob, type StatMergeJob } from './part-merge.ts';
import type { PartDesc } from './part-store.ts';
import { RefTable } from './ref-table.ts';

/** Print rows [from, to) of the print order `order` (Uint32 entry references) of a merged table. */
export interface StatRowsJob {
  kind: 'stat-rows';
  format: number;
  w: number;
  segBits: number;
  segs: PartDesc[];
  order: SharedArrayBuffer;
  from: number;
  to: number;
  o: RowOptions;
  /** the four totals, as numbers (percent columns) */
  tot: number[];
  /** where to write the text (reused from job to job: fresh memory is slow to touch) */
  out: SharedArrayBuffer;
}

/** A rows job's text: its length in `out`, or the bytes when they did not fit there. */
export type RowsResult = { len: number; bytes?: Uint8Array };

export type StatJob = StatMergeJob | StatRowsJob | StatWalkJob;

export function rowsJob(job: StatRowsJob): RowsResult {
  const fmt = FORMATS[job.format]!;
  const t = new RefTable(job.w, job.segBits, job.segs);
  const rows = new Uint32Array(job.order);
  const out = new TextBuf(0);
  out.buf = new Uint8Array(job.out);
  writeHashRows(t, fmt.dumper!, rows, job.from, job.to, job.o, symbolsFor(fmt, job.o), job.tot, out);
  // a row longer than planned made the buffer grow out of the shared memory
  return out.buf.buffer === job.out ? { len: out.len } : { len: out.len, bytes: out.buf.subarray(0, out.len) };
}

export function statJob(job: StatJob): JobOutput {
  if (job.kind === 'stat-merge') return { result: mergeJob(job), transfer: [] };
  if (job.kind === 'stat-walk') return walkJob(job);
  const r = rowsJob(job);
  return { result: r, transfer: r.bytes ? [r.bytes.buffer as ArrayBuffer] : [] };
}
