/**
 * What a worker sends back for one task of a flow-stat report: typed arrays only (moved, not
 * copied). Hash reports send their keys and counters in the order the task first saw each key, so
 * the coordinator can rebuild flow-stat's first-appearance order from partials of any split.
 */
import type { MemCapRef } from './mem-cap.ts';

export interface StatSpec {
  kind: 'stat';
  /** flow-stat report number 0-32 */
  format: number;
  /** hash reports: partials are split among 2^partBits partitions of the key hash. Default: 0 */
  partBits?: number;
  /** the run's aggregation memory cap (--max-memory) */
  cap?: MemCapRef;
  /**
   * the report's run, an id of its own in the process: a thread's hash tasks of one run share
   * what they learned about its keys (hash-stage.ts), tasks of another report do not
   */
  run?: number;
  /** records the run's inputs hold, as their sizes say (absent or 0: unknown, such as a pipe) */
  records?: number;
}

/**
 * Partials that together take this much memory are kept group by group in slabs of their own and
 * freed that way as the merge goes (see PartialParts); smaller ones share the thread's one slab:
 * sixteen slabs a thread each leave part of their last huge page unused (-f 11 over the bench
 * archive: 30-50 MB more) and take more page faults, for memory that would not decide the peak.
 */
export const GROUPED_FROM = 192 << 20;

/**
 * A hash report's partial, split by partition, stored as 2^groupBits groups of consecutive
 * partitions (one group per merge job, see groupBitsOf), each group a region of shared memory of its
 * own (merge jobs in any thread read it in place; see partialViews for a region's layout). A
 * thread's regions of one group share slabs that hold nothing else: once that group's merge job is
 * done they are garbage, so the merge frees the partials group by group as it writes the merged
 * table instead of holding both whole.
 */
export interface PartialParts {
  partBits: number;
  /** the partial's groups: 2^groupBits, each of 2^(partBits - groupBits) partitions */
  groupBits: number;
  /** group g's region: buffer, (8-aligned) byte offset in it and entries */
  bufs: SharedArrayBuffer[];
  ats: number[];
  ns: number[];
  /** bytes of every region together (the memory cap) */
  bytes: number;
  /** the regions are in their groups' slabs (see GROUPED_FROM), not together in one */
  grouped: boolean;
  /** events (keys added, f11 two per flow) the task saw */
  events: number;
  /** every counter sum fits 32 bits: they are stored as Uint32 (half the memory) */
  narrow: boolean;
  /**
   * partials the task wrote out before its end, when its output grew big (a compressed file is one
   * task): the same task's keys, merged as if they were this partial's (same base; a key's
   * partition's runs in them all come before its runs here). `events` counts the task's in all.
   */
  earlier?: PartialParts[];
}

export interface StatPayload {
  kind: 'stat';
  format: number;
  /** hash reports: distinct keys in the task; array reports: slots the task used (w 1) */
  n: number;
  /** key words per entry (array reports: 1, the slot number) */
  w: number;
  /** n * w key words */
  keys: Uint32Array;
  /** counters, 4 per entry (flows, octets, packets, duration), n entries */
  vals: Float64Array;
  /** carried high parts of `vals` (units of 2^32), when a counter reached 2^52 */
  hi: Float64Array | null;
  /** flow-stat's `total`: [flows, octets, packets, duration] low parts, then their high parts */
  totals: Float64Array;
  /** report-specific numbers: the summary's extremes and histograms, the plot's extremes */
  extra: Float64Array;
  /** plot reports: the task's lines */
  text: Uint8Array;
  /** hash reports: the keys, partitioned (`n` and `w` apply; keys/vals/hi are empty) */
  parts?: PartialParts;
}

/** Bytes of a task's partial with the ones it wrote out before its end. */
export function partsBytes(p: PartialParts): number {
  let b = p.bytes;
  for (const q of p.earlier ?? []) b += q.bytes;
  return b;
}

/** x rounded up to a multiple of 8 (partials start 8-aligned, their counters too) */
export const align8 = (x: number): number => (x + 7) & ~7;

/**
 * Bytes of a region of a partitioned partial: n entries of w key words over 2^bits partitions
 * (narrow: 32-bit counter sums).
 */
export function partialBytes(n: number, w: number, bits: number, narrow: boolean): number {
  const parts = 1 << bits;
  return align8((parts + 1) * 4 + n * w * 4 + n * 4) + n * (narrow ? 16 : 32);
}

/**
 * Views of a region of a partitioned partial (2^bits partitions) at byte `at` (8-aligned) of buf:
 * `offsets` (the region's partition p's entries are [offsets[p], offsets[p+1])), then per entry its
 * key words, the task event that first saw it, and its four counter sums.
 */
export function partialViews(buf: SharedArrayBuffer, n: number, w: number, bits: number, narrow: boolean, at = 0): {
  offsets: Uint32Array; keys: Uint32Array; first: Uint32Array; vals: Float64Array | Uint32Array;
} {
  const parts = 1 << bits;
  const keysAt = at + (parts + 1) * 4;
  const firstAt = keysAt + n * w * 4;
  return {
    offsets: new Uint32Array(buf, at, parts + 1),
    keys: new Uint32Array(buf, keysAt, n * w),
    first: new Uint32Array(buf, firstAt, n),
    vals: narrow ? new Uint32Array(buf, align8(firstAt + n * 4), n * 4) : new Float64Array(buf, align8(firstAt + n * 4), n * 4),
  };
}

/** The buffers to transfer with a payload. */
export function payloadBuffers(p: StatPayload): ArrayBuffer[] {
  const list = [p.keys, p.vals, p.totals, p.extra, p.text];
  if (p.hi) list.push(p.hi);
  const seen = new Set<ArrayBuffer>();
  // shared memory (partitioned partials) is shared by posting, never transferred
  for (const a of list) if (a.byteLength && !(a.buffer instanceof SharedArrayBuffer)) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

export const EMPTY_U32 = new Uint32Array(0);
export const EMPTY_F64 = new Float64Array(0);
export const EMPTY_U8 = new Uint8Array(0);
