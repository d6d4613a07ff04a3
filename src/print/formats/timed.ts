/**
 * flow-print formats 5 (one 132-column line with start/end times, "steve's favorite") and 24 (the
 * machine-parsable line with dates, exporter, router_sc and AS numbers).
 */
import { decLeft, decRight, dec3, hex0, ipv4Left, spaces, symCol } from '../cfmt.ts';
import { realMs, Stamper } from '../stamp.ts';
import { BOGUS_FLOW, lines, type FormatContext, type FormatDef } from './types.ts';

/** 5: start, end, interfaces, addresses, ports, protocol, FIN/SYN/RST flags, packets, octets. */
export const format5: FormatDef = {
  need: [
    'dPkts', 'dOctets', 'First', 'Last', 'input', 'output', 'srcaddr', 'dstaddr', 'srcport', 'dstport',
    'unix_secs', 'unix_nsecs', 'sysUpTime', 'tcp_flags', 'prot',
  ],
  heading: () => 'Start             End               Sif   SrcIPaddress    SrcP  DIf   DstIPaddress    DstP    P Fl Pkts       Octets\n\n',
  build(ctx: FormatContext) {
    const start = new Stamper(ctx.clock, 'short');
    const end = new Stamper(ctx.clock, 'short');
    return lines((b, p, v) => {
      const sys = v.sysUpTime, s = v.unix_secs, ns = v.unix_nsecs;
      p = start.put(b, p, realMs(sys, s, ns, v.First)); b[p++] = 32;
      p = end.put(b, p, realMs(sys, s, ns, v.Last)); b[p++] = 32;
      // "%-5u %-15.15s %-5u %-5u %-15.15s %-5u %-3u %-2d %-10lu %-10lu\n"
      p = decLeft(b, p, v.input, 5); b[p++] = 32;
      p = ipv4Left(b, p, v.srcaddr, 15); b[p++] = 32;
      p = decLeft(b, p, v.srcport, 5); b[p++] = 32;
      p = decLeft(b, p, v.output, 5); b[p++] = 32;
      p = ipv4Left(b, p, v.dstaddr, 15); b[p++] = 32;
      p = decLeft(b, p, v.dstport, 5); b[p++] = 32;
      p = decLeft(b, p, v.prot, 3); b[p++] = 32;
      p = decLeft(b, p, v.tcp_flags & 7, 2); b[p++] = 32;
      p = decLeft(b, p, v.dPkts, 10); b[p++] = 32;
      p = decLeft(b, p, v.dOctets, 10); b[p++] = 10;
      return p;
    });
  },
};

/** 24: nearly every field on one line, dates in full. */
export const format24: FormatDef = {
  need: [
    'dPkts', 'dOctets', 'First', 'Last', 'input', 'output', 'srcaddr', 'dstaddr', 'srcport', 'dstport',
    'unix_secs', 'unix_nsecs', 'sysUpTime', 'exaddr', 'router_sc', 'tos', 'tcp_flags', 'prot', 'src_as', 'dst_as',
  ],
  heading: () =>
    '#Sif SrcIPaddress     DIf  DstIPaddress     Pr SrcP  DstP  Pkts       Octets       StartDate  StartTime     EndDate    EndTime       ExporterAddr    RouterSrc          Active B/Pk  Ts Fl  SrcAS DstAS\n\n',
  build(ctx: FormatContext) {
    const start = new Stamper(ctx.clock, 'long');
    const end = new Stamper(ctx.clock, 'long');
    const asn = ctx.symbols('asn.sym');
    return lines((b, p, v) => {
      const pkts = v.dPkts;
      if (pkts === 0) { ctx.warn(BOGUS_FLOW); return p; }
      // "%4.4x %-15.15s  %4.4x %-15.15s  %2.2x %-5u %-5u %-10lu %-10lu  "
      p = hex0(b, p, v.input, 4); b[p++] = 32;
      p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
      p = hex0(b, p, v.output, 4); b[p++] = 32;
      p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
      p = hex0(b, p, v.prot, 2); b[p++] = 32;
      p = decLeft(b, p, v.srcport, 5); b[p++] = 32;
      p = decLeft(b, p, v.dstport, 5); b[p++] = 32;
      p = decLeft(b, p, pkts, 10); b[p++] = 32;
      p = decLeft(b, p, v.dOctets, 10); p = spaces(b, p, 3);
      // " %-4.4d-%-2.2d-%-2.2d %-2.2d:%-2.2d:%-2.2d.%-3.3lu  " and the same for the end, then
      // "%-15.15s %-15.15s %5lu.%-3.3lu %-4lu  %2.2x %2.2x" and "  %-5.5s %-5.5s\n"
      const sys = v.sysUpTime, s = v.unix_secs, ns = v.unix_nsecs, first = v.First, last = v.Last;
      p = start.put(b, p, realMs(sys, s, ns, first)); p = spaces(b, p, 2);
      p = end.put(b, p, realMs(sys, s, ns, last)); p = spaces(b, p, 2);
      p = ipv4Left(b, p, v.exaddr, 15); b[p++] = 32;
      p = ipv4Left(b, p, v.router_sc, 15); b[p++] = 32;
      const active = (last - first) >>> 0;
      const secs = Math.floor(active / 1000);
      p = decRight(b, p, secs, 5); b[p++] = 46;
      p = dec3(b, p, active - secs * 1000); b[p++] = 32;
      p = decLeft(b, p, Math.floor(v.dOctets / pkts), 4); p = spaces(b, p, 2);
      p = hex0(b, p, v.tos, 2); b[p++] = 32;
      p = hex0(b, p, v.tcp_flags, 2); p = spaces(b, p, 2);
      p = symCol(b, p, asn, v.src_as, 18, 5); b[p++] = 32;
      p = symCol(b, p, asn, v.dst_as, 18, 5); b[p++] = 10;
      return p;
    });
  },
};
