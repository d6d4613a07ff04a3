/**
 * The aggregation hash table of the flow-stat hash reports: keys of 1-3 32-bit words mapped to four
 * 64-bit counters (flows, octets, packets, duration). Open addressing with linear probing over one
 * Int32Array whose slots hold the entry number and the key words side by side (one cache line per
 * probe); power-of-two size, load <= 1/2, doubled by reinserting slots (entries never move).
 * Counters live in insertion order in fixed-size chunks of typed arrays, so the entry number is
 * the order of first appearance.
 *
 * Counters are doubles holding exact integers; `carry()` moves whole 2^32 units into a lazily made
 * `hi` part before a counter can pass 2^53, so sums stay exact like flow-stat's uint64 (see Totals).
 */

const TWO32 = 4294967296;
/** highest index load before doubling */
const MAX_LOAD = 0.7;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

/** Smallest power of two >= n (at least 16). */
export function pow2AtLeast(n: number): number {
  let c = 16;
  while (c < n) c *= 2;
  return c;
}

export class KeyTable {
  /** number of distinct keys */
  n = 0;
  /** counters, 4 per entry (flows, octets, packets, duration), in chunks of 2^chunkBits entries */
  readonly vals: Float64Array[] = [];
  /** key words, w per entry, in the same chunks */
  private readonly keyChunks: Uint32Array[] = [];
  /** whole 2^32 units carried out of `vals` (null until a counter could pass 2^53) */
  hi: Float64Array[] | null = null;
  readonly chunkBits: number;
  private readonly chunkMask: number;
  /** slot stride: entry + 1 (0 = empty), then the key words */
  private readonly s: number;
  private idx: Int32Array;
  private mask: number;
  /** entries the index takes before it doubles */
  private limit: number;

  /**
   * @param w key words; @param expected distinct keys expected (sizes the index);
   * @param chunkBits log2 of the entries per counter chunk
   */
  constructor(readonly w: 1 | 2 | 3, expected = 1024, chunkBits = 16) {
    const cap = pow2AtLeast(Math.ceil(expected / MAX_LOAD));
    this.s = w + 1;
    this.idx = new Int32Array(cap * this.s);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * MAX_LOAD);
    this.chunkBits = chunkBits;
    this.chunkMask = (1 << chunkBits) - 1;
  }

  /** Entry of a one-word key, created (zero counters) when new. */
  find1(k1: number): number {
    const idx = this.idx, mask = this.mask;
    const a = k1 | 0;
    let i = mix(a) & mask;
    for (;;) {
      const o = i * 2;
      const e = idx[o]!;
      if (e === 0) break;
      if (idx[o + 1] === a) return e - 1;
      i = (i + 1) & mask;
    }
    const o = i * 2;
    idx[o + 1] = a;
    return this.insert(o, a, 0, 0);
  }

  /** Entry of a two-word key, created when new. */
  find2(k1: number, k2: number): number {
    const idx = this.idx, mask = this.mask;
    const a = k1 | 0, b = k2 | 0;
    let i = mix(a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const o = i * 3;
      const e = idx[o]!;
      if (e === 0) break;
      if (idx[o + 1] === a && idx[o + 2] === b) return e - 1;
      i = (i + 1) & mask;
    }
    const o = i * 3;
    idx[o + 1] = a; idx[o + 2] = b;
    return this.insert(o, a, b, 0);
  }

  /** Entry of a three-word key, created when new. */
  find3(k1: number, k2: number, k3: number): number {
    const idx = this.idx, mask = this.mask;
    const a = k1 | 0, b = k2 | 0, c = k3 | 0;
    let i = mix(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) & mask;
    for (;;) {
      const o = i * 4;
      const e = idx[o]!;
      if (e === 0) break;
      if (idx[o + 1] === a && idx[o + 2] === b && idx[o + 3] === c) return e - 1;
      i = (i + 1) & mask;
    }
    const o = i * 4;
    idx[o + 1] = a; idx[o + 2] = b; idx[o + 3] = c;
    return this.insert(o, a, b, c);
  }

  /** Entry of a key given as words at `ks[o..]` (merging partial tables). */
  findAt(ks: Uint32Array, o: number): number {
    switch (this.w) {
      case 1: return this.find1(ks[o]!);
      case 2: return this.find2(ks[o]!, ks[o + 1]!);
      default: return this.find3(ks[o]!, ks[o + 1]!, ks[o + 2]!);
    }
  }

  /** Add one flow's counters to entry e. */
  add(e: number, flows: number, octets: number, packets: number, duration: number): void {
    const v = this.vals[e >>> this.chunkBits]!, o = (e & this.chunkMask) * 4;
    v[o] += flows;
    v[o + 1] += octets;
    v[o + 2] += packets;
    v[o + 3] += duration;
  }

  /** Key words of every entry, entry by entry (w words each). */
  keys(): Uint32Array {
    const n = this.n, w = this.w, per = w << this.chunkBits;
    if (this.keyChunks.length === 1) return this.keyChunks[0]!.subarray(0, n * w);
    const d = new Uint32Array(n * w);
    this.keyChunks.forEach((c, i) => d.set(c.subarray(0, Math.min(per, n * w - i * per)), i * per));
    return d;
  }

  /** Key word `k` of entry e. */
  key(e: number, k: number): number {
    return this.keyChunks[e >>> this.chunkBits]![(e & this.chunkMask) * this.w + k]!;
  }

  /** Counter c (0 flows, 1 octets, 2 packets, 3 duration) of entry e, low part. */
  lo(e: number, c: number): number {
    return this.vals[e >>> this.chunkBits]![(e & this.chunkMask) * 4 + c]!;
  }

  /** Counter c of entry e, carried high part (units of 2^32). */
  high(e: number, c: number): number {
    return this.hi ? this.hi[e >>> this.chunkBits]![(e & this.chunkMask) * 4 + c]! : 0;
  }

  /** Move whole 2^32 units of every counter into `hi` (keeps each low part below 2^32). */
  carry(): void {
    const hi = (this.hi ??= []);
    for (let c = 0; c < this.vals.length; c++) {
      const v = this.vals[c]!;
      const h = (hi[c] ??= new Float64Array(v.length));
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (x >= TWO32) {
          const q = Math.floor(x / TWO32);
          h[i] += q;
          v[i] = x - q * TWO32;
        }
      }
    }
  }

  /** Number the new key whose slot starts at `o`, store its key, grow the index when it is full. */
  private insert(o: number, a: number, b: number, c: number): number {
    const e = this.n++;
    this.idx[o] = e + 1;
    const at = e & this.chunkMask;
    if (at === 0) {
      this.vals.push(new Float64Array(4 << this.chunkBits));
      this.keyChunks.push(new Uint32Array(this.w << this.chunkBits));
      if (this.hi) this.hi.push(new Float64Array(4 << this.chunkBits));
    }
    const ks = this.keyChunks[e >>> this.chunkBits]!, ko = at * this.w;
    ks[ko] = a;
    if (this.w > 1) ks[ko + 1] = b;
    if (this.w > 2) ks[ko + 2] = c;
    if (this.n > this.limit) this.grow();
    return e;
  }

  /** Double the index, reinserting every occupied slot (entries themselves do not move). */
  private grow(): void {
    const old = this.idx, s = this.s;
    const cap = (this.mask + 1) * 2;
    const idx = new Int32Array(cap * s);
    const mask = cap - 1;
    for (let o = 0; o < old.length; o += s) {
      if (old[o] === 0) continue;
      const a = old[o + 1]!;
      let h: number;
      if (s === 2) h = mix(a);
      else if (s === 3) h = mix(a ^ Math.imul(old[o + 2]!, 0x9e3779b1));
      else h = mix(a ^ Math.imul(old[o + 2]!, 0x9e3779b1) ^ Math.imul(old[o + 3]!, 0x85ebca77));
      let i = h & mask;
      while (idx[i * s] !== 0) i = (i + 1) & mask;
      for (let k = 0, d = i * s; k < s; k++) idx[d + k] = old[o + k]!;
    }
    this.idx = idx;
    this.mask = mask;
    this.limit = Math.floor(cap * MAX_LOAD);
  }
}
