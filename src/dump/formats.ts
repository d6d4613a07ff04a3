/**
 * flowdumper's flow formats, written into a TextBuf: the long "FLOW" block (printflow), the short
 * one-line format (-s, with ICMP names and TCP flag names), the old short format (-S) and the raw
 * cflowd record (-r). Output is byte-for-byte Cflow 1.053's except the TCP flag order, which is fixed.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { TextBuf } from '../util/textbuf.ts';
import { DumpClock, endMs, startMs } from './flow-time.ts';
import { icmpTypeCodeName, tcpFlagsText } from './names.ts';

export type DumpStyle = 'long' | 'short' | 'oldshort' | 'raw';

/**
 * The cflowd field-presence index Cflow reports for flow-tools input: router, addresses, ifIndexes,
 * ports, counters, nexthop, times, protocol, tos, ASes, masks, TCP flags, engine type and id
 * (0x7ffff | 0x400000 | 0x800000), the same for every export version it reads.
 */
export const CFLOWD_INDEX = 0xc7ffff;

/** Size of a -r raw record: the cflowd fields of CFLOWD_INDEX, big-endian. */
export const RAW_RECORD_SIZE = 55;

/** Export versions Cflow reads from flow-tools files; records of any other version are skipped. */
export function cflowReads(layout: Layout): boolean {
  const d = layout.dVersion;
  return d === 1 || d === 5 || d === 6 || d === 7;
}

export type Dumper = (v: RecordView, out: TextBuf) => void;

/** The formatter for `style`; each owns its clock cache. */
export function createDumper(style: DumpStyle): Dumper {
  const clock = new DumpClock();
  switch (style) {
    case 'long': return (v, out) => longFlow(v, out, clock);
    case 'short': return (v, out) => shortFlow(v, out, clock, true);
    case 'oldshort': return (v, out) => shortFlow(v, out, clock, false);
    case 'raw': return rawFlow;
  }
}

const LONG_LABELS = [
  'FLOW\n  index:          0x', '\n  router:         ', '\n  src IP:         ', '\n  dst IP:         ',
  '\n  input ifIndex:  ', '\n  output ifIndex: ', '\n  src port:       ', '\n  dst port:       ',
  '\n  pkts:           ', '\n  bytes:          ', '\n  IP nexthop:     ', '\n  start time:     ',
  '\n  end time:       ', '\n  protocol:       ', '\n  tos:            0x', '\n  src AS:         ',
  '\n  dst AS:         ', '\n  src masklen:    ', '\n  dst masklen:    ', '\n  TCP flags:      0x',
  '\n  engine type:    ', '\n  engine id:      ',
] as const;

function longFlow(v: RecordView, out: TextBuf, clock: DumpClock): void {
  const L = LONG_LABELS;
  const prot = v.prot;
  out.str(L[0]); out.hex(CFLOWD_INDEX);
  out.str(L[1]); out.ipv4(v.exaddr);
  out.str(L[2]); out.ipv4(v.srcaddr);
  out.str(L[3]); out.ipv4(v.dstaddr);
  out.str(L[4]); out.dec(v.input);
  out.str(L[5]); out.dec(v.output);
  out.str(L[6]); out.dec(v.srcport);
  const dport = v.dstport;
  out.str(L[7]); out.dec(dport);
  if (prot === 1) {
    const name = icmpTypeCodeName(dport >>> 8, dport & 0xff);
    if (name) { out.byte(32); out.str(name); }
  }
  out.str(L[8]); out.dec(v.dPkts);
  out.str(L[9]); out.dec(v.dOctets);
  out.str(L[10]); out.ipv4(v.nexthop);
  out.str(L[11]); clock.ctime(out, Math.floor(startMs(v) / 1000));
  out.str(L[12]); clock.ctime(out, Math.floor(endMs(v) / 1000));
  out.str(L[13]); out.dec(prot);
  out.str(L[14]); out.hex(v.tos);
  out.str(L[15]); out.dec(v.src_as);
  out.str(L[16]); out.dec(v.dst_as);
  out.str(L[17]); out.dec(v.src_mask);
  out.str(L[18]); out.dec(v.dst_mask);
  const flags = v.tcp_flags;
  out.str(L[19]); out.hex(flags);
  const names = tcpFlagsText(prot, flags);
  if (names) { out.byte(32); out.str(names); }
  out.str(L[20]); out.dec(v.engine_type);
  out.str(L[21]); out.dec(v.engine_id);
  out.byte(10);
}

/**
 * "%s %.15s.%hu -> %.15s.%hu %hu%s %u %u\n" with $localtime (the END time); ICMP flows drop the
 * ports and name the type/code (new format only).
 */
function shortFlow(v: RecordView, out: TextBuf, clock: DumpClock, fancy: boolean): void {
  const prot = v.prot;
  clock.ymdhms(out, Math.floor(endMs(v) / 1000));
  out.byte(32);
  out.ipv4(v.srcaddr);
  if (fancy && prot === 1) {
    out.str(' -> ');
    out.ipv4(v.dstaddr);
    const dport = v.dstport;
    out.str(' ICMP_');
    out.str(icmpTypeCodeName(dport >>> 8, dport & 0xff));
  } else {
    out.byte(46); out.dec(v.srcport);
    out.str(' -> ');
    out.ipv4(v.dstaddr);
    out.byte(46); out.dec(v.dstport);
    out.byte(32); out.dec(prot);
    if (fancy) out.str(tcpFlagsText(prot, v.tcp_flags));
  }
  out.byte(32); out.dec(v.dPkts);
  out.byte(32); out.dec(v.dOctets);
  out.byte(10);
}

/** The record as Cflow packs $raw for flow-tools input: cflowd fields, big-endian, whole seconds. */
function rawFlow(v: RecordView, out: TextBuf): void {
  out.ensure(RAW_RECORD_SIZE);
  const b = out.buf;
  let p = out.len;
  p = be32(b, p, CFLOWD_INDEX); p = be32(b, p, v.exaddr); p = be32(b, p, v.srcaddr); p = be32(b, p, v.dstaddr);
  p = be16(b, p, v.input); p = be16(b, p, v.output); p = be16(b, p, v.srcport); p = be16(b, p, v.dstport);
  p = be32(b, p, v.dPkts); p = be32(b, p, v.dOctets); p = be32(b, p, v.nexthop);
  p = be32(b, p, Math.floor(startMs(v) / 1000)); p = be32(b, p, Math.floor(endMs(v) / 1000));
  b[p++] = v.prot; b[p++] = v.tos;
  p = be16(b, p, v.src_as); p = be16(b, p, v.dst_as);
  b[p++] = v.src_mask; b[p++] = v.dst_mask; b[p++] = v.tcp_flags; b[p++] = v.engine_type; b[p++] = v.engine_id;
  out.len = p;
}

function be32(b: Uint8Array, p: number, x: number): number {
  b[p] = x >>> 24; b[p + 1] = (x >>> 16) & 255; b[p + 2] = (x >>> 8) & 255; b[p + 3] = x & 255;
  return p + 4;
}

function be16(b: Uint8Array, p: number, x: number): number {
  b[p] = (x >>> 8) & 255; b[p + 1] = x & 255;
  return p + 2;
}
