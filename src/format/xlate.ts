/**
 * ftrec_xlate_func(): records of one export version rewritten as another, among v1, v5, v6, v7 and
 * v1005 (flow-send -V). A translation copies a fixed list of fields and leaves the rest 0: to v1
 * the fields v1 has; between the others those plus engine, masks and AS numbers (never v6's
 * encapsulation and peer next hop or v7's router shortcut); v1005 only to v5. flow-tools' v1 to
 * v5/v6/v7 copy the output interface from the new record onto itself, so it is lost: kept. Its v1
 * to v1005 reads the v1 record as if it were v5: not offered here.
 */
import { FIELD_DEFS, type FieldName } from './fields.ts';
import type { Layout } from './layouts.ts';

const V1_FIELDS: readonly FieldName[] = [
  'unix_secs', 'unix_nsecs', 'sysUpTime', 'exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'input', 'output',
  'dPkts', 'dOctets', 'First', 'Last', 'srcport', 'dstport', 'prot', 'tos', 'tcp_flags',
];
const ROUTED: readonly FieldName[] = [...V1_FIELDS, 'engine_type', 'engine_id', 'src_mask', 'dst_mask', 'src_as', 'dst_as'];
const FROM_V1: readonly FieldName[] = V1_FIELDS.filter((f) => f !== 'output');

const PAIRS: Readonly<Record<string, readonly FieldName[]>> = {
  '1>5': FROM_V1, '1>6': FROM_V1, '1>7': FROM_V1,
  '5>1': V1_FIELDS, '5>6': ROUTED, '5>7': ROUTED, '5>1005': ROUTED,
  '6>1': V1_FIELDS, '6>5': ROUTED, '6>7': ROUTED, '6>1005': ROUTED,
  '7>1': V1_FIELDS, '7>5': ROUTED, '7>6': ROUTED, '7>1005': ROUTED,
  '1005>5': ROUTED,
};

/** Copies a record of `from` into a zeroed record of `to`, field by field, in one byte order. */
export class RecordXlate {
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly sizes: Int32Array;

  constructor(readonly from: Layout, readonly to: Layout, fields: readonly FieldName[]) {
    this.src = Int32Array.from(fields.map((f) => from.offsets[f]));
    this.dst = Int32Array.from(fields.map((f) => to.offsets[f]));
    this.sizes = Int32Array.from(fields.map((f) => FIELD_DEFS[f].size));
  }

  /**
   * Translate the (little-endian) record at `at` of `src` into the record at `outAt` of `out`
   * (to.size bytes, overwritten whole), in the byte order `le` says.
   */
  translate(src: DataView, at: number, out: DataView, outAt = 0, le = true): void {
    for (let i = 0; i < this.to.size; i++) out.setUint8(outAt + i, 0);
    for (let i = 0; i < this.src.length; i++) {
      const s = at + this.src[i]!, d = outAt + this.dst[i]!, size = this.sizes[i]!;
      if (size === 4) out.setUint32(d, src.getUint32(s, true), le);
      else if (size === 2) out.setUint16(d, src.getUint16(s, true), le);
      else out.setUint8(d, src.getUint8(s));
    }
  }
}

/** The translation from `from` to `to` (records in little-endian order), or undefined when flow-tools has none. */
export function recordXlate(from: Layout, to: Layout): RecordXlate | undefined {
  const fields = PAIRS[`${from.id}>${to.id}`];
  return fields ? new RecordXlate(from, to, fields) : undefined;
}
