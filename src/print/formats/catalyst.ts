/**
 * flow-print formats 15, 16 and 17: the Catalyst v8 aggregations (destination, source-destination,
 * full flow) with router_sc, ToS, marked ToS and extra packets.
 */
import type { RecordView } from '../../format/record.ts';
import { decCol, ipv4Left, spaces, symCol } from '../cfmt.ts';
import { lines, type FormatContext, type FormatDef } from './types.ts';

/** "%-3.3s  %-3.3s  %-10.10s  %-10.10s  %-10.10s\n": ToS, marked ToS, extra packets, octets, packets. */
function tail(b: Uint8Array, p: number, v: RecordView): number {
  p = decCol(b, p, v.tos, 3); p = spaces(b, p, 2);
  p = decCol(b, p, v.marked_tos, 3); p = spaces(b, p, 2);
  p = decCol(b, p, v.extra_pkts, 10); p = spaces(b, p, 2);
  p = decCol(b, p, v.dOctets, 10); p = spaces(b, p, 2);
  p = decCol(b, p, v.dPkts, 10); b[p++] = 10;
  return p;
}

/** "%-15.15s  %-15.15s  %-15.15s  %-5.5s  %-5.5s  ": source, destination, router_sc, interfaces. */
function pair(b: Uint8Array, p: number, v: RecordView): number {
  p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
  p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
  p = ipv4Left(b, p, v.router_sc, 15); p = spaces(b, p, 2);
  p = decCol(b, p, v.input, 5); p = spaces(b, p, 2);
  p = decCol(b, p, v.output, 5);
  return spaces(b, p, 2);
}

/** 15: destination, router_sc, output interface. */
export const format15: FormatDef = {
  need: ['dPkts', 'dOctets', 'dstaddr', 'output', 'router_sc', 'extra_pkts', 'tos', 'marked_tos'],
  heading: () => 'dstIP            router_sc        Dif    ToS  mToS xpackets    octets      packets\n',
  build: () => lines((b, p, v) => {
    p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
    p = ipv4Left(b, p, v.router_sc, 15); p = spaces(b, p, 2);
    p = decCol(b, p, v.output, 5); p = spaces(b, p, 2);
    return tail(b, p, v);
  }),
};

/** 16: source, destination, router_sc, both interfaces. */
export const format16: FormatDef = {
  need: ['dPkts', 'dOctets', 'dstaddr', 'srcaddr', 'output', 'input', 'router_sc', 'extra_pkts', 'tos', 'marked_tos'],
  heading: () => 'srcIP            dstIP            router_sc        Sif    Dif    ToS  mToS xpackets    octets      packets\n',
  build: () => lines((b, p, v) => tail(b, pair(b, p, v), v)),
};

/** 17: 16 plus ports and protocol (names cut to 4 and 3 characters with -n). */
export const format17: FormatDef = {
  need: [
    'dPkts', 'dOctets', 'dstaddr', 'srcaddr', 'output', 'input', 'router_sc', 'extra_pkts', 'srcport', 'dstport',
    'prot', 'tos', 'marked_tos',
  ],
  heading: () =>
    'srcIP            dstIP            router_sc        Sif    Dif    SrcP   DstP   prot ToS  mToS xpackets    octets      packets\n',
  build(ctx: FormatContext) {
    const tcp = ctx.symbols('tcp-port.sym');
    const prot = ctx.symbols('ip-prot.sym');
    return lines((b, p, v) => {
      p = pair(b, p, v);
      p = symCol(b, p, tcp, v.srcport, 5, 5); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.dstport, 5, 5); p = spaces(b, p, 2);
      p = symCol(b, p, prot, v.prot, 5, 3); p = spaces(b, p, 2);
      return tail(b, p, v);
    });
  },
};
