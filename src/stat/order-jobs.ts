/**
 * A big hash report's print order with the walk on parallel jobs, on pool workers and the main
 * thread alike: the coordinator builds the position bitmap (one pass over the positions), walk jobs
 * place ranges of segments at their walk index, then the coordinator radix-sorts the walk by the sort
 * value. The same order as printOrder (hash-order.ts), which small tables use.
 */
import { runJobs } from '../engine/jobs.ts';
import type { JobOutput } from '../ops/types.ts';
import { releaseMemory } from '../util/release-memory.ts';
import type { Dumper } from './formats.ts';
import { eventsOf, hasHighs, placeSegments, printOrder, shared, sortField, sortWalk, sortWalkPairs, walksInPairs, type SortField } from './hash-order.ts';
import type { PartDesc } from './part-store.ts';
import { dropStageScratch } from './stage-memory.ts';
import { dropMergeScratch } from './part-merge.ts';
import { bitmapFits, positionBitmap } from './rank.ts';
import { RefTable } from './ref-table.ts';

/** Place segments [from, to) of a merged table at their walk index (see placeSegments). */
export interface StatWalkJob {
  kind: 'stat-walk';
  w: number;
  segBits: number;
  segs: PartDesc[];
  from: number;
  to: number;
  field: SortField | null;
  bits: SharedArrayBuffer;
  before: SharedArrayBuffer;
  /** references and the sort value apart (refs, lo, hi), or side by side (pairs) */
  refs: SharedArrayBuffer | null;
  lo: SharedArrayBuffer | null;
  hi: SharedArrayBuffer | null;
  pairs: SharedArrayBuffer | null;
}

const u32 = (b: SharedArrayBuffer | null): Uint32Array | null => (b ? new Uint32Array(b) : null);

export function walkJob(job: StatWalkJob): JobOutput {
  // walk jobs come right after the merge: the partials this thread held are garbage now (its slab
  // too, if no merge job ran here), and so is its merge memory. Only the thread's first walk job
  // finds them: a later one skips the full collection (8-36 ms each in -f 11 -S 1)
  const merged = dropMergeScratch();
  if (dropStageScratch() > 0 || merged) releaseMemory();
  const t = new RefTable(job.w, job.segBits, job.segs);
  placeSegments(t, job.from, job.to, job.field, new Int32Array(job.bits), new Uint32Array(job.before), null, {
    refs: u32(job.refs), lo: u32(job.lo), hi: u32(job.hi), pairs: u32(job.pairs),
  });
  return { result: null, transfer: [] };
}

/**
 * printOrder on the pool: entry references of a hash report in print order (shared memory). Falls
 * back to the serial printOrder when positions are too sparse for a bitmap (few entries).
 */
export async function printOrderParallel(t: RefTable, dumper: Dumper, sortOrder: number, workers: number): Promise<Uint32Array> {
  const n = t.n, events = eventsOf(t);
  if (workers === 0 || !bitmapFits(events, n)) return printOrder(t, dumper, sortOrder);
  const f = sortField(t, dumper, sortOrder);
  const { bits, before } = positionBitmap(t.pos, t.counts, events, { shared: true });
  // a sort value with no high part is walked into pairs (one cache line per entry), sorted from there
  const paired = walksInPairs(t, f);
  const pairs = paired ? shared(2 * n) : null;
  const refs = paired ? null : shared(n), lo = f && !paired ? shared(n) : null, hi = hasHighs(t, f) ? shared(n) : null;
  const sab = (a: Uint32Array | null): SharedArrayBuffer | null => (a ? (a.buffer as SharedArrayBuffer) : null);
  const k = t.ents.length, parts = Math.min(k, (workers + 1) * 2);
  const walks: StatWalkJob[] = [];
  for (let j = 0; j < parts; j++) {
    walks.push({
      kind: 'stat-walk', w: t.w, segBits: t.partBits, segs: t.parts, from: Math.floor((j * k) / parts), to: Math.floor(((j + 1) * k) / parts),
      field: f, bits: bits.buffer as SharedArrayBuffer, before: before.buffer as SharedArrayBuffer, refs: sab(refs), lo: sab(lo), hi: sab(hi), pairs: sab(pairs),
    });
  }
  for await (const _ of runJobs(walks, { workers })) { /* placed */ }
  // the sort stays serial: two radix-sorted halves and their merge took longer than one sort here
  if (pairs) return sortWalkPairs(pairs, n, sortOrder);
  return f ? sortWalk({ lo: lo!, hi, a: refs, b: null, c: null }, n, sortOrder) : refs!;
}
