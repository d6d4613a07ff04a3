/**
 * flow-print formats 10-14 and 18-23: the v8 router aggregations (AS, protocol/port, source,
 * destination and both prefixes), each with a ToS variant that adds a leading ToS column. Every line
 * ends with flows, octets, packets and duration in 12-wide columns.
 */
import type { FieldName } from '../../format/fields.ts';
import type { RecordView } from '../../format/record.ts';
import { decCol, prefixLeft, spaces, symCol } from '../cfmt.ts';
import { lines, type FormatContext, type FormatDef, type RecordFn, type Writer } from './types.ts';

const COUNTERS: readonly FieldName[] = ['dFlows', 'dPkts', 'dOctets', 'First', 'Last'];
const TAIL_HEAD = 'flows       octets      packets     duration\n';

/** "%-12.12s%-12.12s%-12.12s%-12.12s\n": flows, octets, packets, Last - First. */
function counters(b: Uint8Array, p: number, v: RecordView): number {
  p = decCol(b, p, v.dFlows, 12);
  p = decCol(b, p, v.dOctets, 12);
  p = decCol(b, p, v.dPkts, 12);
  p = decCol(b, p, (v.Last - v.First) >>> 0, 12);
  b[p++] = 10;
  return p;
}

/** The columns between the optional ToS column and the counters. */
type Middle = Writer;

/**
 * A format whose lines are [ToS  ]middle counters. `tosAtProt`: format 19 reads its ToS byte at the
 * protocol's offset (flow-tools does).
 */
function aggregate(ctx: FormatContext, tos: boolean, middle: Middle, tosAtProt = false): RecordFn {
  return lines((b, p, v) => {
    if (tos) { p = decCol(b, p, tosAtProt ? v.prot : v.tos, 3); p = spaces(b, p, 2); }
    p = middle(b, p, v);
    return counters(b, p, v);
  });
}

function def(
  need: readonly FieldName[], tos: boolean, head: (wide: boolean) => string,
  middle: (ctx: FormatContext) => Middle, tosAtProt = false,
): FormatDef {
  return {
    need: tos ? [...need, 'tos'] : need,
    heading: (wide) => `${tos ? 'ToS  ' : ''}${head(wide)}${TAIL_HEAD}`,
    build: (ctx) => aggregate(ctx, tos, middle(ctx), tosAtProt),
  };
}

// 10 / 18: "%-16.16s  %-16.16s  %-7.7s%-7.7s" (wide) or 5-wide AS columns
const asPair = (tos: boolean): FormatDef => def(
  [...COUNTERS, 'input', 'output', 'src_as', 'dst_as'], tos,
  (wide) => wide ? 'srcAS             dstAS             in     out    ' : 'srcAS  dstAS  in     out    ',
  (ctx) => {
    const asn = ctx.symbols('asn.sym');
    const w = ctx.wide ? 16 : 5;
    return (b, p, v) => {
      p = symCol(b, p, asn, v.src_as, 18, w); p = spaces(b, p, 2);
      p = symCol(b, p, asn, v.dst_as, 18, w); p = spaces(b, p, 2);
      p = decCol(b, p, v.input, 7);
      return decCol(b, p, v.output, 7);
    };
  });

// 11 / 19: "%-16.16s  %-16.16s  %-5.5s  " (wide) or 7-wide port columns
const protoPort = (tos: boolean): FormatDef => def(
  [...COUNTERS, 'srcport', 'dstport', 'prot'], tos,
  (wide) => wide ? 'srcPort           dstPort           prot   ' : 'srcPort  dstPort  prot   ',
  (ctx) => {
    const tcp = ctx.symbols('tcp-port.sym');
    const prot = ctx.symbols('ip-prot.sym');
    const w = ctx.wide ? 16 : 7;
    return (b, p, v) => {
      p = symCol(b, p, tcp, v.srcport, 16, w); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.dstport, 16, w); p = spaces(b, p, 2);
      p = symCol(b, p, prot, v.prot, 5, 5);
      return spaces(b, p, 2);
    };
  }, tos);

// 12 / 20 (source) and 13 / 21 (destination): "%-18.18s  %-16.16s  %-7.7s" (AS 5-wide unless -w)
const onePrefix = (dst: boolean, tos: boolean): FormatDef => def(
  [...COUNTERS, ...(dst ? ['output', 'dstaddr', 'dst_mask', 'dst_as'] as const : ['input', 'srcaddr', 'src_mask', 'src_as'] as const)],
  tos,
  (wide) => {
    const s = dst ? 'dst' : 'src';
    // format 20 keeps "srcPrefix" in its narrow heading; 12, 13 and 21 say "src/mask", "dst/mask"
    const name = wide || (tos && !dst) ? `${s}Prefix` : `${s}/mask`;
    return `${name.padEnd(20)}${`${s}AS`.padEnd(wide ? 18 : 7)}input  `;
  },
  (ctx) => {
    const asn = ctx.symbols('asn.sym');
    const w = ctx.wide ? 16 : 5;
    return dst
      ? (b, p, v) => {
        p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.dst_as, 18, w); p = spaces(b, p, 2);
        return decCol(b, p, v.output, 7);
      }
      : (b, p, v) => {
        p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
        p = symCol(b, p, asn, v.src_as, 18, w); p = spaces(b, p, 2);
        return decCol(b, p, v.input, 7);
      };
  });

const PREFIX_PAIR: readonly FieldName[] = [
  ...COUNTERS, 'input', 'output', 'srcaddr', 'dstaddr', 'src_mask', 'dst_mask', 'src_as', 'dst_as',
];
const prefixPairHead = (wide: boolean): string => wide
  ? 'srcPrefix           srcAS             dstPrefix           dstAS             input  output '
  : 'srcPrefix           srcAS  dstPrefix           dstAS  input  output ';

// 14: "%-18.18s  %-16.16s  %-18.18s  %-16.16s  %-7.7s%-7.7s" (AS 5-wide unless -w)
const format14: FormatDef = def(PREFIX_PAIR, false, prefixPairHead, (ctx) => {
  const asn = ctx.symbols('asn.sym');
  const w = ctx.wide ? 16 : 5;
  return (b, p, v) => {
    p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
    p = symCol(b, p, asn, v.src_as, 18, w); p = spaces(b, p, 2);
    p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); p = spaces(b, p, 2);
    p = symCol(b, p, asn, v.dst_as, 18, w); p = spaces(b, p, 2);
    p = decCol(b, p, v.input, 7);
    return decCol(b, p, v.output, 7);
  };
});

// 22: the heading of 14, but flow-tools prints srcPrefix, dstPrefix, srcAS, dstAS into those
// columns, so the destination prefix is cut to the AS column's width.
const format22: FormatDef = def(PREFIX_PAIR, true, prefixPairHead, (ctx) => {
  const asn = ctx.symbols('asn.sym');
  const w = ctx.wide ? 16 : 5;
  return (b, p, v) => {
    p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
    const start = p;
    p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18);
    p = spaces(b, Math.min(p, start + w), 2);
    p = symCol(b, p, asn, v.src_as, 18, 18); p = spaces(b, p, 2);
    p = symCol(b, p, asn, v.dst_as, 18, w); p = spaces(b, p, 2);
    p = decCol(b, p, v.input, 7);
    return decCol(b, p, v.output, 7);
  };
});

// 23: "%-18.18s  %-18.18s  %-5.5s  %-16.16s  %-16.16s  %-7.7s%-7.7s" (narrow: 3 and 5 wide)
const format23: FormatDef = def(
  [...COUNTERS, 'input', 'output', 'srcaddr', 'dstaddr', 'src_mask', 'dst_mask', 'srcport', 'dstport', 'prot'], true,
  (wide) => wide
    ? 'srcPrefix           dstPrefix           Pr     SrcP              DstP              input  output '
    : 'srcPrefix           dstPrefix           Pr   SrcP   DstP    input  output ',
  (ctx) => {
    const tcp = ctx.symbols('tcp-port.sym');
    const prot = ctx.symbols('ip-prot.sym');
    const wp = ctx.wide ? 5 : 3;
    const wport = ctx.wide ? 16 : 5;
    return (b, p, v) => {
      p = prefixLeft(b, p, v.srcaddr, v.src_mask, 18); p = spaces(b, p, 2);
      p = prefixLeft(b, p, v.dstaddr, v.dst_mask, 18); p = spaces(b, p, 2);
      p = symCol(b, p, prot, v.prot, 5, wp); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.srcport, 16, wport); p = spaces(b, p, 2);
      p = symCol(b, p, tcp, v.dstport, 16, wport); p = spaces(b, p, 2);
      p = decCol(b, p, v.input, 7);
      return decCol(b, p, v.output, 7);
    };
  });

/** Formats 10-14 and 18-23 by number. */
export const AGGREGATE_FORMATS: ReadonlyMap<number, FormatDef> = new Map([
  [10, asPair(false)], [11, protoPort(false)], [12, onePrefix(false, false)], [13, onePrefix(true, false)],
  [14, format14],
  [18, asPair(true)], [19, protoPort(true)], [20, onePrefix(false, true)], [21, onePrefix(true, true)],
  [22, format22], [23, format23],
]);
