/**
 * Mutations of valid flow files for the fuzz harness: bit flips, interesting bytes, truncations,
 * splices of two files, edits of header fields (byte order, stream version, header length, TLV
 * lengths and values, flags), inserted and deleted spans, trailing garbage. Seeded: the same seed
 * gives the same inputs.
 */
import { Rng } from '../../src/gen/prng.ts';

export type Mutation = (rng: Rng, input: Uint8Array, other: Uint8Array) => Uint8Array;

const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xff, 0xfe, 0x08, 0x10, 0x40];

function headerLen(b: Uint8Array): number {
  if (b.length < 8 || b[3] !== 3) return Math.min(b.length, 64);
  const le = b[2] !== 2;
  const v = le ? b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24) : (b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!;
  return Math.max(8, Math.min(b.length, v >>> 0));
}

/** an offset biased toward the header, where parsing decisions are made */
function offset(rng: Rng, b: Uint8Array): number {
  if (b.length === 0) return 0;
  return rng.next() < 0.6 ? rng.int(0, Math.max(0, headerLen(b) - 1)) : rng.int(0, b.length - 1);
}

export const MUTATIONS: Record<string, Mutation> = {
  bitflip(rng, b) {
    const out = Uint8Array.from(b);
    const n = rng.int(1, 8);
    for (let i = 0; i < n && out.length; i++) out[offset(rng, out)]! ^= 1 << rng.int(0, 7);
    return out;
  },
  interesting(rng, b) {
    const out = Uint8Array.from(b);
    const n = rng.int(1, 4);
    for (let i = 0; i < n && out.length; i++) out[offset(rng, out)] = INTERESTING[rng.int(0, INTERESTING.length - 1)]!;
    return out;
  },
  truncate(rng, b) {
    const h = headerLen(b);
    const cut = rng.next() < 0.5 ? rng.int(0, Math.min(b.length, h + 2)) : rng.int(0, b.length);
    return b.slice(0, cut);
  },
  truncateNearRecord(rng, b) {
    const h = headerLen(b);
    const sizes = [48, 52, 56, 60, 64, 68, 72];
    const size = sizes[rng.int(0, sizes.length - 1)]!;
    const k = rng.int(0, Math.max(0, Math.floor((b.length - h) / size)));
    return b.slice(0, Math.max(0, Math.min(b.length, h + k * size + rng.int(-1, 1))));
  },
  splice(rng, b, other) {
    const a = rng.int(0, b.length);
    const c = rng.int(0, other.length);
    const out = new Uint8Array(a + other.length - c);
    out.set(b.subarray(0, a));
    out.set(other.subarray(c), a);
    return out;
  },
  byteOrder(rng, b) {
    const out = Uint8Array.from(b);
    if (out.length > 2) out[2] = [0, 1, 2, 3, 255][rng.int(0, 4)]!;
    return out;
  },
  streamVersion(rng, b) {
    const out = Uint8Array.from(b);
    if (out.length > 3) out[3] = [0, 1, 2, 3, 4, 255][rng.int(0, 5)]!;
    return out;
  },
  headerLength(rng, b) {
    const out = Uint8Array.from(b);
    if (out.length < 8) return out;
    const dv = new DataView(out.buffer);
    const le = out[2] !== 2;
    const choices = [0, 4, 7, 8, 9, headerLen(b) - 1, headerLen(b) + 1, headerLen(b) + 4, out.length, out.length + 1, 0x7fffffff, 0xffffffff, rng.u32()];
    dv.setUint32(4, choices[rng.int(0, choices.length - 1)]! >>> 0, le);
    return out;
  },
  tlv(rng, b) {
    // walk the TLVs and corrupt one type, length or value
    const out = Uint8Array.from(b);
    if (out.length < 12 || out[3] !== 3) return out;
    const dv = new DataView(out.buffer);
    const le = out[2] !== 2;
    const end = headerLen(out);
    const starts: number[] = [];
    for (let p = 8; p + 4 <= end && starts.length < 64;) {
      starts.push(p);
      p += 4 + dv.getUint16(p + 2, le);
    }
    if (!starts.length) return out;
    const p = starts[rng.int(0, starts.length - 1)]!;
    const what = rng.int(0, 2);
    if (what === 0) dv.setUint16(p, rng.int(0, 0x14), le);
    else if (what === 1) dv.setUint16(p + 2, [0, 1, 2, 3, 4, 0xffff, rng.int(0, 300)][rng.int(0, 6)]!, le);
    else if (p + 6 <= end) dv.setUint16(p + 4, [0, 1, 5, 6, 7, 8, 1005, 99, 0xffff][rng.int(0, 8)]!, le);
    return out;
  },
  flags(rng, b) {
    const out = Uint8Array.from(b);
    if (out.length < 12 || out[3] !== 3) return out;
    const dv = new DataView(out.buffer);
    const le = out[2] !== 2;
    const end = headerLen(out);
    for (let p = 8; p + 8 <= end;) {
      const t = dv.getUint16(p, le);
      const l = dv.getUint16(p + 2, le);
      if (t === 8 && l === 4) { dv.setUint32(p + 4, dv.getUint32(p + 4, le) ^ (1 << rng.int(0, 5)), le); break; }
      p += 4 + l;
    }
    return out;
  },
  insertDelete(rng, b) {
    const a = rng.int(0, b.length);
    const n = rng.int(1, 200);
    if (rng.next() < 0.5) return Uint8Array.from([...b.subarray(0, a), ...b.subarray(Math.min(b.length, a + n))]);
    const junk = Uint8Array.from({ length: n }, () => rng.int(0, 255));
    return Uint8Array.from([...b.subarray(0, a), ...junk, ...b.subarray(a)]);
  },
  trailing(rng, b) {
    const junk = Uint8Array.from({ length: rng.int(1, 300) }, () => rng.int(0, 255));
    return Uint8Array.from([...b, ...junk]);
  },
};

export function mutate(rng: Rng, input: Uint8Array, other: Uint8Array): { name: string; data: Uint8Array } {
  const names = Object.keys(MUTATIONS);
  let data = input;
  const applied: string[] = [];
  const rounds = rng.next() < 0.8 ? 1 : rng.int(2, 3);
  for (let i = 0; i < rounds; i++) {
    const name = names[rng.int(0, names.length - 1)]!;
    data = MUTATIONS[name]!(rng, data, other);
    applied.push(name);
  }
  return { name: applied.join('+'), data };
}
