/**
 * The runs a hash stage writes: each aggregated bucket adds one run of distinct keys for one
 * partition to the stage's output, in the order the buckets filled. A partial lists its keys
 * partition after partition, so the runs are gathered by partition at the end, each partition's
 * runs in the order they were written (the merge only needs each run's first-seen event numbers,
 * which travel with the entries).
 */
export class Runs {
  private part = new Uint32Array(256);
  private len = new Uint32Array(256);
  private n = 0;

  /** Record a run of `len` entries of partition `p` (empty runs are dropped). */
  add(p: number, len: number): void {
    if (len === 0) return;
    if (this.n === this.part.length) {
      const part = new Uint32Array(this.n * 2); part.set(this.part); this.part = part;
      const l = new Uint32Array(this.n * 2); l.set(this.len); this.len = l;
    }
    this.part[this.n] = p;
    this.len[this.n++] = len;
  }

  /**
   * Fill `offsets` (P + 1 entries: where each partition's entries start, then the end) and call
   * `copy(from, len, to)` to move entries from their place in the output (runs back to back) to
   * their place in the partial. Runs that follow each other in both are copied as one. `ready`
   * is called with the offsets before the first copy (the caller takes the partial's memory then).
   */
  gather(P: number, offsets: Uint32Array, copy: (from: number, len: number, to: number) => void, ready?: (offsets: Uint32Array) => void): void {
    const { part, len, n } = this;
    offsets.fill(0, 0, P + 1);
    for (let r = 0; r < n; r++) offsets[part[r]! + 1]! += len[r]!;
    for (let p = 0; p < P; p++) offsets[p + 1]! += offsets[p]!;
    ready?.(offsets);
    const next = offsets.slice(0, P);
    let s = 0, ps = 0, pd = 0, pl = 0;
    for (let r = 0; r < n; r++) {
      const p = part[r]!, l = len[r]!, d = next[p]!;
      next[p] = d + l;
      if (pl > 0 && ps + pl === s && pd + pl === d) pl += l;
      else {
        if (pl > 0) copy(ps, pl, pd);
        ps = s; pd = d; pl = l;
      }
      s += l;
    }
    if (pl > 0) copy(ps, pl, pd);
    this.n = 0;
  }
}

/** Arrays with room for a copy of the entries being grouped (a task's scratch): n * w keys, n * 4 counters, n firsts. */
export interface GroupRoom { keys: Uint32Array; vals: Float64Array; first: Uint32Array }

/**
 * Order the output entries [from, to) (a direct table's keys, in first-seen order) by the partition
 * of their hash, stably, and record them in `runs` as one run a partition. `room`: where the entries
 * are copied meanwhile (by default new arrays).
 */
export function groupByPartition(
  runs: Runs, from: number, to: number, w: number, partBits: number, hash: Uint32Array, keys: Uint32Array, vals: Float64Array, first: Uint32Array,
  room?: GroupRoom,
): void {
  const P = 1 << partBits, shift = 32 - partBits, n = to - from;
  // the partition of entry e: hash[e] >>> shift, written out (a closure made per call is a new call
  // target each time, and the optimised loop left its code for it)
  const whole = partBits === 0;
  const count = new Uint32Array(P + 1);
  for (let e = from; e < to; e++) count[(whole ? 0 : hash[e]! >>> shift) + 1]!++;
  for (let p = 0; p < P; p++) count[p + 1]! += count[p]!;
  const at = count.slice(0, P);
  const k2 = room?.keys ?? new Uint32Array(n * w), v2 = room?.vals ?? new Float64Array(n * 4), f2 = room?.first ?? new Uint32Array(n);
  for (let e = from; e < to; e++) {
    const d = at[whole ? 0 : hash[e]! >>> shift]!++;
    for (let x = 0; x < w; x++) k2[d * w + x] = keys[e * w + x]!;
    for (let x = 0; x < 4; x++) v2[d * 4 + x] = vals[e * 4 + x]!;
    f2[d] = first[e]!;
  }
  keys.set(k2.subarray(0, n * w), from * w); vals.set(v2.subarray(0, n * 4), from * 4); first.set(f2.subarray(0, n), from);
  for (let p = 0; p < P; p++) runs.add(p, count[p + 1]! - count[p]!);
}
