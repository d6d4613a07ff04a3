/**
 * How each Cflow flow variable reads from a record of a given layout, as JS source for the code
 * generator: direct DataView reads with the offsets baked in for plain fields, runtime calls for the
 * derived ones. A field the layout lacks reads as undef (Cflow: AS numbers and masks of NetFlow v1).
 */
import type { FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import { readerSource } from '../format/record.ts';
import { CFLOWD_INDEX } from '../dump/formats.ts';

/** A generated value: its source text and what the generator knows about it. */
export interface Gen {
  code: string;
  /** num/str/bool: always that kind; undef: always undef; any: decided at run time */
  t: 'num' | 'str' | 'bool' | 'undef' | 'any';
  /** a number that is always a safe integer (stringifies canonically) */
  int?: boolean;
  /** an integer in [0, 2^32) (32-bit bitwise operators are exact) */
  u32?: boolean;
}

const UNDEF: Gen = { code: 'undefined', t: 'undef' };

/** Source reading flow variable `name` from the record at (dv, p, le); R is the runtime, v the view. */
export function flowVarSource(name: string, layout: Layout | null): Gen {
  if (name === 'index' || name === 'Cflow::index') return { code: String(CFLOWD_INDEX), t: 'num', int: true, u32: true };
  if (!layout) return UNDEF;
  const has = (f: FieldName): boolean => layout.offsets[f] >= 0;
  const rd = (f: FieldName): string => readerSource(layout, f, 'dv', 'p', 'le');
  const field = (f: FieldName): Gen => (has(f) ? { code: rd(f), t: 'num', int: true, u32: true } : UNDEF);
  const dotted = (f: FieldName): Gen => (has(f) ? { code: `R.ip(${rd(f)})`, t: 'str' } : UNDEF);
  const timed = has('First') && has('Last') && has('unix_secs');
  const time = (code: string, t: Gen['t'] = 'num', int = t === 'num'): Gen => (timed ? { code, t, int, u32: false } : UNDEF);
  const icmp = (code: string): Gen => (has('prot') && has('dstport') ? { code: `(${rd('prot')} === 1 ? ${code} : undefined)`, t: 'any' } : UNDEF);
  switch (name) {
    case 'unix_secs': return field('unix_secs');
    case 'exporter': return field('exaddr');
    case 'exporterip': return dotted('exaddr');
    case 'srcaddr': return field('srcaddr');
    case 'srcip': return dotted('srcaddr');
    case 'dstaddr': return field('dstaddr');
    case 'dstip': return dotted('dstaddr');
    case 'nexthop': return field('nexthop');
    case 'nexthopip': return dotted('nexthop');
    case 'input_if': return field('input');
    case 'output_if': return field('output');
    case 'srcport': return field('srcport');
    case 'dstport': return field('dstport');
    case 'ICMPType': return icmp(`(${rd('dstport')} >>> 8)`);
    case 'ICMPCode': return icmp(`(${rd('dstport')} & 255)`);
    case 'ICMPTypeCode':
      return has('prot') && has('dstport') ? { code: `(${rd('prot')} === 1 ? R.icmpName(${rd('dstport')}) : "")`, t: 'str' } : { code: '""', t: 'str' };
    case 'pkts': return field('dPkts');
    case 'bytes': return field('dOctets');
    case 'startime': return time('Math.floor(R.startMs(v) / 1000)');
    case 'start_msecs': return time('(R.startMs(v) % 1000)');
    case 'endtime': return time('Math.floor(R.endMs(v) / 1000)');
    case 'end_msecs': return time('(R.endMs(v) % 1000)');
    case 'duration_secs': return time('R.durSecs(v)');
    case 'duration_msecs': return time('R.durMsecs(v)');
    case 'protocol': return field('prot');
    case 'tos': return field('tos');
    case 'tcp_flags': return field('tcp_flags');
    case 'TCPFlags':
      return has('prot') && has('tcp_flags') ? { code: `R.tcpFlags(${rd('prot')}, ${rd('tcp_flags')})`, t: 'str' } : { code: '""', t: 'str' };
    case 'src_as': return field('src_as');
    case 'dst_as': return field('dst_as');
    case 'src_mask': return field('src_mask');
    case 'dst_mask': return field('dst_mask');
    case 'engine_type': return field('engine_type');
    case 'engine_id': return field('engine_id');
    case 'localtime': return time('R.localtime(v)', 'str');
    case 'Bps': return time('R.Bps(v)', 'num', false);
    case 'pps': return time('R.pps(v)', 'num', false);
    case 'raw': case 'reraw': return { code: 'R.raw(v)', t: 'str' };
    default: throw new Error(`no flow variable $${name}`);
  }
}
