/**
 * A merge job's input when it has many small partials (an archive of small files: one partial per
 * task): its partitions' entries gathered from every partial into one, so that the merge's loop
 * over partials meets one (see mergeJob in part-merge.ts).
 */
import type { MemMeter } from './mem-cap.ts';

/** partials from which a merge job gathers its partitions' entries into one partial first */
export const GATHER_FROM = 256;

export interface View { offsets: Uint32Array; keys: Uint32Array; first: Uint32Array; vals: Float64Array | Uint32Array; base: number }

/**
 * Partitions [from, to) of `views` as one partial: each partition's runs in input order, first
 * events made absolute (base 0; they fit 32 bits unless the job has wide positions). Each partial
 * is read once, in order. Merging 10,000 partials of an archive of small files partition by
 * partition instead visited every partial for each of 512 partitions: 10 s of the merge.
 */
export function gatherPartials(views: readonly View[], from: number, to: number, w: number, meter: MemMeter): View {
  const parts = views[0]!.offsets.length - 1;
  const offsets = new Uint32Array(parts + 1);
  for (const v of views) for (let p = from; p < to; p++) offsets[p + 1]! += v.offsets[p + 1]! - v.offsets[p]!;
  for (let p = from; p < parts; p++) offsets[p + 1]! += offsets[p]!;
  const n = offsets[to]!;
  // charged like the job's other scratch (released when the job ends)
  meter.charge(n * (w * 4 + 4 + 32), 0);
  const keys = new Uint32Array(n * w), first = new Uint32Array(n), vals = new Float64Array(n * 4);
  const next = offsets.slice();
  for (const v of views) {
    const off = v.offsets, pk = v.keys, pf = v.first, pv = v.vals, base = v.base;
    for (let p = from; p < to; p++) {
      for (let i = off[p]!, end = off[p + 1]!; i < end; i++) {
        const d = next[p]!++;
        for (let k = 0; k < w; k++) keys[d * w + k] = pk[i * w + k]!;
        first[d] = base + pf[i]!;
        for (let k = 0; k < 4; k++) vals[d * 4 + k] = pv[i * 4 + k]!;
      }
    }
  }
  return { offsets, keys, first, vals, base: 0 };
}
