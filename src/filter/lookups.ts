/**
 * The lookup structures a compiled definition closes over, built once per worker from a validated
 * primitive: bucket bitmaps (Uint8Array per field value), open-addressing hash sets of u32
 * (Uint32Array keys), and a 4-level radix-256 trie for longest-prefix match.
 */
import type { Mode, Primitive } from './ast.ts';
import { lenToMask } from './address.ts';

const code = (m: Mode): number => (m === 'permit' ? 1 : 2);

/**
 * Final verdict per field value (1 permit, 0 deny) of a bucket primitive over `size` values:
 * entries applied in file order (a later line overwrites), unset values take the default.
 * Values past the primitive's own table (prefix lengths over 32) take the default too.
 */
export function bucketTable(p: Primitive, size: number): Uint8Array {
  const modes = new Uint8Array(size);
  for (const e of p.entries) {
    if (e.kind !== 'bucket') continue;
    for (const s of e.sets) modes.fill(code(s.value), s.lo, Math.min(s.hi, size - 1) + 1);
  }
  const def = p.defaultMode === 'permit' ? 1 : 0;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = modes[i] === 0 ? def : modes[i] === 1 ? 1 : 0;
  return out;
}

/** Values of an exact (hash) primitive whose verdict differs from the default (last line wins). */
export function exactExceptions(p: Primitive): number[] {
  const last = new Map<number, Mode>();
  for (const e of p.entries) if (e.kind === 'exact') last.set(e.value, e.mode);
  return [...last].filter(([, m]) => m !== p.defaultMode).map(([v]) => v);
}

/**
 * A set of 32-bit values held as int32 (addresses and tags are read with getInt32 so they stay
 * small integers): open addressing over typed arrays, power-of-two capacity.
 */
export class I32Set {
  readonly keys: Int32Array;
  readonly used: Uint8Array;
  readonly shift: number;
  readonly mask: number;

  constructor(values: readonly number[]) {
    let bits = 4;
    while ((1 << bits) < values.length * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.used = new Uint8Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (const u of values) {
      const v = u | 0;
      let i = Math.imul(v, 0x9e3779b1) >>> this.shift;
      while (this.used[i] && this.keys[i] !== v) i = (i + 1) & this.mask;
      this.keys[i] = v;
      this.used[i] = 1;
    }
  }

  /** `v` as int32 */
  has(v: number): boolean {
    const keys = this.keys;
    const used = this.used;
    let i = Math.imul(v, 0x9e3779b1) >>> this.shift;
    while (used[i] !== 0) {
      if (keys[i] === v) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }
}

export interface PrefixRoute { addr: number; len: number; permit: boolean }

/** The routes of a prefix primitive, masked, in file order (exact duplicates were dropped by the parser). */
export function prefixRoutes(p: Primitive): PrefixRoute[] {
  const out: PrefixRoute[] = [];
  for (const e of p.entries) {
    if (e.kind === 'prefix') out.push({ addr: (e.addr & lenToMask(e.len)) >>> 0, len: e.len, permit: e.mode === 'permit' });
  }
  return out;
}

/**
 * Longest-prefix match over a radix-256 trie: one node = 256 slots, each with a child node and
 * the verdict of the longest route covering that slot at this depth (controlled prefix expansion).
 * A lookup reads at most four slots.
 */
export class PrefixTrie {
  private child = new Int32Array(256);
  private verdict = new Uint8Array(256);
  private plen = new Uint8Array(256);
  private nodes = 1;
  /** verdict of a 0.0.0.0/0 route: 0 none, 1 permit, 2 deny */
  private rootVerdict = 0;

  constructor(routes: readonly PrefixRoute[]) {
    // equal prefixes: the first in file order stays
    const taken = new Set<string>();
    for (const r of routes) {
      const key = `${r.addr}/${r.len}`;
      if (taken.has(key)) continue;
      taken.add(key);
      this.insert(r);
    }
  }

  private grow(): number {
    const n = this.nodes++;
    if (this.nodes * 256 > this.child.length) {
      const c = new Int32Array(this.child.length * 2); c.set(this.child); this.child = c;
      const v = new Uint8Array(this.verdict.length * 2); v.set(this.verdict); this.verdict = v;
      const l = new Uint8Array(this.plen.length * 2); l.set(this.plen); this.plen = l;
    }
    return n;
  }

  private insert(r: PrefixRoute): void {
    const v = r.permit ? 1 : 2;
    if (r.len === 0) { if (this.rootVerdict === 0) this.rootVerdict = v; return; }
    const depth = (r.len - 1) >> 3;
    let node = 0;
    for (let d = 0; d < depth; d++) {
      const slot = node * 256 + ((r.addr >>> (24 - 8 * d)) & 255);
      if (this.child[slot] === 0) {
        const n = this.grow(); // may replace this.child: read it again after
        this.child[slot] = n;
      }
      node = this.child[slot]!;
    }
    const span = 1 << (8 * (depth + 1) - r.len);
    const first = (r.addr >>> (24 - 8 * depth)) & 255 & ~(span - 1);
    for (let b = first; b < first + span; b++) {
      const slot = node * 256 + b;
      if (this.plen[slot]! < r.len) { this.plen[slot] = r.len; this.verdict[slot] = v; }
    }
  }

  /** 1 permit, 2 deny, 0 no route (`a` as uint32 or int32). */
  lookup(a: number): number {
    const child = this.child;
    const verdict = this.verdict;
    let best = this.rootVerdict;
    let node = 0;
    for (let shift = 24; shift >= 0; shift -= 8) {
      const slot = (node << 8) | ((a >>> shift) & 255);
      const v = verdict[slot]!;
      if (v !== 0) best = v;
      node = child[slot]!;
      if (node === 0) break;
    }
    return best;
  }

  get size(): number { return this.nodes; }

  /** The arrays a generated lookup reads: slot child node, slot verdict, and the /0 verdict. */
  tables(): { child: Int32Array; verdict: Uint8Array; root: number } {
    return { child: this.child, verdict: this.verdict, root: this.rootVerdict };
  }
}
