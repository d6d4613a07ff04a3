/**
 * Encoding a stream header the way ftio_write_header() does: the generic bytes, head_off_d, the TLVs
 * present in `fields` in flow-tools' fixed order, zero padding to a multiple of 4.
 */
import { FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_MAGIC1, FT_HEADER_MAGIC2, FT_IO_MAXHEADER, TLV } from './constants.ts';
import type { FlowHeader } from './header.ts';

class TlvWriter {
  readonly buf = new Uint8Array(FT_IO_MAXHEADER + 4);
  readonly dv = new DataView(this.buf.buffer);
  pos = 8;
  constructor(readonly le: boolean) {}
  private head(t: number, l: number): void {
    if (this.pos + 4 + l > FT_IO_MAXHEADER) throw new Error('header too large');
    this.dv.setUint16(this.pos, t, this.le);
    this.dv.setUint16(this.pos + 2, l, this.le);
    this.pos += 4;
  }
  u8(t: number, v: number): void { this.head(t, 1); this.buf[this.pos++] = v & 255; }
  u16(t: number, v: number): void { this.head(t, 2); this.dv.setUint16(this.pos, v & 0xffff, this.le); this.pos += 2; }
  u32(t: number, v: number): void { this.head(t, 4); this.dv.setUint32(this.pos, v >>> 0, this.le); this.pos += 4; }
  private bytes(s: string): Buffer { return Buffer.from(s, 'latin1'); }
  str(t: number, s: string): void {
    const b = this.bytes(s);
    this.head(t, b.length + 1);
    this.buf.set(b, this.pos);
    this.pos += b.length + 1;
  }
  ifname(ip: number, ifIndex: number, name: string): void {
    const b = this.bytes(name);
    this.head(TLV.IF_NAME, 6 + b.length + 1);
    this.dv.setUint32(this.pos, ip >>> 0, this.le);
    this.dv.setUint16(this.pos + 4, ifIndex, this.le);
    this.buf.set(b, this.pos + 6);
    this.pos += 6 + b.length + 1;
  }
  ifalias(ip: number, list: number[], name: string): void {
    const b = this.bytes(name);
    this.head(TLV.IF_ALIAS, 6 + 2 * list.length + b.length + 1);
    this.dv.setUint32(this.pos, ip >>> 0, this.le);
    this.dv.setUint16(this.pos + 4, list.length, this.le);
    list.forEach((x, i) => this.dv.setUint16(this.pos + 6 + 2 * i, x, this.le));
    this.pos += 6 + 2 * list.length;
    this.buf.set(b, this.pos);
    this.pos += b.length + 1;
  }
}

/**
 * Encode `h` (its `fields` say which TLVs to write) in byte order `byteOrder` (1 little, 2 big).
 * The result's length is head_off_d.
 */
export function encodeHeader(h: FlowHeader, byteOrder: number): Uint8Array {
  const w = new TlvWriter(byteOrder !== FT_HEADER_BIG_ENDIAN);
  const f = h.fields;
  if (f & FIELD.VENDOR) w.u8(TLV.VENDOR, h.vendor);
  if (f & FIELD.EX_VER) w.u16(TLV.EX_VER, h.dVersion);
  if (f & FIELD.AGG_VER) w.u8(TLV.AGG_VER, h.aggVersion);
  if (f & FIELD.AGG_METHOD) w.u8(TLV.AGG_METHOD, h.aggMethod);
  if (f & FIELD.EXPORTER_IP) w.u32(TLV.EXPORTER_IP, h.exporterIp);
  if (f & FIELD.CAP_START) w.u32(TLV.CAP_START, h.capStart);
  if (f & FIELD.CAP_END) w.u32(TLV.CAP_END, h.capEnd);
  if (f & FIELD.HEADER_FLAGS) w.u32(TLV.HEADER_FLAGS, h.flags);
  if (f & FIELD.ROT_SCHEDULE) w.u32(TLV.ROT_SCHEDULE, h.rotation);
  if (f & FIELD.FLOW_COUNT) w.u32(TLV.FLOW_COUNT, h.flowsCount);
  if (f & FIELD.FLOW_LOST) w.u32(TLV.FLOW_LOST, h.flowsLost);
  if (f & FIELD.FLOW_MISORDERED) w.u32(TLV.FLOW_MISORDERED, h.flowsMisordered);
  if (f & FIELD.PKT_CORRUPT) w.u32(TLV.PKT_CORRUPT, h.pktsCorrupt);
  if (f & FIELD.SEQ_RESET) w.u32(TLV.SEQ_RESET, h.seqReset);
  if (f & FIELD.CAP_HOSTNAME) w.str(TLV.CAP_HOSTNAME, h.capHostname ?? '');
  if (f & FIELD.COMMENTS) w.str(TLV.COMMENTS, h.comments ?? '');
  if (f & FIELD.IF_NAME) for (const n of h.ifNames) w.ifname(n.ip, n.ifIndex, n.name);
  if (f & FIELD.IF_ALIAS) for (const a of h.ifAliases) w.ifalias(a.ip, a.ifIndexList, a.name);
  const size = (w.pos + 3) & ~3;
  w.buf[0] = FT_HEADER_MAGIC1;
  w.buf[1] = FT_HEADER_MAGIC2;
  w.buf[2] = byteOrder;
  w.buf[3] = 3;
  w.dv.setUint32(4, size, w.le);
  return w.buf.slice(0, size);
}
