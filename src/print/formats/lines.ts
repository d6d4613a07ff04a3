/**
 * flow-print formats 0, 1, 2 and 6: the hex-interface one- and two-line summaries, the TCP SYN
 * candidate filter, and the "show ip accounting" emulation.
 */
import type { RecordView } from '../../format/record.ts';
import { decLeft, decRight, dec3, hex0, hexLeft, ipv4Left, spaces } from '../cfmt.ts';
import { realMs, Stamper } from '../stamp.ts';
import { BOGUS_FLOW, lines, type FormatContext, type FormatDef, type Writer } from './types.ts';

const TIMED = [
  'dPkts', 'dOctets', 'First', 'Last', 'input', 'output', 'srcaddr', 'dstaddr', 'srcport', 'dstport',
  'unix_secs', 'unix_nsecs', 'sysUpTime', 'tos', 'tcp_flags', 'prot',
] as const;

const TIMING_HEADING = ' StartTime          EndTime             Active   B/Pk Ts Fl\n\n';

/** "%4.4x %-15.15s  %4.4x %-15.15s   %2.2x %-4x %-4x  %-10lu %-10lu\n" */
const summary: Writer = (b, p, v) => {
  p = hex0(b, p, v.input, 4); b[p++] = 32;
  p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
  p = hex0(b, p, v.output, 4); b[p++] = 32;
  p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 3);
  p = hex0(b, p, v.prot, 2); b[p++] = 32;
  p = hexLeft(b, p, v.srcport, 4); b[p++] = 32;
  p = hexLeft(b, p, v.dstport, 4); p = spaces(b, p, 2);
  p = decLeft(b, p, v.dPkts, 10); b[p++] = 32;
  p = decLeft(b, p, v.dOctets, 10); b[p++] = 10;
  return p;
};

/** "%2.2x  %-15.15s  %2.2x  %-15.15s %2.2x %-4x %-4x %-10lu %-10lu\n" (format 2's first line) */
const narrowSummary: Writer = (b, p, v) => {
  p = hex0(b, p, v.input, 2); p = spaces(b, p, 2);
  p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
  p = hex0(b, p, v.output, 2); p = spaces(b, p, 2);
  p = ipv4Left(b, p, v.dstaddr, 15); b[p++] = 32;
  p = hex0(b, p, v.prot, 2); b[p++] = 32;
  p = hexLeft(b, p, v.srcport, 4); b[p++] = 32;
  p = hexLeft(b, p, v.dstport, 4); b[p++] = 32;
  p = decLeft(b, p, v.dPkts, 10); b[p++] = 32;
  p = decLeft(b, p, v.dOctets, 10); b[p++] = 10;
  return p;
};

/**
 * Formats 1 and 2: a first line, then start, end, active time, bytes per packet, ToS and flags, and
 * a blank line. Records without packets are skipped with a warning; `keep` selects the others.
 */
function twoLines(ctx: FormatContext, first: Writer, keep: (v: RecordView) => boolean) {
  const start = new Stamper(ctx.clock, 'short');
  const end = new Stamper(ctx.clock, 'short');
  return lines((b, p, v) => {
    if (v.dPkts === 0) { ctx.warn(BOGUS_FLOW); return p; }
    if (!keep(v)) return p;
    p = first(b, p, v);
    const sys = v.sysUpTime, s = v.unix_secs, ns = v.unix_nsecs, firstMs = v.First, last = v.Last;
    b[p++] = 32;
    p = start.put(b, p, realMs(sys, s, ns, firstMs)); p = spaces(b, p, 2);
    p = end.put(b, p, realMs(sys, s, ns, last)); p = spaces(b, p, 2);
    // "%5lu.%-3.3lu %-3lu %2.2x %2.2x\n\n"
    const active = (last - firstMs) >>> 0;
    const secs = Math.floor(active / 1000);
    p = decRight(b, p, secs, 5); b[p++] = 46;
    p = dec3(b, p, active - secs * 1000); b[p++] = 32;
    p = decLeft(b, p, Math.floor(v.dOctets / v.dPkts), 3); b[p++] = 32;
    p = hex0(b, p, v.tos, 2); b[p++] = 32;
    p = hex0(b, p, v.tcp_flags, 2);
    b[p++] = 10; b[p++] = 10;
    return p;
  });
}

/** 0: one line, interfaces and ports in hex. */
export const format0: FormatDef = {
  need: ['dPkts', 'dOctets', 'input', 'output', 'prot', 'srcaddr', 'dstaddr', 'srcport', 'dstport'],
  heading: () => 'Sif  SrcIPaddress     Dif  DstIPaddress      Pr SrcP DstP  Pkts       Octets\n',
  build: () => lines(summary),
};

/** 1: two lines, the second with times, active time, bytes per packet, ToS and flags. */
export const format1: FormatDef = {
  need: TIMED,
  heading: () => `Sif  SrcIPaddress     DIf  DstIPaddress      Pr SrcP DstP  Pkts  Octets\n${TIMING_HEADING}`,
  build: (ctx) => twoLines(ctx, summary, () => true),
};

/** 2: like 1, only TCP flows of two 40-byte packets with only SYN set (scan candidates). */
export const format2: FormatDef = {
  need: TIMED,
  heading: () => `Sif SrcIPaddress     DIf DstIPaddress    Pr SrcP DstP Pkts       Octets\n${TIMING_HEADING}`,
  build: (ctx) => twoLines(ctx, narrowSummary, (v) => {
    const pkts = v.dPkts;
    return v.prot === 6 && v.tcp_flags === 2 && pkts === 2 && v.dOctets === Math.imul(pkts, 40) >>> 0;
  }),
};

/** 6: "show ip accounting": source, destination, packets, bytes. */
export const format6: FormatDef = {
  need: ['dPkts', 'dOctets', 'srcaddr', 'dstaddr'],
  heading: () => '   Source           Destination              Packets               Bytes\n',
  // " %-15.15s  %-15.15s  %17lu  %18lu\n"
  build: () => lines((b, p, v) => {
    b[p++] = 32;
    p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
    p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
    p = decRight(b, p, v.dPkts, 17); p = spaces(b, p, 2);
    p = decRight(b, p, v.dOctets, 18); b[p++] = 10;
    return p;
  }),
};
