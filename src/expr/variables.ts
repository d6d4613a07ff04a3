/**
 * The names an expression can read besides its own variables: Cflow's flow variables (with their
 * value types) and the $TH_* / $ICMP_* constants, plus the "did you mean" helper used by the
 * checker. How each flow variable is read from a record is in flow-vars.ts.
 */
import { ICMP_CODE_CONSTANTS, ICMP_TYPE_CONSTANTS, TCP_FLAG_CONSTANTS } from '../dump/names.ts';

export interface FlowVarDef {
  /** Perl value kind: a number, or a string ($srcip, $localtime, $TCPFlags ...) */
  type: 'num' | 'str';
  /** always an integer (string comparison may use number equality) */
  int: boolean;
  doc: string;
}

const num = (doc: string): FlowVarDef => ({ type: 'num', int: true, doc });
const str = (doc: string): FlowVarDef => ({ type: 'str', int: false, doc });

/** Cflow 1.053's flow variables (Cflow.pm :flowvars), plus $index / $Cflow::index. */
export const FLOW_VARS: ReadonlyMap<string, FlowVarDef> = new Map([
  ['unix_secs', num('export time of the record, epoch seconds')],
  ['exporter', num('exporter (router) address as an integer')],
  ['exporterip', str('exporter (router) address, dotted quad')],
  ['srcaddr', num('source address as an integer')],
  ['srcip', str('source address, dotted quad')],
  ['dstaddr', num('destination address as an integer')],
  ['dstip', str('destination address, dotted quad')],
  ['nexthop', num('next hop as an integer')],
  ['nexthopip', str('next hop, dotted quad')],
  ['input_if', num('input ifIndex')],
  ['output_if', num('output ifIndex')],
  ['srcport', num('source port')],
  ['dstport', num('destination port (ICMP: type * 256 + code)')],
  ['ICMPType', num('ICMP type (high byte of $dstport), undef unless ICMP')],
  ['ICMPCode', num('ICMP code (low byte of $dstport), undef unless ICMP')],
  ['ICMPTypeCode', str('ICMP type/code name such as ECHO or PORT_UNREACH, "" unless ICMP')],
  ['pkts', num('packets')],
  ['bytes', num('bytes (octets)')],
  ['startime', num('flow start, epoch seconds')],
  ['start_msecs', num('milliseconds part of the start')],
  ['endtime', num('flow end, epoch seconds')],
  ['end_msecs', num('milliseconds part of the end')],
  ['duration_secs', num('whole seconds of the duration')],
  ['duration_msecs', num('milliseconds part of the duration')],
  ['protocol', num('IP protocol number')],
  ['tos', num('type of service byte')],
  ['tcp_flags', num('cumulative TCP flags')],
  ['TCPFlags', str('TCP flag names such as "(SYN|ACK)", "" unless TCP with flags')],
  ['src_as', num('source AS, undef for NetFlow v1')],
  ['dst_as', num('destination AS, undef for NetFlow v1')],
  ['src_mask', num('source prefix length, undef for NetFlow v1')],
  ['dst_mask', num('destination prefix length, undef for NetFlow v1')],
  ['engine_type', num('engine type, undef for NetFlow v1')],
  ['engine_id', num('engine id, undef for NetFlow v1')],
  ['localtime', str('END time as "YYYY/MM/DD HH:MM:SS" local time (Cflow 1.053 quirk)')],
  ['Bps', { type: 'num', int: false, doc: 'bytes per second: $bytes / "secs.msecs" of the duration (Cflow quirk)' }],
  ['pps', { type: 'num', int: false, doc: 'packets per second, same divisor as $Bps' }],
  ['raw', str('the record packed in cflowd format (55 bytes)')],
  ['reraw', str('the record re-packed from the variables (55 bytes)')],
  ['index', num('cflowd field-presence index (0xc7ffff)')],
  ['Cflow::index', num('same as $index')],
]);

/** $TH_SYN, $ICMP_ECHO, $ICMP_PORT_UNREACH ... */
export const CONSTANTS: ReadonlyMap<string, number> = new Map(Object.entries({
  ...TCP_FLAG_CONSTANTS, ...ICMP_TYPE_CONSTANTS, ...ICMP_CODE_CONSTANTS,
}));

/** Edit distance (insert/delete/substitute/transpose) between two names, case-insensitive. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** The closest of `candidates` to `name`, if it is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) { bestD = d; best = c; }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  return bestD <= limit ? best : undefined;
}

/** Every name an expression may read without assigning it first. */
export function knownNames(): string[] {
  return [...FLOW_VARS.keys(), ...CONSTANTS.keys()];
}
