/**
 * flow-print formats 3, 4, 7, 8 and 9: one line per flow with protocol and ports (3, 7, 8), AS
 * numbers (4) or tags (9), names from the symbol tables with -n.
 */
import type { RecordView } from '../../format/record.ts';
import { cutTo, decLeft, hex0, ipv4Left, prefixLeft, spaces, symCol, text } from '../cfmt.ts';
import type { SymbolTable } from '../symbols.ts';
import { lines, type FormatContext, type FormatDef } from './types.ts';

/** "%-10lu  %-10lu\n": octets, packets (every line here ends so). */
function octetsPackets(b: Uint8Array, p: number, v: RecordView): number {
  p = decLeft(b, p, v.dOctets, 10); p = spaces(b, p, 2);
  p = decLeft(b, p, v.dPkts, 10);
  b[p] = 10;
  return p + 1;
}

/** 3: addresses, protocol, ports, octets, packets (the default for v1 and v5). */
export const format3: FormatDef = {
  need: ['dPkts', 'dOctets', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'prot'],
  heading: (wide) => wide
    ? 'srcIP            dstIP            prot   srcPort           dstPort           octets      packets\n'
    : 'srcIP            dstIP            prot  srcPort  dstPort  octets      packets\n',
  build(ctx: FormatContext) {
    const tcp = ctx.symbols('tcp-port.sym');
    const prot = ctx.symbols('ip-prot.sym');
    const wp = ctx.wide ? 5 : 4;
    const wport = ctx.wide ? 16 : 7;
    return lines((b, p, v) => {
      p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
      p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
      p = symCol(b, p, prot, v.prot, 5, wp); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.srcport, 16, wport); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.dstport, 16, wport); p = spaces(b, p, 2);
      return octetsPackets(b, p, v);
    });
  },
};

/** 4: prefixes, protocol, AS numbers (-w adds the interfaces). */
export const format4: FormatDef = {
  need: ['dPkts', 'dOctets', 'input', 'output', 'srcaddr', 'dstaddr', 'src_as', 'dst_as', 'prot', 'src_mask', 'dst_mask'],
  heading: (wide) => wide
    ? 'Sif  Dif  srcIP               dstIP               prot   srcAS             dstAS             octets      packets\n'
    : 'srcIP              dstIP              prot  srcAS  dstAS  octets      packets\n',
  build(ctx: FormatContext) {
    const prot = ctx.symbols('ip-prot.sym');
    const asn = ctx.symbols('asn.sym');
    const wide = ctx.wide;
    return lines((b, p, v) => {
      if (wide) {
        // "%4.4x %4.4x %-18.18s  %-18.18s  %-5.5s  %-16.16s  %-16.16s  %-10lu  %-10lu\n"
        p = hex0(b, p, v.input, 4); b[p++] = 32;
        p = hex0(b, p, v.output, 4); b[p++] = 32;
        p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
        p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); p = spaces(b, p, 2);
        p = symCol(b, p, prot, v.prot, 5, 5); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.src_as, 18, 16); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.dst_as, 18, 16); p = spaces(b, p, 2);
      } else {
        // "%-18.18s %-18.18s %-4.4s  %-5.5s  %-5.5s  %-10lu  %-10lu\n"
        p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); b[p++] = 32;
        p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); b[p++] = 32;
        p = symCol(b, p, prot, v.prot, 5, 4); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.src_as, 18, 5); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.dst_as, 18, 5); p = spaces(b, p, 2);
      }
      return octetsPackets(b, p, v);
    });
  },
};

const HEAD_7 = 'srcIP               dstIP               router_sc        prot   srcPort         dstPort         octets      packets\n';
const HEAD_8 = 'srcIP               dstIP               peer_nexthop     encap i/o  prot   srcPort         dstPort         octets      packets\n';

/** 7 (v7) and 8 (v6): prefixes, router_sc or peer_nexthop (+ encapsulation sizes), ports. */
function prefixPorts(encaps: boolean): FormatDef['build'] {
  return (ctx: FormatContext) => {
    const tcp = ctx.symbols('tcp-port.sym');
    const prot = ctx.symbols('ip-prot.sym');
    return lines((b, p, v) => {
      // "%-18.18s  %-18.18s  %-15.15s  [%-4d %-4d  ]%-5.5s  %-14.14s  %-14.14s  %-10lu  %-10lu\n"
      p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
      p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); p = spaces(b, p, 2);
      p = ipv4Left(b, p, encaps ? v.peer_nexthop : v.router_sc, 15); p = spaces(b, p, 2);
      if (encaps) {
        p = decLeft(b, p, v.in_encaps, 4); b[p++] = 32;
        p = decLeft(b, p, v.out_encaps, 4); p = spaces(b, p, 2);
      }
      p = symCol(b, p, prot, v.prot, 5, 5); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.srcport, 16, 14); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.dstport, 16, 14); p = spaces(b, p, 2);
      return octetsPackets(b, p, v);
    });
  };
}

export const format7: FormatDef = {
  need: ['dPkts', 'dOctets', 'prot', 'srcaddr', 'dstaddr', 'src_mask', 'dst_mask', 'router_sc', 'srcport', 'dstport'],
  heading: () => HEAD_7,
  build: prefixPorts(false),
};

export const format8: FormatDef = {
  need: [
    'dPkts', 'dOctets', 'prot', 'srcaddr', 'dstaddr', 'src_mask', 'dst_mask', 'peer_nexthop', 'srcport', 'dstport',
    'in_encaps', 'out_encaps',
  ],
  heading: () => HEAD_8,
  build: prefixPorts(true),
};

/** "0x%-8.8lx" cut/padded to w, or the tag's name with -n. */
function tagCol(b: Uint8Array, p: number, names: SymbolTable | null, tag: number, w: number): number {
  const s = names?.get(tag);
  if (s !== undefined) return text(b, p, s, s.length, w);
  const start = p;
  b[p++] = 48; b[p++] = 120;
  p = hex0(b, p, tag, 8);
  return cutTo(b, p, start, w);
}

/** 9: source and destination tags (v1005), addresses, octets, packets. */
export const format9: FormatDef = {
  need: ['dPkts', 'dOctets', 'srcaddr', 'dstaddr', 'src_tag', 'dst_tag', 'prot'],
  heading: (wide) => wide
    ? 'srcTag             dstTag             srcIP            dstIP            octets      packets\n'
    : 'srcTag      dstTag      srcIP            dstIP            octets      packets\n',
  build(ctx: FormatContext) {
    const tags = ctx.symbols('tag.sym');
    const wt = ctx.wide ? 15 : 10;
    return lines((b, p, v) => {
      p = tagCol(b, p, tags, v.src_tag, wt); p = spaces(b, p, 2);
      p = tagCol(b, p, tags, v.dst_tag, wt); p = spaces(b, p, 2);
      p = ipv4Left(b, p, v.srcaddr, 15); p = spaces(b, p, 2);
      p = ipv4Left(b, p, v.dstaddr, 15); p = spaces(b, p, 2);
      return octetsPackets(b, p, v);
    });
  },
};
