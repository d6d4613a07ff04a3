/**
 * A task's partitioned partial written out group by group (see PartialParts): the entries of each
 * group of consecutive partitions go to a region of that group's slab, so the merge job that reads
 * the group is the last to need its memory.
 */
import { groupBitsOf } from './part-store.ts';
import { partialBytes, partialViews, type PartialParts } from './partial.ts';
import { COMMON_SLAB, partialMemory, SLAB_MIN } from './stage-memory.ts';
import type { Runs } from './stage-runs.ts';

/**
 * Gather the stage output's runs (keys, vals, first: the runs back to back) into a partial of
 * 2^partBits partitions. `charge` is told the partial's bytes before any memory is taken, and
 * `grouped` whether a partial of these bytes goes to its groups' slabs.
 */
export function writeGroups(
  runs: Runs, partBits: number, n: number, w: number, narrow: boolean,
  keys: Uint32Array, vals: Float64Array, first: Uint32Array, grouped: (bytes: number) => boolean, charge: (bytes: number) => void,
): Omit<PartialParts, 'events'> {
  const P = 1 << partBits, groupBits = groupBitsOf(partBits), G = 1 << groupBits;
  const bits = partBits - groupBits, per = 1 << bits;
  const bufs: SharedArrayBuffer[] = [], ats: number[] = [], ns: number[] = [];
  const views: Array<ReturnType<typeof partialViews>> = [];
  // group g's entries start at start[g] of the task's partition order
  const start = new Uint32Array(G + 1);
  let bytes = 0, inGroups = false;
  const ready = (offsets: Uint32Array): void => {
    for (let g = 0; g <= G; g++) start[g] = offsets[g * per]!;
    for (let g = 0; g < G; g++) bytes += partialBytes(start[g + 1]! - start[g]!, w, bits, narrow);
    charge(bytes);
    // a small partial takes one buffer for all its groups, a partial of a run of small partials
    // one place in the thread's common slab: freeing them group by group saves little
    inGroups = G > 1 && bytes >= SLAB_MIN && grouped(bytes);
    const one = inGroups ? null : bytes < SLAB_MIN ? { buf: new SharedArrayBuffer(Math.max(8, bytes)), at: 0 } : partialMemory(bytes, COMMON_SLAB);
    let used = 0;
    for (let g = 0; g < G; g++) {
      const m = start[g + 1]! - start[g]!, size = partialBytes(m, w, bits, narrow);
      const { buf, at } = one ? { buf: one.buf, at: one.at + used } : partialMemory(size, g + 1);
      used += size;
      const v = partialViews(buf, m, w, bits, narrow, at);
      for (let p = 0; p <= per; p++) v.offsets[p] = offsets[g * per + p]! - start[g]!;
      bufs.push(buf); ats.push(at); ns.push(m); views.push(v);
    }
  };
  // copies that run together are joined by gather: split them where a group ends
  let g = 0;
  const copy = (from: number, len: number, to: number): void => {
    while (len > 0) {
      while (to >= start[g + 1]! || to < start[g]!) g = to < start[g]! ? g - 1 : g + 1;
      const d = to - start[g]!, l = Math.min(len, start[g + 1]! - to), v = views[g]!;
      v.keys.set(keys.subarray(from * w, (from + l) * w), d * w);
      v.vals.set(vals.subarray(from * 4, (from + l) * 4), d * 4);
      v.first.set(first.subarray(from, from + l), d);
      from += l; to += l; len -= l;
    }
  };
  runs.gather(P, new Uint32Array(P + 1), copy, ready);
  return { partBits, groupBits, bufs, ats, ns, bytes, narrow, grouped: inGroups };
}
