/**
 * The 33 flow-stat reports (src/flow-stat.c format0..format32) as data: name, the fields a stream
 * must carry, how records are aggregated (shape and key), how the table is printed (dumper, titles,
 * symbol file) and which of the report's quirks apply.
 */
import type { FieldName } from '../format/fields.ts';
import type { SymbolFile } from '../print/symbols.ts';

/**
 * How a report aggregates:
 * - `array`: counters indexed by a 8/16-bit key (tbl_out1 reports);
 * - `hash`: a hash table of keys in first-seen order (ftchash reports);
 * - `summary` (f0), `plot` (f13/f14), `totals` (f15), `none` (f4).
 */
export type Shape = 'array' | 'hash' | 'summary' | 'plot' | 'totals' | 'none';

/** The key a hash or array report groups by. */
export type KeyKind =
  | 'c32' | 'pktsize' | 'packets' | 'octets' // one 32-bit number
  | 'ip' | 'ip-either' // one address (f11 counts source and destination)
  | 'ip2' | 'as2' | 'if2' | 'tag2' // two numbers
  | 'prefix' | 'prefix2' // address/mask length pairs
  | 'u8' | 'u16' | 'ports'; // array reports (f7 counts both ports)

/** flow-stat's dumpers: each prints its own column heading and rows. */
export type Dumper = 'tbl' | 'c32' | 'c322' | 'ip' | 'ip2' | 'as2' | 'if2' | 'pre' | 'pre2';

export interface StatFormat {
  id: number;
  name: string;
  shape: Shape;
  /** fields ftio_check_xfield() requires besides dPkts, dOctets, First and Last */
  needs: readonly FieldName[];
  key?: KeyKind;
  /** the record field(s) the key is read from */
  fields?: readonly FieldName[];
  dumper?: Dumper;
  /** column title(s) as the dumper prints them */
  title?: string;
  title2?: string;
  /** symbol file used with -n (undefined: numbers only) */
  sym?: SymbolFile;
  /** array reports: number of slots (256 or 65536) */
  size?: number;
  /** flows taken from dFlows when the version has it (CUR_GET_PLUS_FLOWS); false for f30-f32 */
  dflows: boolean;
  /** only TCP and UDP flows are counted (port reports) */
  tcpUdpOnly?: boolean;
  /** flows with dPkts == 0 are skipped with a warning (f0, f1) */
  skipBogus?: boolean;
  /** -n is switched off by the report (interfaces) */
  noNames?: boolean;
}

const f = (x: Omit<StatFormat, 'dflows'> & { dflows?: boolean }): StatFormat => ({ dflows: true, ...x });

export const FORMATS: readonly StatFormat[] = [
  f({ id: 0, name: 'Overall Summary', shape: 'summary', needs: ['unix_secs'], skipBogus: true }),
  f({ id: 1, name: 'Average packet size distribution', shape: 'hash', needs: [], key: 'pktsize', dumper: 'c32', title: 'Pkt Size', sym: 'tag.sym', skipBogus: true }),
  f({ id: 2, name: 'Packets per flow distribution', shape: 'hash', needs: [], key: 'packets', dumper: 'c32', title: 'Packets ', sym: 'tag.sym' }),
  f({ id: 3, name: 'Octets per flow distribution', shape: 'hash', needs: [], key: 'octets', dumper: 'c32', title: 'Octets  ', sym: 'tag.sym' }),
  f({ id: 4, name: 'Bandwidth per flow distribution', shape: 'none', needs: [] }),
  f({ id: 5, name: 'UDP/TCP destination port', shape: 'array', needs: ['prot', 'dstport'], key: 'u16', fields: ['dstport'], dumper: 'tbl', title: 'port      ', sym: 'tcp-port.sym', size: 65536, tcpUdpOnly: true }),
  f({ id: 6, name: 'UDP/TCP source port', shape: 'array', needs: ['prot', 'srcport'], key: 'u16', fields: ['srcport'], dumper: 'tbl', title: 'port      ', sym: 'tcp-port.sym', size: 65536, tcpUdpOnly: true }),
  f({ id: 7, name: 'UDP/TCP port', shape: 'array', needs: ['prot', 'srcport', 'dstport'], key: 'ports', fields: ['srcport', 'dstport'], dumper: 'tbl', title: 'port      ', sym: 'tcp-port.sym', size: 65536, tcpUdpOnly: true }),
  f({ id: 8, name: 'Destination IP', shape: 'hash', needs: ['dstaddr'], key: 'ip', fields: ['dstaddr'], dumper: 'ip' }),
  f({ id: 9, name: 'Source IP', shape: 'hash', needs: ['srcaddr'], key: 'ip', fields: ['srcaddr'], dumper: 'ip' }),
  f({ id: 10, name: 'Source/Destination IP', shape: 'hash', needs: ['srcaddr', 'dstaddr'], key: 'ip2', fields: ['srcaddr', 'dstaddr'], dumper: 'ip2' }),
  f({ id: 11, name: 'Source or Destination IP', shape: 'hash', needs: ['srcaddr', 'dstaddr'], key: 'ip-either', fields: ['srcaddr', 'dstaddr'], dumper: 'ip' }),
  f({ id: 12, name: 'IP protocol', shape: 'array', needs: ['prot'], key: 'u8', fields: ['prot'], dumper: 'tbl', title: 'protocol  ', sym: 'ip-prot.sym', size: 256 }),
  f({ id: 13, name: 'octets for flow duration plot data', shape: 'plot', needs: [] }),
  f({ id: 14, name: 'packets for flow duration plot data', shape: 'plot', needs: [] }),
  f({ id: 15, name: 'short summary', shape: 'totals', needs: [] }),
  f({ id: 16, name: 'IP Next Hop', shape: 'hash', needs: ['nexthop'], key: 'ip', fields: ['nexthop'], dumper: 'ip' }),
  f({ id: 17, name: 'Input interface', shape: 'array', needs: ['input'], key: 'u16', fields: ['input'], dumper: 'tbl', title: 'interface ', size: 65536, noNames: true }),
  f({ id: 18, name: 'Output interface', shape: 'array', needs: ['output'], key: 'u16', fields: ['output'], dumper: 'tbl', title: 'interface ', size: 65536, noNames: true }),
  f({ id: 19, name: 'Source AS', shape: 'array', needs: ['src_as'], key: 'u16', fields: ['src_as'], dumper: 'tbl', title: 'src AS    ', sym: 'asn.sym', size: 65536 }),
  f({ id: 20, name: 'Destination AS', shape: 'array', needs: ['dst_as'], key: 'u16', fields: ['dst_as'], dumper: 'tbl', title: 'dst AS    ', sym: 'asn.sym', size: 65536 }),
  f({ id: 21, name: 'Source/Destination AS', shape: 'hash', needs: ['dst_as', 'src_as'], key: 'as2', fields: ['src_as', 'dst_as'], dumper: 'as2', sym: 'asn.sym' }),
  f({ id: 22, name: 'IP ToS', shape: 'array', needs: ['tos'], key: 'u8', fields: ['tos'], dumper: 'tbl', title: 'ToS       ', size: 256 }),
  f({ id: 23, name: 'Input/Output Interface', shape: 'hash', needs: ['output', 'input'], key: 'if2', fields: ['input', 'output'], dumper: 'if2' }),
  f({ id: 24, name: 'Source Prefix', shape: 'hash', needs: ['srcaddr', 'src_mask'], key: 'prefix', fields: ['srcaddr', 'src_mask'], dumper: 'pre' }),
  f({ id: 25, name: 'Destination Prefix', shape: 'hash', needs: ['dstaddr', 'dst_mask'], key: 'prefix', fields: ['dstaddr', 'dst_mask'], dumper: 'pre' }),
  f({ id: 26, name: 'Source/Destination Prefix', shape: 'hash', needs: ['srcaddr', 'dstaddr', 'src_mask', 'dst_mask'], key: 'prefix2', fields: ['srcaddr', 'src_mask', 'dstaddr', 'dst_mask'], dumper: 'pre2' }),
  f({ id: 27, name: 'Exporter IP', shape: 'hash', needs: ['exaddr'], key: 'ip', fields: ['exaddr'], dumper: 'ip' }),
  f({ id: 28, name: 'Engine Id', shape: 'array', needs: ['engine_id'], key: 'u8', fields: ['engine_id'], dumper: 'tbl', title: 'engine_id ', size: 256 }),
  f({ id: 29, name: 'Engine Type', shape: 'array', needs: ['engine_type'], key: 'u8', fields: ['engine_type'], dumper: 'tbl', title: 'engine_type ', size: 256 }),
  f({ id: 30, name: 'Source Tag', shape: 'hash', needs: ['src_tag'], key: 'c32', fields: ['src_tag'], dumper: 'c32', title: 'Src Tag ', sym: 'tag.sym', dflows: false }),
  f({ id: 31, name: 'Destination Tag', shape: 'hash', needs: ['dst_tag'], key: 'c32', fields: ['dst_tag'], dumper: 'c32', title: 'Dst Tag ', sym: 'tag.sym', dflows: false }),
  f({ id: 32, name: 'Source/Destination Tag', shape: 'hash', needs: ['src_tag', 'dst_tag'], key: 'tag2', fields: ['src_tag', 'dst_tag'], dumper: 'c322', title: 'Src Tag ', title2: 'Dst Tag   ', sym: 'tag.sym', dflows: false }),
];

/** Number of formats (FORMATS in flow-stat.c): -f 33 and above is "No such format". */
export const NFORMATS = 33;

/** Fields every report except f4 requires. */
export const BASE_FIELDS: readonly FieldName[] = ['dPkts', 'dOctets', 'First', 'Last'];

/** Key words per hash key (32-bit words in the hash table). */
export function keyWords(key: KeyKind): 1 | 2 | 3 {
  switch (key) {
    case 'ip2': case 'tag2': case 'prefix': return 2;
    case 'prefix2': return 3;
    default: return 1;
  }
}

/** Number of key columns a dumper has (sort fields 0.. before flows). */
export function keyColumns(d: Dumper): 1 | 2 {
  return d === 'ip2' || d === 'as2' || d === 'if2' || d === 'pre2' || d === 'c322' ? 2 : 1;
}
