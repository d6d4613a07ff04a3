/**
 * Record layouts of every export version flow-tools reads (FORMAT.md section 7 and Appendix A): the
 * byte offset of each field, written once, in wire order. All offsets are from the record start;
 * records follow each other with no padding. A field a version lacks has no entry.
 */
import { FIELD_DEFS, type FieldName } from './fields.ts';

export interface Layout {
  /** "5", "8.3", "1005"... */
  readonly id: string;
  readonly dVersion: number;
  /** v8 aggregation method, 0 for the others. */
  readonly aggMethod: number;
  /** Record size in bytes (ftrec_size()). */
  readonly size: number;
  /** Offset of each field present in this version, -1 where absent. */
  readonly offsets: Readonly<Record<FieldName, number>>;
  /**
   * FT_XFIELD_* mask (lib/ftlib.h): the fields flow-tools considers present. Not always every field
   * of the struct: v8.10 records carry input/output, but its mask leaves them out.
   */
  readonly xfields: bigint;
}

type Row = readonly [FieldName, number];

// The fields every v1/v5/v6/v7/v1005 record starts with (fts3rec_v5 up to tcp_flags).
const COMMON: readonly Row[] = [
  ['unix_secs', 0], ['unix_nsecs', 4], ['sysUpTime', 8], ['exaddr', 12],
  ['srcaddr', 16], ['dstaddr', 20], ['nexthop', 24], ['input', 28], ['output', 30],
  ['dPkts', 32], ['dOctets', 36], ['First', 40], ['Last', 44], ['srcport', 48], ['dstport', 50],
  ['prot', 52], ['tos', 53], ['tcp_flags', 54],
];
// v5 adds, after pad@55: engine, masks and AS numbers.
const V5_TAIL: readonly Row[] = [
  ['engine_type', 56], ['engine_id', 57], ['src_mask', 58], ['dst_mask', 59], ['src_as', 60], ['dst_as', 62],
];
// Every v8 record starts with the export time; v8.3, v8.11 and v8.12 swap sysUpTime and exaddr.
const V8_HEAD: readonly Row[] = [['unix_secs', 0], ['unix_nsecs', 4], ['sysUpTime', 8], ['exaddr', 12]];
const V8_HEAD_SWAPPED: readonly Row[] = [['unix_secs', 0], ['unix_nsecs', 4], ['exaddr', 8], ['sysUpTime', 12]];
const V8_COUNTERS: readonly Row[] = [['dFlows', 16], ['dPkts', 20], ['dOctets', 24], ['First', 28], ['Last', 32]];
// v8.6/7/8 (Catalyst) have no dFlows.
const V8_CAT_COUNTERS: readonly Row[] = [['dPkts', 16], ['dOctets', 20], ['First', 24], ['Last', 28]];

const TABLE: ReadonlyArray<readonly [id: string, size: number, rows: readonly Row[]]> = [
  ['1', 60, [...COMMON]],
  ['5', 64, [...COMMON, ...V5_TAIL]],
  ['6', 72, [...COMMON, ...V5_TAIL, ['in_encaps', 64], ['out_encaps', 65], ['peer_nexthop', 68]]],
  ['7', 68, [...COMMON, ...V5_TAIL, ['router_sc', 64]]],
  ['1005', 72, [...COMMON, ...V5_TAIL, ['src_tag', 64], ['dst_tag', 68]]],
  ['8.1', 48, [...V8_HEAD, ...V8_COUNTERS, ['src_as', 36], ['dst_as', 38], ['input', 40], ['output', 42],
    ['engine_type', 44], ['engine_id', 45]]],
  ['8.2', 48, [...V8_HEAD, ...V8_COUNTERS, ['prot', 36], ['srcport', 40], ['dstport', 42],
    ['engine_type', 44], ['engine_id', 45]]],
  ['8.3', 48, [...V8_HEAD_SWAPPED, ...V8_COUNTERS, ['srcaddr', 36], ['src_mask', 40], ['src_as', 42],
    ['input', 44], ['engine_type', 46], ['engine_id', 47]]],
  ['8.4', 48, [...V8_HEAD, ...V8_COUNTERS, ['dstaddr', 36], ['dst_mask', 40], ['engine_type', 42],
    ['engine_id', 43], ['dst_as', 44], ['output', 46]]],
  ['8.5', 56, [...V8_HEAD, ...V8_COUNTERS, ['srcaddr', 36], ['dstaddr', 40], ['dst_mask', 44], ['src_mask', 45],
    ['engine_type', 46], ['engine_id', 47], ['src_as', 48], ['dst_as', 50], ['input', 52], ['output', 54]]],
  ['8.6', 52, [...V8_HEAD, ...V8_CAT_COUNTERS, ['dstaddr', 32], ['extra_pkts', 36], ['router_sc', 40],
    ['output', 44], ['tos', 48], ['marked_tos', 49], ['engine_type', 50], ['engine_id', 51]]],
  ['8.7', 56, [...V8_HEAD, ...V8_CAT_COUNTERS, ['dstaddr', 32], ['srcaddr', 36], ['extra_pkts', 40],
    ['router_sc', 44], ['output', 48], ['input', 50], ['tos', 52], ['marked_tos', 53], ['engine_type', 54],
    ['engine_id', 55]]],
  ['8.8', 64, [...V8_HEAD, ...V8_CAT_COUNTERS, ['dstaddr', 32], ['srcaddr', 36], ['extra_pkts', 40],
    ['router_sc', 44], ['dstport', 48], ['srcport', 50], ['output', 52], ['input', 54], ['tos', 56],
    ['marked_tos', 57], ['engine_type', 58], ['engine_id', 59], ['prot', 60]]],
  ['8.9', 48, [...V8_HEAD, ...V8_COUNTERS, ['src_as', 36], ['dst_as', 38], ['input', 40], ['output', 42],
    ['engine_type', 44], ['engine_id', 45], ['tos', 46]]],
  ['8.10', 48, [...V8_HEAD, ...V8_COUNTERS, ['srcport', 36], ['dstport', 38], ['input', 40], ['output', 42],
    ['engine_type', 44], ['engine_id', 45], ['prot', 46], ['tos', 47]]],
  ['8.11', 48, [...V8_HEAD_SWAPPED, ...V8_COUNTERS, ['srcaddr', 36], ['src_mask', 40], ['tos', 41],
    ['src_as', 42], ['input', 44], ['engine_type', 46], ['engine_id', 47]]],
  ['8.12', 48, [...V8_HEAD_SWAPPED, ...V8_COUNTERS, ['dstaddr', 36], ['output', 40], ['dst_as', 42],
    ['dst_mask', 44], ['tos', 45], ['engine_type', 46], ['engine_id', 47]]],
  ['8.13', 60, [...V8_HEAD, ...V8_COUNTERS, ['srcaddr', 36], ['dstaddr', 40], ['src_as', 44], ['dst_as', 46],
    ['input', 48], ['output', 50], ['dst_mask', 52], ['src_mask', 53], ['engine_type', 54], ['engine_id', 55],
    ['tos', 56]]],
  ['8.14', 60, [...V8_HEAD, ...V8_COUNTERS, ['srcaddr', 36], ['dstaddr', 40], ['srcport', 44], ['dstport', 46],
    ['input', 48], ['output', 50], ['dst_mask', 52], ['src_mask', 53], ['engine_type', 54], ['engine_id', 55],
    ['tos', 56], ['prot', 57]]],
];

/** FT_XFIELD_V*_MASK of lib/ftlib.h, per layout. */
const XFIELD_MASKS: Readonly<Record<string, bigint>> = {
  '1': 0x0000000000ff31efn,
  '5': 0x000000000fff37efn,
  '6': 0x000000007fff37efn,
  '7': 0x000000008fff37efn,
  '8.1': 0x000000000c0607ffn,
  '8.2': 0x00000000003807ffn,
  '8.3': 0x00000000050217ffn,
  '8.4': 0x000000000a0427ffn,
  '8.5': 0x000000000f0637ffn,
  '8.6': 0x00000003804427efn,
  '8.7': 0x00000003804637efn,
  '8.8': 0x00000003807e37efn,
  '8.9': 0x000000000c4607ffn,
  '8.10': 0x00000000007807ffn,
  '8.11': 0x00000000054217ffn,
  '8.12': 0x000000000a4427ffn,
  '8.13': 0x000000000f4637ffn,
  '8.14': 0x00000000037e37ffn,
  '1005': 0x0000000c0fff37efn,
};

function build(id: string, size: number, rows: readonly Row[]): Layout {
  const offsets = Object.fromEntries(Object.keys(FIELD_DEFS).map((f) => [f, -1])) as Record<FieldName, number>;
  for (const [f, off] of rows) offsets[f] = off;
  const xfields = XFIELD_MASKS[id]!;
  const [d, m] = id.split('.');
  return Object.freeze({ id, dVersion: Number(d), aggMethod: m ? Number(m) : 0, size, offsets: Object.freeze(offsets), xfields });
}

export const LAYOUTS: ReadonlyMap<string, Layout> = new Map(TABLE.map(([id, size, rows]) => [id, build(id, size, rows)]));

/** The layout of a (d_version, agg_method) pair, or undefined if flow-tools cannot read it. */
export function layoutFor(dVersion: number, aggMethod = 0): Layout | undefined {
  return LAYOUTS.get(dVersion === 8 ? `8.${aggMethod}` : String(dVersion));
}

/** Does flow-tools consider this field present in the version (its FT_XFIELD bit)? */
export function hasField(layout: Layout, f: FieldName): boolean {
  return (layout.xfields & (1n << BigInt(FIELD_DEFS[f].xbit))) !== 0n;
}

/** Are all these fields present (ftio_check_xfield() succeeds)? */
export function hasFields(layout: Layout, fields: readonly FieldName[]): boolean {
  return fields.every((f) => hasField(layout, f));
}
