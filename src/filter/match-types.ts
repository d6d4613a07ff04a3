/**
 * The match types of `match TYPE PRIMITIVE` (resolve_primitives() in lib/ftfil.c): long and short
 * names, the flow fields each reads (its FT_XFIELD requirement) and the primitive types it accepts.
 */
import type { FieldName } from '../format/fields.ts';
import type { PrimitiveType } from './ast.ts';

/** What a match reads from the record. */
export type MatchKind =
  | 'src-as' | 'dst-as' | 'src-addr' | 'dst-addr' | 'exporter-addr' | 'nexthop-addr' | 'shortcut-addr'
  | 'protocol' | 'src-prefix-len' | 'dst-prefix-len' | 'tos' | 'marked-tos' | 'tcp-flags'
  | 'src-port' | 'dst-port' | 'input-if' | 'output-if' | 'engine-id' | 'engine-type'
  | 'flows' | 'octets' | 'packets' | 'extra-packets' | 'duration' | 'start-time' | 'end-time'
  | 'src-tag' | 'dst-tag' | 'pps' | 'bps' | 'random-sample';

export interface MatchType {
  kind: MatchKind;
  /** the long name (the one the documentation uses) */
  name: string;
  /** FT_XFIELD_* the definition then requires */
  fields: readonly FieldName[];
  accepts: readonly PrimitiveType[];
}

const ADDR: readonly PrimitiveType[] = ['ip-address', 'ip-address-mask', 'ip-address-prefix'];
const TIMES: readonly FieldName[] = ['unix_secs', 'unix_nsecs', 'sysUpTime'];

const TABLE: ReadonlyArray<readonly [names: string[], kind: MatchKind, fields: FieldName[], accepts: readonly PrimitiveType[]]> = [
  [['source-as', 'src-as'], 'src-as', ['src_as'], ['as']],
  [['destination-as', 'dst-as'], 'dst-as', ['dst_as'], ['as']],
  [['ip-source-address', 'src-ip-addr'], 'src-addr', ['srcaddr'], ADDR],
  [['ip-destination-address', 'dst-ip-addr'], 'dst-addr', ['dstaddr'], ADDR],
  [['ip-exporter-address', 'exporter-ip-addr'], 'exporter-addr', ['exaddr'], ADDR],
  [['ip-nexthop-address', 'nexthop-ip-addr'], 'nexthop-addr', ['nexthop'], ADDR],
  [['ip-shortcut-address', 'shortcut-ip-addr'], 'shortcut-addr', ['router_sc'], ADDR],
  [['ip-protocol'], 'protocol', ['prot'], ['ip-protocol']],
  [['ip-source-address-prefix-len', 'src-ip-addr-prefix-len'], 'src-prefix-len', ['src_mask'], ['ip-address-prefix-len']],
  [['ip-destination-address-prefix-len', 'dst-ip-addr-prefix-len'], 'dst-prefix-len', ['dst_mask'], ['ip-address-prefix-len']],
  [['ip-tos'], 'tos', ['tos'], ['ip-tos']],
  [['ip-marked-tos'], 'marked-tos', ['marked_tos'], ['ip-tos']],
  [['ip-tcp-flags'], 'tcp-flags', ['tcp_flags'], ['ip-tcp-flags']],
  [['ip-source-port', 'src-ip-port'], 'src-port', ['srcport'], ['ip-port']],
  [['ip-destination-port', 'dst-ip-port'], 'dst-port', ['dstport'], ['ip-port']],
  [['input-interface', 'src-ifindex'], 'input-if', ['input'], ['ifindex']],
  [['output-interface', 'dst-ifindex'], 'output-if', ['output'], ['ifindex']],
  [['engine-id'], 'engine-id', ['engine_id'], ['engine']],
  [['engine-type'], 'engine-type', ['engine_type'], ['engine']],
  [['flows'], 'flows', ['dFlows'], ['counter']],
  [['octets'], 'octets', ['dOctets'], ['counter']],
  [['packets'], 'packets', ['dPkts'], ['counter']],
  [['extra-packets'], 'extra-packets', ['extra_pkts'], ['counter']],
  [['duration'], 'duration', ['First', 'Last'], ['counter']],
  // flow-tools also lets a counter primitive through here (with an undefined evaluator): see validate.ts
  [['start-time'], 'start-time', ['First', ...TIMES], ['time', 'time-date', 'counter']],
  [['end-time'], 'end-time', ['Last', ...TIMES], ['time', 'time-date']],
  [['source-tag', 'src-tag'], 'src-tag', ['src_tag'], ['tag', 'tag-mask']],
  [['destination-tag', 'dst-tag'], 'dst-tag', ['dst_tag'], ['tag', 'tag-mask']],
  [['pps'], 'pps', ['dPkts', 'Last', 'First'], ['double']],
  [['bps'], 'bps', ['dOctets', 'Last', 'First'], ['double']],
  [['random-sample'], 'random-sample', [], ['rate']],
];

const BY_NAME: ReadonlyMap<string, MatchType> = new Map(
  TABLE.flatMap(([names, kind, fields, accepts]) => names.map((n) => [n, { kind, name: names[0]!, fields, accepts }] as const)),
);

/** All match type names, long and short. */
export const MATCH_NAMES: readonly string[] = [...BY_NAME.keys()];

/** The match type of a name (case-insensitive, as strcasecmp). */
export function matchType(name: string): MatchType | undefined {
  return BY_NAME.get(name.toLowerCase());
}
