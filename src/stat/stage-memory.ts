/**
 * The memory of the hash reports' stage that outlives a task (a worker cache, like its compile
 * cache): the thread's free scratch sets (buckets, tables, output arrays) and its slabs of shared
 * memory for partials; and the stage's small loops over that memory.
 */
import type { HotKeys } from './hot-keys.ts';
import { align8 } from './partial.ts';

/**
 * A task's buckets, table and output arrays (u32 by the slots below), the spare counters a direct
 * table's keys are grouped through (vals2) and the hot-key cache (160 KB a task, kept too).
 */
export interface Scratch { u32: Uint32Array[]; vals: Float64Array; vals2?: Float64Array; hot?: HotKeys }
export const BUCKETS = 0, TABLE = 1, OUT_KEYS = 2, OUT_FIRST = 3, OUT_HASH = 4, DIRECT = 5, SPARE_KEYS = 6, SPARE_FIRST = 7;

/**
 * The thread's free scratch sets, kept between tasks (like a worker's compile cache): a task's buckets
 * are about 15 MB, and fresh memory per task costs more page faults than the aggregation saves. A set
 * belongs to one task at a time (zlib tasks of one thread interleave between inflate rounds:
 * shared buckets would mix their flows) and goes back when the task has copied its partial out.
 */
const free: Scratch[] = [];

/** A free scratch set of the thread's, or a new one. */
export function takeScratch(): Scratch {
  return free.pop() ?? { u32: [], vals: new Float64Array(0) };
}

/** The task has copied its partial out: its scratch set is free again. */
export function returnScratch(sc: Scratch): void {
  free.push(sc);
}

/**
 * Let go of the thread's idle scratch sets (the scan is over: the merge needs the memory); returns
 * their bytes.
 */
export function dropStageScratch(): number {
  let bytes = 0;
  for (const sc of free) bytes += sc.vals.byteLength + (sc.vals2?.byteLength ?? 0) + sc.u32.reduce((s, a) => s + a.byteLength, 0);
  free.length = 0;
  // the partials in the slabs stay alive as long as the merge holds them
  slabs.length = 0;
  return bytes;
}

/**
 * The thread's current slabs of shared memory for partials, a common one and one per group of
 * partitions (see GROUPED_FROM; like its scratch, a worker cache). A partial per task in a buffer of its own is a mapping of its own, whose
 * unaligned ends (up to 2 MiB each) fall on 4 KiB pages, and this VM pays 15-25 us for each first
 * touch of one; partials carved one after another from 64 MiB slabs leave that only at a slab's ends
 * (minor faults of -f 10 -S 2 38k -> 18k). A group's slab holds that group's regions only, so it is
 * garbage once that group is merged. Slabs are above glibc's largest mmap threshold (32 MiB): always a
 * mapping of their own, returned to the system when freed, and only the pages written are memory.
 */
const slabs: Array<{ buf: SharedArrayBuffer; used: number } | undefined> = [];
const SLAB = 64 << 20;
/** partials below this take one buffer of their own for all groups (small reports keep small memory) */
export const SLAB_MIN = 256 << 10;

/** the slab of partials kept whole (slab g + 1 holds regions of group g) */
export const COMMON_SLAB = 0;

/**
 * Shared memory of `bytes` for partials from slab `k` (COMMON_SLAB, or a group's): a buffer and the
 * (8-aligned) byte offset in it.
 */
export function partialMemory(bytes: number, k: number): { buf: SharedArrayBuffer; at: number } {
  const size = align8(bytes);
  if (size > SLAB / 4) return { buf: new SharedArrayBuffer(size), at: 0 };
  let slab = slabs[k];
  if (!slab || slab.used + size > slab.buf.byteLength) slab = slabs[k] = { buf: new SharedArrayBuffer(SLAB), used: 0 };
  const at = slab.used;
  slab.used += size;
  return { buf: slab.buf, at };
}

/**
 * Whether the first n values are all below 2^32. The loops of a task's closures are functions of
 * their own: a closure compiled on stack replacement in its loop left its code at the first call
 * after it, once per task (node --trace-deopt).
 */
export function below32(vals: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (vals[i]! >= 4294967296) return false;
  return true;
}

/** Put entries [from, to) (entry + 1, by hash, linear probing) into an empty table of mask + 1 slots. */
export function placeEntries(table: Uint32Array, mask: number, hash: Uint32Array, from: number, to: number): void {
  for (let e = from; e < to; e++) {
    let i = hash[e]! & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = e + 1;
  }
}

/** Slot i of a scratch set, with room for n words at least (grown, never shrunk). */
export function scratchU32(sc: Scratch, i: number, n: number): Uint32Array {
  const have = sc.u32[i];
  if (have && have.length >= n) return have;
  const a = new Uint32Array(n);
  sc.u32[i] = a;
  return a;
}
