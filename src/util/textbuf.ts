/**
 * A growable byte buffer for building ASCII output fast: no string concatenation per record, digits
 * written straight into bytes, padding by byte fill. take() hands the bytes over (to be transferred).
 */

export class TextBuf {
  buf: Uint8Array;
  len = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  /**
   * A buffer sized for about `records` items of `perRecord` bytes: at least 4 KiB, at most `max` to
   * start; `unknown` bytes when the count is not known (0: compressed input).
   */
  static forRecords(records: number, perRecord: number, max = 1 << 20, unknown = 1 << 16): TextBuf {
    return new TextBuf(records > 0 ? Math.min(max, Math.max(4096, records * perRecord)) : unknown);
  }

  /** make room for n more bytes */
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.len++] = c;
  }

  /** append a latin1/ASCII string */
  str(s: string): void {
    const n = s.length;
    this.ensure(n);
    const b = this.buf;
    let l = this.len;
    for (let i = 0; i < n; i++) b[l++] = s.charCodeAt(i) & 255;
    this.len = l;
  }

  /** append `n` copies of byte c */
  fill(c: number, n: number): void {
    if (n <= 0) return;
    this.ensure(n);
    this.buf.fill(c, this.len, this.len + n);
    this.len += n;
  }

  /** append bytes */
  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.len);
    this.len += src.length;
  }

  /** decimal digits of a non-negative integer (up to 2^53) */
  dec(v: number): void {
    this.ensure(20);
    const b = this.buf;
    if (v < 10) { b[this.len++] = 48 + v; return; }
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.len + digits;
    this.len = p;
    while (v >= 10) {
      const q = Math.floor(v / 10);
      b[--p] = 48 + (v - q * 10);
      v = q;
    }
    b[--p] = 48 + v;
  }

  /** number of decimal digits of a non-negative integer */
  static decLen(v: number): number {
    let d = 1;
    while (v >= 10) { v = Math.floor(v / 10); d++; }
    return d;
  }

  /** %-Nu: decimal left-justified in a field of width w */
  decLeft(v: number, w: number): void {
    const start = this.len;
    this.dec(v);
    this.fill(32, w - (this.len - start));
  }

  /** %Nu: decimal right-justified in width w */
  decRight(v: number, w: number): void {
    this.fill(32, w - TextBuf.decLen(v));
    this.dec(v);
  }

  /** %0Nu: decimal zero-padded to width w */
  dec0(v: number, w: number): void {
    this.fill(48, w - TextBuf.decLen(v));
    this.dec(v);
  }

  /** lower-case hex digits of a non-negative integer < 2^32 */
  hex(v: number): void {
    if (v === 0) { this.byte(48); return; }
    let digits = 0;
    for (let t = v; t > 0; t = Math.floor(t / 16)) digits++;
    this.ensure(digits);
    let p = this.len + digits;
    this.len = p;
    const b = this.buf;
    while (v > 0) {
      const d = v % 16;
      b[--p] = d < 10 ? 48 + d : 87 + d;
      v = Math.floor(v / 16);
    }
  }

  /** %0N.Nx style: hex zero-padded to at least w digits */
  hex0(v: number, w: number): void {
    let digits = 1;
    for (let t = v; t >= 16; t = Math.floor(t / 16)) digits++;
    this.fill(48, w - digits);
    this.hex(v);
  }

  /** dotted quad of a host-order u32; returns the number of bytes written (7..15) */
  ipv4(a: number): number {
    const start = this.len;
    this.dec((a >>> 24) & 255); this.byte(46);
    this.dec((a >>> 16) & 255); this.byte(46);
    this.dec((a >>> 8) & 255); this.byte(46);
    this.dec(a & 255);
    return this.len - start;
  }

  /** %-15.15s of a dotted quad */
  ipv4Left(a: number, w: number): void {
    const n = this.ipv4(a);
    this.fill(32, w - n);
  }

  /** hand over the bytes written so far (a fresh copy sized exactly, safe to transfer) */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  /**
   * Hand over the bytes written so far without copying: the returned view keeps the old storage
   * (transfer its .buffer), and the TextBuf starts over on a fresh buffer of `next` bytes, or on
   * `spare` when it has room for that many (a piece handed over before and given back).
   */
  handOver(next = 1024, spare?: Uint8Array): Uint8Array {
    const out = this.buf.subarray(0, this.len);
    this.buf = spare && spare.length >= next ? spare : new Uint8Array(next);
    this.len = 0;
    return out;
  }

  toString(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len).toString('latin1');
  }
}
