/**
 * The aggregation hash table of the flow-stat hash reports: keys of 1-3 32-bit words mapped to four
 * 64-bit counters (flows, octets, packets, duration). Entries live in insertion order in fixed-size
 * chunks of typed arrays (keys and counters inline, no objects), so the dense order is the order of
 * first appearance and growing never moves an entry; only the open-addressing index (linear probing,
 * power-of-two size, load <= 1/2) is rebuilt when it fills.
 *
 * Counters are doubles holding exact integers; `carry()` moves whole 2^32 units into a lazily made
 * `hi` part before a counter can pass 2^53, so sums stay exact like flow-stat's uint64 (see Budget).
 */

/** Entries per chunk (flow-tools' ftchash chunk holds the same number of records). */
export const CHUNK_BITS = 16;
export const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
const TWO32 = 4294967296;

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
  /** keys, `w` words per entry, chunk by chunk */
  readonly keys: Uint32Array[] = [];
  /** counters, 4 per entry: flows, octets, packets, duration */
  readonly vals: Float64Array[] = [];
  /** whole 2^32 units carried out of `vals` (null until a counter could pass 2^53) */
  hi: Float64Array[] | null = null;
  private slots: Int32Array;
  private slotK: Uint32Array;
  private mask: number;

  /** @param w key words; @param expected distinct keys expected (sizes the index) */
  constructor(readonly w: 1 | 2 | 3, expected = 1024) {
    const cap = pow2AtLeast(expected * 2);
    this.slots = new Int32Array(cap);
    this.slotK = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  private hash(k1: number, k2: number, k3: number): number {
    return mix(k1 ^ Math.imul(k2, 0x9e3779b1) ^ Math.imul(k3, 0x85ebca77)) & this.mask;
  }

  /** Entry of a one-word key, created (zero counters) when new. */
  find1(k1: number): number {
    const slots = this.slots, slotK = this.slotK, mask = this.mask;
    let i = mix(k1) & mask;
    for (;;) {
      const s = slots[i]!;
      if (s === 0) break;
      if (slotK[i] === k1) return s - 1;
      i = (i + 1) & mask;
    }
    const e = this.append(k1, 0, 0);
    slots[i] = e + 1;
    slotK[i] = k1;
    if (this.n * 2 > mask) this.grow();
    return e;
  }

  /** Entry of a two-word key, created when new. */
  find2(k1: number, k2: number): number {
    const slots = this.slots, slotK = this.slotK, mask = this.mask;
    let i = this.hash(k1, k2, 0);
    for (;;) {
      const s = slots[i]!;
      if (s === 0) break;
      if (slotK[i] === k1) {
        const e = s - 1;
        if (this.keys[e >>> CHUNK_BITS]![(e & CHUNK_MASK) * 2 + 1] === k2) return e;
      }
      i = (i + 1) & mask;
    }
    const e = this.append(k1, k2, 0);
    slots[i] = e + 1;
    slotK[i] = k1;
    if (this.n * 2 > mask) this.grow();
    return e;
  }

  /** Entry of a three-word key, created when new. */
  find3(k1: number, k2: number, k3: number): number {
    const slots = this.slots, slotK = this.slotK, mask = this.mask;
    let i = this.hash(k1, k2, k3);
    for (;;) {
      const s = slots[i]!;
      if (s === 0) break;
      if (slotK[i] === k1) {
        const e = s - 1;
        const ks = this.keys[e >>> CHUNK_BITS]!, o = (e & CHUNK_MASK) * 3;
        if (ks[o + 1] === k2 && ks[o + 2] === k3) return e;
      }
      i = (i + 1) & mask;
    }
    const e = this.append(k1, k2, k3);
    slots[i] = e + 1;
    slotK[i] = k1;
    if (this.n * 2 > mask) this.grow();
    return e;
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
    const v = this.vals[e >>> CHUNK_BITS]!, o = (e & CHUNK_MASK) * 4;
    v[o] += flows;
    v[o + 1] += octets;
    v[o + 2] += packets;
    v[o + 3] += duration;
  }

  /** Key word `k` of entry e. */
  key(e: number, k: number): number {
    return this.keys[e >>> CHUNK_BITS]![(e & CHUNK_MASK) * this.w + k]!;
  }

  /** Counter c (0 flows, 1 octets, 2 packets, 3 duration) of entry e, low part. */
  lo(e: number, c: number): number {
    return this.vals[e >>> CHUNK_BITS]![(e & CHUNK_MASK) * 4 + c]!;
  }

  /** Counter c of entry e, carried high part (units of 2^32). */
  high(e: number, c: number): number {
    return this.hi ? this.hi[e >>> CHUNK_BITS]![(e & CHUNK_MASK) * 4 + c]! : 0;
  }

  /** Move whole 2^32 units of every counter into `hi` (keeps each low part below 2^32). */
  carry(): void {
    const hi = (this.hi ??= []);
    for (let c = 0; c < this.vals.length; c++) {
      const v = this.vals[c]!;
      const h = (hi[c] ??= new Float64Array(v.length));
      const end = c === this.vals.length - 1 ? ((this.n - 1) & CHUNK_MASK) * 4 + 4 : v.length;
      for (let i = 0; i < end; i++) {
        const x = v[i]!;
        if (x >= TWO32) {
          const q = Math.floor(x / TWO32);
          h[i] += q;
          v[i] = x - q * TWO32;
        }
      }
    }
  }

  private append(k1: number, k2: number, k3: number): number {
    const e = this.n++;
    const c = e >>> CHUNK_BITS;
    if (c === this.keys.length) {
      this.keys.push(new Uint32Array(CHUNK * this.w));
      this.vals.push(new Float64Array(CHUNK * 4));
      if (this.hi) this.hi.push(new Float64Array(CHUNK * 4));
    }
    const ks = this.keys[c]!, o = (e & CHUNK_MASK) * this.w;
    ks[o] = k1;
    if (this.w > 1) ks[o + 1] = k2;
    if (this.w > 2) ks[o + 2] = k3;
    return e;
  }

  /** Double the index and reinsert every entry (entries themselves do not move). */
  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap);
    this.slotK = new Uint32Array(cap);
    this.mask = cap - 1;
    const w = this.w;
    for (let e = 0; e < this.n; e++) {
      const ks = this.keys[e >>> CHUNK_BITS]!, o = (e & CHUNK_MASK) * w;
      const k1 = ks[o]!;
      let i = w === 1 ? mix(k1) & this.mask : this.hash(k1, w > 1 ? ks[o + 1]! : 0, w > 2 ? ks[o + 2]! : 0);
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = e + 1;
      this.slotK[i] = k1;
    }
  }
}
