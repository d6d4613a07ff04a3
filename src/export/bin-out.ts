/**
 * Binary output for the flow-export formats: fixed-width integers appended to a TextBuf in a chosen
 * byte order, through one DataView that is rebuilt only when the buffer grows.
 */
import { TextBuf } from '../util/textbuf.ts';

export class BinOut {
  readonly buf = new TextBuf(1 << 16);
  private dv = new DataView(this.buf.buf.buffer);

  /** make room for n bytes and return the write position */
  reserve(n: number): number {
    this.buf.ensure(n);
    if (this.dv.buffer !== this.buf.buf.buffer) this.dv = new DataView(this.buf.buf.buffer);
    return this.buf.len;
  }

  u8(v: number): void { const p = this.reserve(1); this.buf.buf[p] = v & 255; this.buf.len = p + 1; }
  u16(v: number, le = false): void { const p = this.reserve(2); this.dv.setUint16(p, v & 0xffff, le); this.buf.len = p + 2; }
  u32(v: number, le = false): void { const p = this.reserve(4); this.dv.setUint32(p, v >>> 0, le); this.buf.len = p + 4; }
  /** a C `long`/`u_long` of an LP64 build: 8 bytes */
  u64(v: number, le = false): void {
    const p = this.reserve(8);
    this.dv.setBigUint64(p, BigInt.asUintN(64, BigInt(v)), le);
    this.buf.len = p + 8;
  }
  zeros(n: number): void { this.buf.fill(0, n); }
  bytes(b: Uint8Array): void { this.buf.bytes(b); }
  get length(): number { return this.buf.len; }
  take(): Uint8Array { return this.buf.take(); }
}
