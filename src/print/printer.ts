/**
 * flow-print's record formatters: createPrinter() returns, for a format number and a record layout,
 * the heading flow-print prints once and a function that appends one record's text.
 * (Seed version: format 5 only; the full table of formats 0-24 replaces it.)
 */
import { hasFields, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import { LocalClock, newTm } from '../util/localtime.ts';
import { ftltimeMs } from '../util/fttime.ts';
import { TextBuf } from '../util/textbuf.ts';
import type { PrintSpec } from './spec.ts';

export interface Printer {
  heading: string;
  record(v: RecordView, out: TextBuf): void;
}

export const MISSING_FIELD = 'Flow record missing required field for format.';

/** The format flow-print uses when -f is not given (by export version / v8 aggregation). */
export function defaultFormat(layout: Layout): number {
  if (layout.dVersion === 8) return 9 + layout.aggMethod;
  if (layout.dVersion === 7) return 7;
  if (layout.dVersion === 6) return 8;
  if (layout.dVersion === 1005) return 9;
  return 3;
}

export function createPrinter(spec: PrintSpec, layout: Layout, _warn: (line: string) => void): Printer | { error: string } {
  if (spec.format !== 5) return { error: `format ${spec.format} is not implemented yet` };
  const need = ['dPkts', 'dOctets', 'First', 'Last', 'input', 'output', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'prot', 'tcp_flags', 'unix_secs', 'unix_nsecs', 'sysUpTime'] as const;
  if (!hasFields(layout, need)) return { error: MISSING_FIELD };
  const clock = new LocalClock();
  const tm = newTm();
  const stamp = (out: TextBuf, ms: number): void => {
    const secs = Math.floor(ms / 1000);
    clock.fill(secs, tm);
    out.dec0(tm.mon + 1, 2); out.dec0(tm.mday, 2); out.byte(46);
    out.dec0(tm.hour, 2); out.byte(58); out.dec0(tm.min, 2); out.byte(58); out.dec0(tm.sec, 2); out.byte(46);
    out.dec0(ms - secs * 1000, 3); out.byte(32);
  };
  return {
    heading: 'Start             End               Sif   SrcIPaddress    SrcP  DIf   DstIPaddress    DstP    P Fl Pkts       Octets\n\n',
    record(v, out) {
      const sys = v.sysUpTime, s = v.unix_secs, ns = v.unix_nsecs;
      stamp(out, ftltimeMs(sys, s, ns, v.First));
      stamp(out, ftltimeMs(sys, s, ns, v.Last));
      out.decLeft(v.input, 5); out.byte(32);
      out.ipv4Left(v.srcaddr, 15); out.byte(32);
      out.decLeft(v.srcport, 5); out.byte(32);
      out.decLeft(v.output, 5); out.byte(32);
      out.ipv4Left(v.dstaddr, 15); out.byte(32);
      out.decLeft(v.dstport, 5); out.byte(32);
      out.decLeft(v.prot, 3); out.byte(32);
      out.decLeft(v.tcp_flags & 7, 2); out.byte(32);
      out.decLeft(v.dPkts, 10); out.byte(32);
      out.decLeft(v.dOctets, 10); out.byte(10);
    },
  };
}
