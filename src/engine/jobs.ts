/**
 * Parallel jobs beside the scan: an op's work after (or between) scan tasks — merging a big
 * report's partitions, printing its rows — split into independent JobSpecs that run on the
 * process's scan pool and on the main thread, whichever is free, with results in job order.
 */
import { runJob } from '../ops/registry.ts';
import type { JobSpec } from '../ops/types.ts';
import { runOrdered } from './ordered.ts';
import { scanPool, type ScanPool } from './pool.ts';
import { Slots } from './slots.ts';

/** Jobs a worker holds at once: one running, one queued (no idle gap while the main thread is busy). */
const PER_WORKER = 2;

export interface JobOptions {
  /** pool workers to use beside the main thread (0: run everything on the main thread) */
  workers: number;
  /** jobs in flight (results held) at most. Default: 2 per thread */
  window?: number;
}

/**
 * Run `jobs` and yield their results in order. The main thread runs a job itself when no pool
 * slot is free; it yields to the event loop between jobs so finished workers get their next one.
 */
export async function* runJobs(jobs: Iterable<JobSpec>, opts: JobOptions): AsyncGenerator<unknown> {
  const workers = Math.max(0, opts.workers);
  const pool: ScanPool | null = workers > 0 ? await scanPool(workers) : null;
  // the main thread takes one job at a time
  const slots = new Slots(() => (pool ? workers * PER_WORKER : 0), () => 1);

  const run = async (spec: JobSpec): Promise<unknown> => {
    const place = await slots.take();
    try {
      if (place === 'pool') return await pool!.job(spec);
      await new Promise<void>((r) => setImmediate(r));
      return (await runJob(spec)).result;
    } finally {
      slots.give(place);
    }
  };

  let seq = 0;
  const items = (function* () { for (const spec of jobs) yield { seq: seq++, spec }; })();
  const window = opts.window ?? (workers + 1) * 2;
  yield* runOrdered(items, (it) => run(it.spec), Math.max(1, window));
}
