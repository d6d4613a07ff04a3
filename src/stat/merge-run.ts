/**
 * The coordinator's run of a hash report's merge jobs on the pool and the main thread. Each job
 * reads one group of every partial; the partials' memory of a group is freed once every thread has
 * let go of it, so jobs are handed out one by one and forgotten when done, and the main thread
 * collects its garbage as the merged groups' bytes add up (pool threads do the same before their
 * next job, see mergeJob). The partials and the segments are then never all held at once.
 */
import { runJobs } from '../engine/jobs.ts';
import { releaseMemory } from '../util/release-memory.ts';
import { jobBytes, type StatMergeJob } from './part-merge.ts';
import type { PartDesc } from './part-store.ts';
import { dropStageScratch } from './stage-memory.ts';

/** merged partial bytes after which the main thread collects its garbage (a full collection, 7-17 ms) */
const FREE_EVERY = 64 << 20;

/** Run `jobs` (emptied as they are handed out) on `workers` pool threads and this one; the segments in job order. */
export async function mergeAll(jobs: StatMergeJob[], workers: number): Promise<PartDesc[]> {
  const bytes = jobs.map(jobBytes);
  const free = jobs.some((j) => j.free);
  // this thread's slabs hold the partials of its own scan tasks; its idle scratch goes with them
  let freed = dropStageScratch();
  const segs: PartDesc[] = [];
  for await (const r of runJobs(handOut(jobs), { workers })) {
    freed += bytes[segs.length]!;
    segs.push((r as { seg: PartDesc }).seg);
    if (free && freed >= FREE_EVERY) {
      releaseMemory();
      freed = 0;
    }
  }
  return segs;
}

/** The jobs one by one, each dropped from the list as it goes. */
function* handOut(jobs: StatMergeJob[]): Generator<StatMergeJob> {
  while (jobs.length) yield jobs.shift()!;
}
