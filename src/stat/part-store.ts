/**
 * Key hashing and the shape of a merged hash report. Keys are split by the high bits of their hash
 * into partitions (workers' partials are partitioned the same way); a merge job merges a range of
 * partitions and returns one segment: the entries of those partitions in shared memory, so any
 * thread can print from it. Entries are w key words then the four counters' low 32 bits side by
 * side (one cache line per row), with the counters' carried high parts and each entry's first-seen
 * position beside.
 */

/** Bit mixer of a 32-bit value (murmur3's finalizer). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

/** Hash of a key of one to three words (unused words 0). High bits pick the partition, low bits the slot. */
export function keyHash(a: number, b: number, c: number): number {
  return mix32(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77));
}

/** Partition of a key hash among 2^partBits. */
export function partOf(h: number, partBits: number): number {
  return partBits === 0 ? 0 : h >>> (32 - partBits);
}

/** groups (merge jobs, segments of the merged table) of a partitioned report at most */
const MAX_GROUP_BITS = 4;

/**
 * A report of 2^partBits partitions is merged in 2^groupBits jobs of consecutive partitions (the
 * high groupBits bits of the key hash), one segment of the merged table each; partials are stored
 * by the same groups.
 */
export function groupBitsOf(partBits: number): number {
  return Math.min(partBits, MAX_GROUP_BITS);
}

/** One segment of a merged table as plain data (crosses threads; the buffers are shared, not copied). */
export interface PartDesc {
  /** entries (the buffers may have room for more) */
  n: number;
  /** Uint32, (w + 4) per entry: key words, then flows, octets, packets, duration (low 32 bits) */
  ent: SharedArrayBuffer;
  /**
   * Float64, 4 per entry that carries (its bit in `carried` set), in entry order: whole 2^32 units
   * carried out of its counters (null: no entry carries). A few keys carry (-f 11 over the bench
   * archive: 6 of 2M); four doubles for every entry of a segment took 17.6 MB there.
   */
  hi: SharedArrayBuffer | null;
  /** bit c set: counter c has a high part that is not zero in some entry (absent: any may) */
  hiMask?: number;
  /** Int32 bitmap, with `hi`: bit e set when entry e carries */
  carried?: SharedArrayBuffer | null;
  /** Uint32, with `hi`: per word of `carried`, the bits set before it (entry e's high parts are the rank of its bit) */
  carriedBefore?: SharedArrayBuffer | null;
  /**
   * Per entry, the earliest event that saw the key, counted across the whole input: Uint32, or
   * Float64 when the input has more than 2^32 events (`wide`)
   */
  pos: SharedArrayBuffer;
  wide: boolean;
  /** the largest position (-1: no entries) */
  most: number;
}

/** A segment's positions, as `wide` says. */
export function positionsOf(d: PartDesc): Float64Array | Uint32Array {
  return d.wide ? new Float64Array(d.pos) : new Uint32Array(d.pos);
}
