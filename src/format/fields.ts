/**
 * The flow record fields, named exactly as flow-tools names them, with their width in bytes and their
 * FT_XFIELD_* bit. Every other module (decoder, printers, reports, filters, expressions) refers to
 * fields by these names.
 */

export const FIELD_DEFS = {
  unix_secs: { size: 4, xbit: 0 },
  unix_nsecs: { size: 4, xbit: 1 },
  sysUpTime: { size: 4, xbit: 2 },
  exaddr: { size: 4, xbit: 3 },
  dFlows: { size: 4, xbit: 4 },
  dPkts: { size: 4, xbit: 5 },
  dOctets: { size: 4, xbit: 6 },
  First: { size: 4, xbit: 7 },
  Last: { size: 4, xbit: 8 },
  engine_type: { size: 1, xbit: 9 },
  engine_id: { size: 1, xbit: 10 },
  srcaddr: { size: 4, xbit: 12 },
  dstaddr: { size: 4, xbit: 13 },
  nexthop: { size: 4, xbit: 16 },
  input: { size: 2, xbit: 17 },
  output: { size: 2, xbit: 18 },
  srcport: { size: 2, xbit: 19 },
  dstport: { size: 2, xbit: 20 },
  prot: { size: 1, xbit: 21 },
  tos: { size: 1, xbit: 22 },
  tcp_flags: { size: 1, xbit: 23 },
  src_mask: { size: 1, xbit: 24 },
  dst_mask: { size: 1, xbit: 25 },
  src_as: { size: 2, xbit: 26 },
  dst_as: { size: 2, xbit: 27 },
  in_encaps: { size: 1, xbit: 28 },
  out_encaps: { size: 1, xbit: 29 },
  peer_nexthop: { size: 4, xbit: 30 },
  router_sc: { size: 4, xbit: 31 },
  extra_pkts: { size: 4, xbit: 32 },
  marked_tos: { size: 1, xbit: 33 },
  src_tag: { size: 4, xbit: 34 },
  dst_tag: { size: 4, xbit: 35 },
} as const satisfies Record<string, { size: 1 | 2 | 4; xbit: number }>;

export type FieldName = keyof typeof FIELD_DEFS;

export const FIELD_NAMES = Object.keys(FIELD_DEFS) as FieldName[];

/** The FT_XFIELD_* value of a set of fields, as a bigint (the masks reach bit 35). */
export function xfieldMask(fields: Iterable<FieldName>): bigint {
  let m = 0n;
  for (const f of fields) m |= 1n << BigInt(FIELD_DEFS[f].xbit);
  return m;
}
