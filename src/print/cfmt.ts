/**
 * printf-style field writers for flow-print lines: each writes into a byte array at position p and
 * returns the new position. Callers reserve room once per line (TextBuf.ensure), so no call checks
 * capacity, allocates, or builds strings.
 */

/** Room a printed line never exceeds (symbol names are cut to their column width). */
export const LINE_MAX = 512;

const SP = 32;

// decimal text of 0..255 as 3-byte slots, and the digit counts (dotted quads); the same text as one
// little-endian 32-bit word, with a dot then spaces (DOT) or spaces (LAST) after it (ipv4Words)
const OCT_TEXT = new Uint8Array(256 * 3);
const OCT_LEN = new Uint8Array(256);
const DOT = new Uint32Array(256);
const LAST = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  const s = String(i);
  OCT_LEN[i] = s.length;
  for (let k = 0; k < s.length; k++) OCT_TEXT[i * 3 + k] = s.charCodeAt(k);
  const word = (t: string): number => (t.charCodeAt(0) | (t.charCodeAt(1) << 8) | (t.charCodeAt(2) << 16) | (t.charCodeAt(3) << 24)) >>> 0;
  DOT[i] = word(`${s}.   `);
  LAST[i] = word(`${s}    `);
}

// "00".."99" as byte pairs
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[i * 2] = 48 + ((i / 10) | 0);
  PAIRS[i * 2 + 1] = 48 + (i % 10);
}

/** Number of decimal digits of a non-negative integer below 2^53. */
export function decLen(v: number): number {
  if (v < 10) return 1;
  if (v < 100) return 2;
  if (v < 1000) return 3;
  if (v < 10000) return 4;
  if (v < 100000) return 5;
  if (v < 1000000) return 6;
  if (v < 10000000) return 7;
  if (v < 100000000) return 8;
  if (v < 1000000000) return 9;
  if (v < 10000000000) return 10;
  let d = 10;
  for (let t = Math.floor(v / 10000000000); t > 0; t = Math.floor(t / 10)) d++;
  return d;
}

/** %u: decimal digits of a non-negative integer. */
export function dec(b: Uint8Array, p: number, v: number): number {
  if (v < 10) {
    b[p] = 48 + v;
    return p + 1;
  }
  const end = p + decLen(v);
  let q = end;
  if (v >= 4294967296) {
    while (v >= 4294967296) {
      const t = Math.floor(v / 10);
      b[--q] = 48 + v - t * 10;
      v = t;
    }
  }
  while (v >= 100) {
    const t = (v / 100) >>> 0;
    const r = (v - t * 100) << 1;
    b[--q] = PAIRS[r + 1]!;
    b[--q] = PAIRS[r]!;
    v = t;
  }
  if (v >= 10) {
    b[--q] = PAIRS[(v << 1) + 1]!;
    b[--q] = PAIRS[v << 1]!;
  } else {
    b[--q] = 48 + v;
  }
  return end;
}

/** Spaces from p up to column start + w (no-op when already there). */
export function padTo(b: Uint8Array, p: number, start: number, w: number): number {
  const end = start + w;
  while (p < end) b[p++] = SP;
  return p;
}

/** `n` spaces. */
export function spaces(b: Uint8Array, p: number, n: number): number {
  for (let i = 0; i < n; i++) b[p++] = SP;
  return p;
}

/** %-wu: decimal, left-justified in width w. */
export function decLeft(b: Uint8Array, p: number, v: number, w: number): number {
  const start = p;
  p = dec(b, p, v);
  return padTo(b, p, start, w);
}

/** %wu: decimal, right-justified in width w. */
export function decRight(b: Uint8Array, p: number, v: number, w: number): number {
  p = spaces(b, p, w - decLen(v));
  return dec(b, p, v);
}

/** End a %-w.ws column that started at `start`: cut it to w, or pad it to w. */
export function cutTo(b: Uint8Array, p: number, start: number, w: number): number {
  return p > start + w ? start + w : padTo(b, p, start, w);
}

/** %-w.ws of a decimal (fmt_uintN then a string column): left-justified, cut to w. */
export function decCol(b: Uint8Array, p: number, v: number, w: number): number {
  return cutTo(b, dec(b, p, v), p, w);
}

/** %0wu, %-w.wd, %w.wu: at least w digits, zero-filled. */
export function dec0(b: Uint8Array, p: number, v: number, w: number): number {
  for (let i = decLen(v); i < w; i++) b[p++] = 48;
  return dec(b, p, v);
}

/** Two digits, zero-filled (0..99: tm fields). */
export function dec2(b: Uint8Array, p: number, v: number): number {
  const t = (v / 10) | 0;
  b[p] = 48 + t;
  b[p + 1] = 48 + v - t * 10;
  return p + 2;
}

/** Three digits, zero-filled (0..999: milliseconds). */
export function dec3(b: Uint8Array, p: number, v: number): number {
  const h = (v / 100) | 0;
  const r = v - h * 100;
  const t = (r / 10) | 0;
  b[p] = 48 + h;
  b[p + 1] = 48 + t;
  b[p + 2] = 48 + r - t * 10;
  return p + 3;
}

function hexLen(v: number): number {
  let d = 1;
  while (v >= 16) { v = Math.floor(v / 16); d++; }
  return d;
}

/** %x: lower-case hex digits of a non-negative integer below 2^32. */
export function hex(b: Uint8Array, p: number, v: number): number {
  const end = p + hexLen(v);
  let q = end;
  do {
    const d = v & 15;
    b[--q] = d < 10 ? 48 + d : 87 + d;
    v = v >>> 4;
  } while (v > 0);
  return end;
}

/** %w.wx: at least w hex digits, zero-filled. */
export function hex0(b: Uint8Array, p: number, v: number, w: number): number {
  for (let i = hexLen(v); i < w; i++) b[p++] = 48;
  return hex(b, p, v);
}

/** %-wx: hex, left-justified in width w. */
export function hexLeft(b: Uint8Array, p: number, v: number, w: number): number {
  const start = p;
  p = hex(b, p, v);
  return padTo(b, p, start, w);
}

function octet(b: Uint8Array, p: number, o: number): number {
  const n = OCT_LEN[o]!;
  const s = o * 3;
  b[p] = OCT_TEXT[s]!;
  if (n > 1) b[p + 1] = OCT_TEXT[s + 1]!;
  if (n > 2) b[p + 2] = OCT_TEXT[s + 2]!;
  return p + n;
}

/** fmt_ipv4: dotted quad of a host-order u32. */
export function ipv4(b: Uint8Array, p: number, a: number): number {
  p = octet(b, p, (a >>> 24) & 255); b[p++] = 46;
  p = octet(b, p, (a >>> 16) & 255); b[p++] = 46;
  p = octet(b, p, (a >>> 8) & 255); b[p++] = 46;
  return octet(b, p, a & 255);
}

/**
 * ipv4 with one 4-byte store per octet, for rows laid over spaces: the up to three bytes past the
 * returned end become spaces, so `dv` must have room for 18 bytes from p and those bytes must be
 * padding or written next. Several times faster than byte by byte (no branch per digit).
 */
export function ipv4Words(dv: DataView, p: number, a: number): number {
  let o = a >>> 24;
  dv.setUint32(p, DOT[o]!, true); p += OCT_LEN[o]! + 1;
  o = (a >>> 16) & 255;
  dv.setUint32(p, DOT[o]!, true); p += OCT_LEN[o]! + 1;
  o = (a >>> 8) & 255;
  dv.setUint32(p, DOT[o]!, true); p += OCT_LEN[o]! + 1;
  o = a & 255;
  dv.setUint32(p, LAST[o]!, true);
  return p + OCT_LEN[o]!;
}

/** %-w.ws of a dotted quad (w >= 15: never cut). */
export function ipv4Left(b: Uint8Array, p: number, a: number, w: number): number {
  const start = p;
  p = ipv4(b, p, a);
  return padTo(b, p, start, w);
}

/**
 * fmt_ipv4prefix: the address (not masked) with trailing zero octets after the first left out, then
 * "/len"; a length above 32 prints as 0. "10.1.0.0"/16 is "10.1/16", 0.0.0.0/0 is "0/0".
 */
export function prefix(b: Uint8Array, p: number, a: number, len: number): number {
  let last = 0; // index of the last octet to print
  if ((a & 0xffffff) !== 0) last = (a & 0xffff) !== 0 ? ((a & 0xff) !== 0 ? 3 : 2) : 1;
  p = octet(b, p, (a >>> 24) & 255);
  for (let i = 1; i <= last; i++) {
    b[p++] = 46;
    p = octet(b, p, (a >>> (24 - 8 * i)) & 255);
  }
  b[p++] = 47;
  return dec(b, p, len > 32 ? 0 : len);
}

/** %-w.ws of fmt_ipv4prefix (w >= 18: never cut). */
export function prefixLeft(b: Uint8Array, p: number, a: number, len: number, w: number): number {
  const start = p;
  p = prefix(b, p, a, len);
  return padTo(b, p, start, w);
}

/** %-w.ws of at most `max` bytes of `s`. */
export function text(b: Uint8Array, p: number, s: Uint8Array, max: number, w: number): number {
  const n = Math.min(s.length, max, w);
  for (let i = 0; i < n; i++) b[p + i] = s[i]!;
  return padTo(b, p + n, p, w);
}

/** Something that names values (a symbol table). */
export interface Names {
  get(value: number): Uint8Array | undefined;
}

/**
 * fmt_uintNs(sym, max, ...) printed with %-w.ws: the symbol name cut to max-1 bytes, or the decimal
 * value, left-justified and cut to w.
 */
export function symCol(b: Uint8Array, p: number, names: Names | null, v: number, max: number, w: number): number {
  const s = names?.get(v);
  return s === undefined ? decCol(b, p, v, w) : text(b, p, s, max - 1, w);
}
