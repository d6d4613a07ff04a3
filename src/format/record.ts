/**
 * RecordView: zero-copy access to one record inside a buffer of records, by flow-tools field name.
 * Point it at a record with `at(p)`; every getter is a DataView read at the layout's fixed offset.
 * A field the version lacks reads as 0. `readerSource()` gives the same reads as JS source text for
 * code generated from validated trees (filters, expressions).
 */
import { FIELD_DEFS, FIELD_NAMES, type FieldName } from './fields.ts';
import type { Layout } from './layouts.ts';

export class RecordView {
  dv: DataView;
  le: boolean;
  /** byte offset of the current record in dv */
  p = 0;
  readonly layout: Layout;
  private readonly o: Readonly<Record<FieldName, number>>;

  constructor(layout: Layout, dv: DataView, le: boolean) {
    this.layout = layout;
    this.o = layout.offsets;
    this.dv = dv;
    this.le = le;
  }

  at(p: number): this {
    this.p = p;
    return this;
  }

  private u32(o: number): number { return o < 0 ? 0 : this.dv.getUint32(this.p + o, this.le); }
  private u16(o: number): number { return o < 0 ? 0 : this.dv.getUint16(this.p + o, this.le); }
  private u8(o: number): number { return o < 0 ? 0 : this.dv.getUint8(this.p + o); }

  get unix_secs(): number { return this.u32(this.o.unix_secs); }
  get unix_nsecs(): number { return this.u32(this.o.unix_nsecs); }
  get sysUpTime(): number { return this.u32(this.o.sysUpTime); }
  get exaddr(): number { return this.u32(this.o.exaddr); }
  get dFlows(): number { return this.u32(this.o.dFlows); }
  get dPkts(): number { return this.u32(this.o.dPkts); }
  get dOctets(): number { return this.u32(this.o.dOctets); }
  get First(): number { return this.u32(this.o.First); }
  get Last(): number { return this.u32(this.o.Last); }
  get engine_type(): number { return this.u8(this.o.engine_type); }
  get engine_id(): number { return this.u8(this.o.engine_id); }
  get srcaddr(): number { return this.u32(this.o.srcaddr); }
  get dstaddr(): number { return this.u32(this.o.dstaddr); }
  get nexthop(): number { return this.u32(this.o.nexthop); }
  get input(): number { return this.u16(this.o.input); }
  get output(): number { return this.u16(this.o.output); }
  get srcport(): number { return this.u16(this.o.srcport); }
  get dstport(): number { return this.u16(this.o.dstport); }
  get prot(): number { return this.u8(this.o.prot); }
  get tos(): number { return this.u8(this.o.tos); }
  get tcp_flags(): number { return this.u8(this.o.tcp_flags); }
  get src_mask(): number { return this.u8(this.o.src_mask); }
  get dst_mask(): number { return this.u8(this.o.dst_mask); }
  get src_as(): number { return this.u16(this.o.src_as); }
  get dst_as(): number { return this.u16(this.o.dst_as); }
  get in_encaps(): number { return this.u8(this.o.in_encaps); }
  get out_encaps(): number { return this.u8(this.o.out_encaps); }
  get peer_nexthop(): number { return this.u32(this.o.peer_nexthop); }
  get router_sc(): number { return this.u32(this.o.router_sc); }
  get extra_pkts(): number { return this.u32(this.o.extra_pkts); }
  get marked_tos(): number { return this.u8(this.o.marked_tos); }
  get src_tag(): number { return this.u32(this.o.src_tag); }
  get dst_tag(): number { return this.u32(this.o.dst_tag); }

  /** Generic read by name (slower than the getters; for output of every field). */
  get(f: FieldName): number {
    const o = this.o[f];
    if (o < 0) return 0;
    const size = FIELD_DEFS[f].size;
    return size === 4 ? this.u32(o) : size === 2 ? this.u16(o) : this.u8(o);
  }

  has(f: FieldName): boolean {
    return this.o[f] >= 0;
  }
}

/**
 * JS source that reads field `f` of the record at `${p}` from DataView `${dv}` with endianness `${le}`,
 * offsets baked in. Returns "0" for a field the layout lacks.
 */
export function readerSource(layout: Layout, f: FieldName, dv = 'dv', p = 'p', le = 'le'): string {
  const o = layout.offsets[f];
  if (o < 0) return '0';
  const size = FIELD_DEFS[f].size;
  if (size === 1) return `${dv}.getUint8(${p} + ${o})`;
  return `${dv}.getUint${size * 8}(${p} + ${o}, ${le})`;
}

export { FIELD_NAMES };
