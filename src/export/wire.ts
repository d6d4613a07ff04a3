/**
 * flow-export -f 4: the records re-encoded as NetFlow export packets (PDUs), back to back, in
 * network byte order, as fts3rec_pdu_encode() and ftpdu_swap() produce them. A PDU holds records
 * with the same sysUpTime, unix_secs, unix_nsecs (and engine type/id from v5 on) up to the
 * version's maximum; flow_sequence counts records per engine. PDU layouts are data below.
 */
import type { FieldName } from '../format/fields.ts';
import { FIELD_DEFS } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { BinOut } from './bin-out.ts';

export interface PduFormat {
  /** PDU header bytes: 16 (v1), 24 (v5/6/7), 28 (v8) */
  header: number;
  /** bytes per record in the PDU */
  recSize: number;
  maxFlows: number;
  /** record fields and their offsets inside a PDU record */
  rows: ReadonlyArray<readonly [FieldName, number]>;
}

type Row = readonly [FieldName, number];
const V5_BODY: readonly Row[] = [
  ['srcaddr', 0], ['dstaddr', 4], ['nexthop', 8], ['input', 12], ['output', 14], ['dPkts', 16],
  ['dOctets', 20], ['First', 24], ['Last', 28], ['srcport', 32], ['dstport', 34], ['tcp_flags', 37],
  ['prot', 38], ['tos', 39], ['src_as', 40], ['dst_as', 42], ['src_mask', 44], ['dst_mask', 45],
];
const V8_COUNTS: readonly Row[] = [['dFlows', 0], ['dPkts', 4], ['dOctets', 8], ['First', 12], ['Last', 16]];
const V8_PREFIX_SRC: readonly Row[] = [['srcaddr', 20], ['src_mask', 24]];
const V8_PREFIX_DST: readonly Row[] = [['dstaddr', 20], ['dst_mask', 24]];

export const PDU_FORMATS: Readonly<Record<string, PduFormat>> = {
  '1': { header: 16, recSize: 48, maxFlows: 24, rows: [
    ['srcaddr', 0], ['dstaddr', 4], ['nexthop', 8], ['input', 12], ['output', 14], ['dPkts', 16],
    ['dOctets', 20], ['First', 24], ['Last', 28], ['srcport', 32], ['dstport', 34], ['prot', 38],
    ['tos', 39], ['tcp_flags', 40]] },
  '5': { header: 24, recSize: 48, maxFlows: 30, rows: V5_BODY },
  '6': { header: 24, recSize: 52, maxFlows: 27, rows: [...V5_BODY, ['in_encaps', 46], ['out_encaps', 47], ['peer_nexthop', 48]] },
  '7': { header: 24, recSize: 52, maxFlows: 27, rows: [...V5_BODY, ['router_sc', 48]] },
  '8.1': { header: 28, recSize: 28, maxFlows: 51, rows: [...V8_COUNTS, ['src_as', 20], ['dst_as', 22], ['input', 24], ['output', 26]] },
  '8.2': { header: 28, recSize: 28, maxFlows: 51, rows: [...V8_COUNTS, ['prot', 20], ['srcport', 24], ['dstport', 26]] },
  '8.3': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ...V8_PREFIX_SRC, ['src_as', 26], ['input', 28]] },
  '8.4': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ...V8_PREFIX_DST, ['dst_as', 26], ['output', 28]] },
  '8.5': { header: 28, recSize: 40, maxFlows: 35, rows: [...V8_COUNTS, ['srcaddr', 20], ['dstaddr', 24], ['dst_mask', 28],
    ['src_mask', 29], ['src_as', 32], ['dst_as', 34], ['input', 36], ['output', 38]] },
  '8.6': { header: 28, recSize: 32, maxFlows: 44, rows: [['dstaddr', 0], ['dPkts', 4], ['dOctets', 8], ['First', 12],
    ['Last', 16], ['output', 20], ['tos', 22], ['marked_tos', 23], ['extra_pkts', 24], ['router_sc', 28]] },
  '8.7': { header: 28, recSize: 40, maxFlows: 35, rows: [['dstaddr', 0], ['srcaddr', 4], ['dPkts', 8], ['dOctets', 12],
    ['First', 16], ['Last', 20], ['output', 24], ['input', 26], ['tos', 28], ['marked_tos', 29], ['extra_pkts', 32],
    ['router_sc', 36]] },
  '8.8': { header: 28, recSize: 44, maxFlows: 32, rows: [['dstaddr', 0], ['srcaddr', 4], ['dstport', 8], ['srcport', 10],
    ['dPkts', 12], ['dOctets', 16], ['First', 20], ['Last', 24], ['output', 28], ['input', 30], ['tos', 32], ['prot', 33],
    ['marked_tos', 34], ['extra_pkts', 36], ['router_sc', 40]] },
  '8.9': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ['src_as', 20], ['dst_as', 22], ['input', 24],
    ['output', 26], ['tos', 28]] },
  '8.10': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ['prot', 20], ['tos', 21], ['srcport', 24],
    ['dstport', 26], ['input', 28], ['output', 30]] },
  '8.11': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ...V8_PREFIX_SRC, ['tos', 25], ['src_as', 26], ['input', 28]] },
  '8.12': { header: 28, recSize: 32, maxFlows: 44, rows: [...V8_COUNTS, ...V8_PREFIX_DST, ['tos', 25], ['dst_as', 26], ['output', 28]] },
  '8.13': { header: 28, recSize: 40, maxFlows: 35, rows: [...V8_COUNTS, ['srcaddr', 20], ['dstaddr', 24], ['dst_mask', 28],
    ['src_mask', 29], ['tos', 30], ['src_as', 32], ['dst_as', 34], ['input', 36], ['output', 38]] },
  '8.14': { header: 28, recSize: 40, maxFlows: 35, rows: [...V8_COUNTS, ['srcaddr', 20], ['dstaddr', 24], ['dst_mask', 28],
    ['src_mask', 29], ['tos', 30], ['prot', 31], ['srcport', 32], ['dstport', 34], ['input', 36], ['output', 38]] },
};

const MAX_PDU = 4096;

/** Builds PDUs from records in order and appends each finished PDU to `out`. */
export class PduEncoder {
  private readonly pdu = new Uint8Array(MAX_PDU);
  private readonly dv = new DataView(this.pdu.buffer);
  private readonly seqNext = new Uint32Array(65536);
  private readonly fmt: PduFormat;
  private readonly fields: FieldName[];
  private readonly offsets: Int32Array;
  private readonly sizes: Int32Array;
  private count = 0;
  private sysUpTime = 0;
  private unixSecs = 0;
  private unixNsecs = 0;
  private engineType = 0;
  private engineId = 0;

  private constructor(readonly layout: Layout, fmt: PduFormat) {
    this.fmt = fmt;
    this.fields = fmt.rows.map(([f]) => f);
    this.offsets = Int32Array.from(fmt.rows.map(([, o]) => o));
    this.sizes = Int32Array.from(fmt.rows.map(([f]) => FIELD_DEFS[f].size));
  }

  /** undefined when flow-tools has no PDU encoder for the version (v1005) */
  static for(layout: Layout): PduEncoder | undefined {
    const fmt = PDU_FORMATS[layout.id];
    return fmt ? new PduEncoder(layout, fmt) : undefined;
  }

  record(v: RecordView, out: BinOut): void {
    const withEngine = this.fmt.header > 16;
    if (this.count > 0 && (this.sysUpTime !== v.sysUpTime || this.unixSecs !== v.unix_secs
      || this.unixNsecs !== v.unix_nsecs
      || (withEngine && (this.engineType !== v.engine_type || this.engineId !== v.engine_id)))) {
      this.flush(out);
    }
    const dv = this.dv;
    const seqIndex = (v.engine_id << 8) | v.engine_type;
    if (this.count === 0) {
      this.sysUpTime = v.sysUpTime; this.unixSecs = v.unix_secs; this.unixNsecs = v.unix_nsecs;
      this.engineType = v.engine_type; this.engineId = v.engine_id;
      dv.setUint16(0, this.layout.dVersion);
      dv.setUint32(4, this.sysUpTime);
      dv.setUint32(8, this.unixSecs);
      dv.setUint32(12, this.unixNsecs);
      if (withEngine) {
        dv.setUint32(16, this.seqNext[seqIndex]!);
        dv.setUint8(20, this.engineType);
        dv.setUint8(21, this.engineId);
      }
      if (this.layout.dVersion === 8) {
        dv.setUint8(22, this.layout.aggMethod);
        dv.setUint8(23, 2);
      }
    }
    const base = this.fmt.header + this.count * this.fmt.recSize;
    const n = this.fields.length;
    for (let i = 0; i < n; i++) {
      const value = v.get(this.fields[i]!);
      const o = base + this.offsets[i]!;
      const size = this.sizes[i]!;
      if (size === 4) dv.setUint32(o, value >>> 0); else if (size === 2) dv.setUint16(o, value); else dv.setUint8(o, value);
    }
    if (withEngine) this.seqNext[seqIndex] = (this.seqNext[seqIndex]! + 1) >>> 0;
    this.count++;
    if (this.count >= this.fmt.maxFlows) this.flush(out);
  }

  /** Write the PDU being filled, if any, and start a new one. */
  flush(out: BinOut): void {
    if (this.count === 0) return;
    this.dv.setUint16(2, this.count);
    const size = this.fmt.header + this.count * this.fmt.recSize;
    out.bytes(this.pdu.subarray(0, size));
    this.pdu.fill(0, 0, size);
    this.count = 0;
  }
}
