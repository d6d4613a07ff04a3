/**
 * flow-export -f 0: cflowd binary records. Each record is a big-endian u32 "index" (the CF_* bits
 * of the fields that follow), then those fields in index-bit order, big-endian; start and end are
 * whole epoch seconds (ftltime of First and Last). The index is the -m mask (or every bit)
 * narrowed to what the export version carries (cflowd.h CF_INDEX_*_MASK).
 */
import { FIELD_DEFS, type FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { BinOut } from './bin-out.ts';
import { MaskError, xbit } from './xfields.ts';

type Source = FieldName | 'start' | 'end';

/** CF_* bit, in output order, and where the value comes from. */
export const CF_FIELDS: ReadonlyArray<readonly [bit: number, src: Source]> = [
  [0x1, 'exaddr'], [0x2, 'srcaddr'], [0x4, 'dstaddr'], [0x8, 'input'], [0x10, 'output'],
  [0x20, 'srcport'], [0x40, 'dstport'], [0x80, 'dPkts'], [0x100, 'dOctets'], [0x200, 'nexthop'],
  [0x400, 'start'], [0x800, 'end'], [0x1000, 'prot'], [0x2000, 'tos'], [0x4000, 'src_as'],
  [0x8000, 'dst_as'], [0x10000, 'src_mask'], [0x20000, 'dst_mask'], [0x40000, 'tcp_flags'],
  [0x80000, 'in_encaps'], [0x100000, 'out_encaps'], [0x200000, 'peer_nexthop'],
  [0x400000, 'engine_type'], [0x800000, 'engine_id'],
];

/** CF_INDEX_*_MASK: the cflowd fields each export version can fill. */
export const VERSION_MASKS: Readonly<Record<string, number>> = {
  '1': 0x00043fff, '5': 0x00c7ffff, '6': 0x00ffffff, '7': 0x00c7ffff, '1005': 0x00c7ffff,
  '8.1': 0x00c0cd99, '8.2': 0x00c00de1, '8.3': 0x00c14d8b, '8.4': 0x00c28d95, '8.5': 0x00c3cd9f,
  '8.6': 0x00c02d95, '8.7': 0x00c02d9f, '8.8': 0x00c02dff, '8.9': 0x00c0ed99, '8.10': 0x00c02de1,
  '8.11': 0x00c16d8b, '8.12': 0x00c2ad95, '8.13': 0x00c3ed9f, '8.14': 0x00c32dff,
};

/** A flow-tools field that converts to one cflowd field (ftxfield_tocflow). */
const XFIELD_TO_CF: ReadonlyArray<readonly [FieldName, number]> = CF_FIELDS
  .filter((r): r is readonly [number, FieldName] => r[1] !== 'start' && r[1] !== 'end')
  .map(([bit, f]) => [f, bit]);

/**
 * ftxfield_tocflow(): the cflowd index of a -m given by names. Times convert only when unix_secs,
 * unix_nsecs and sysuptime come with first (start) or last (end); flow-tools then clears nexthop
 * instead of first/last, so first and last are always left over and the conversion fails: kept.
 */
export function cflowdMaskFromFields(xfields: bigint): number {
  let left = xfields;
  let cf = 0;
  for (const [f, bit] of XFIELD_TO_CF) {
    if (left & xbit(f)) { left &= ~xbit(f); cf |= bit; }
  }
  const clock = xbit('unix_secs') | xbit('unix_nsecs') | xbit('sysUpTime');
  let droptime = false;
  if ((xfields & (clock | xbit('First'))) === (clock | xbit('First'))) { left &= ~xbit('nexthop'); droptime = true; cf |= 0x400; }
  if ((xfields & (clock | xbit('Last'))) === (clock | xbit('Last'))) { left &= ~xbit('nexthop'); droptime = true; cf |= 0x800; }
  if (droptime) left &= ~clock;
  if (left) throw new MaskError(`xfields contains fields after conversion to cflow mask 0x${left.toString(16).toUpperCase()}`);
  return cf >>> 0;
}

/** ftltime() in whole seconds, as a u32 (the uint64 milliseconds wrap when uptime exceeds the clock). */
function ftltimeSecs(v: RecordView, t: number): number {
  const ms = v.unix_secs * 1000 + Math.floor(v.unix_nsecs / 1e6) - v.sysUpTime + t;
  if (ms >= 0) return Math.floor(ms / 1000) >>> 0;
  return Number(BigInt.asUintN(32, BigInt.asUintN(64, BigInt(ms)) / 1000n));
}

export interface CflowdEncoder {
  readonly index: number;
  record(v: RecordView, out: BinOut): void;
}

/** The encoder for `layout`, or undefined when cflowd has no mask for the version. */
export function cflowdEncoder(layout: Layout, requested: number): CflowdEncoder | undefined {
  const vmask = VERSION_MASKS[layout.id];
  if (vmask === undefined) return undefined;
  const index = (requested & vmask) >>> 0;
  const fields = CF_FIELDS.filter(([bit]) => index & bit).map(([, src]) => src);
  const sizes = fields.map((s) => (s === 'start' || s === 'end' ? 4 : FIELD_DEFS[s].size));
  const n = fields.length;
  return {
    index,
    record(v, out) {
      out.u32(index);
      for (let i = 0; i < n; i++) {
        const s = fields[i]!;
        const value = s === 'start' ? ftltimeSecs(v, v.First) : s === 'end' ? ftltimeSecs(v, v.Last) : v.get(s);
        const size = sizes[i]!;
        if (size === 4) out.u32(value); else if (size === 2) out.u16(value); else out.u8(value);
      }
    },
  };
}
