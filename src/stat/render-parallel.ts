/**
 * The table of a big hash report printed by row jobs: the print order is computed once (shared
 * memory), then ranges of it are formatted on pool workers and the main thread alike and written in
 * order. Small tables, and the other reports, print serially (render.ts): same bytes either way.
 */
import { runJobs } from '../engine/jobs.ts';
import { poolStarted } from '../engine/pool.ts';
import type { StatResult } from './accumulate.ts';
import { u64Num } from './cformat.ts';
import type { RowsResult, StatRowsJob } from './jobs.ts';
import type { StatOptions } from './options.ts';
import { renderBody } from './render.ts';
import { tableHeading } from './render-table.ts';
import { printOrderParallel } from './order-jobs.ts';
import { canSort } from './table-order.ts';

/** bytes of a job's text buffer (pages are touched only as far as they are written) */
const JOB_BYTES = 8 << 20;
/** room planned per row: the widest dumper's row (pre2, as2 wide) is about 130 bytes */
const ROW_MAX = 160;
const ROWS_PER_JOB = Math.floor(JOB_BYTES / ROW_MAX);
/** rows from which the pool is worth starting just for printing */
const POOL_ROWS_MIN = 1_000_000;
/** rows from which a started pool helps */
const PARALLEL_ROWS_MIN = 1 << 17;

export interface ParallelRender {
  /** threads, the main thread included */
  threads: number;
  /** filled with milliseconds per phase (--stats) */
  phases?: Record<string, number>;
}

/** Write the rest of the report like renderBody, printing a big hash table's rows in parallel. */
export async function renderBodyParallel(
  r: StatResult, o: StatOptions, sink: (b: Uint8Array | string) => void, err: (line: string) => void, p: ParallelRender,
): Promise<void> {
  const workers = Math.max(0, p.threads - 1);
  const t = r.table;
  const n = t ? t.n : 0;
  if (!t || workers === 0 || n < PARALLEL_ROWS_MIN || !(poolStarted(workers) || n >= POOL_ROWS_MIN)) {
    const t0 = performance.now();
    renderBody(r, o, sink, err);
    if (p.phases) p.phases.printMs = Math.round(performance.now() - t0);
    return;
  }
  const fmt = r.fmt;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  if (!canSort(fmt.dumper!, o.sortOrder)) { err(`${o.cc} can't sort on field ${o.sortOrder}.\n`); return; }
  const rows = await printOrderParallel(t, fmt.dumper!, o.sortOrder, workers);
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  sink(tableHeading(fmt.dumper!, fmt.title ?? '', fmt.title2 ?? '', o));
  const tot = [0, 1, 2, 3].map((c) => { const x = r.totals.part(c); return u64Num(x.lo, x.hi); });
  const ro = { percent: o.percent, wide: o.wide, names: o.names, symDir: o.symDir };
  const order = rows.buffer as SharedArrayBuffer;
  // text buffers, reused once their job's text is written
  const free: SharedArrayBuffer[] = [];
  const specs: StatRowsJob[] = [];
  function* jobs(): Generator<StatRowsJob> {
    for (let from = 0; from < n; from += ROWS_PER_JOB) {
      const out = free.pop() ?? new SharedArrayBuffer(JOB_BYTES);
      const spec: StatRowsJob = { kind: 'stat-rows', format: fmt.id, w: t!.w, segBits: t!.partBits, segs: t!.parts, order, from, to: Math.min(n, from + ROWS_PER_JOB), o: ro, tot, out };
      specs.push(spec);
      yield spec;
    }
  }
  let k = 0;
  for await (const res of runJobs(jobs(), { workers })) {
    const r = res as RowsResult;
    const out = specs[k]!.out;
    specs[k++] = undefined as never;
    // written before the buffer goes back to the free list (Output writes 1 MB and more at once)
    if (r.bytes) sink(r.bytes);
    else if (r.len >= 1 << 20) sink(new Uint8Array(out, 0, r.len));
    else sink(new Uint8Array(out, 0, r.len).slice());
    free.push(out);
  }
  if (p.phases) {
    const c2 = process.cpuUsage(c0);
    p.phases.orderMs = Math.round(t1 - t0);
    p.phases.orderCpuMs = Math.round((c1.user + c1.system) / 1000);
    p.phases.printMs = Math.round(performance.now() - t1);
    p.phases.printCpuMs = Math.round((c2.user + c2.system - c1.user - c1.system) / 1000);
  }
}
