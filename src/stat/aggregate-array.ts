/**
 * Worker side of the array reports (tbl_out1: f5-f7 ports, f12 protocol, f17/f18 interfaces,
 * f19/f20 AS, f22 ToS, f28/f29 engine): counters indexed directly by the 8- or 16-bit key. Port
 * reports skip flows that are not TCP or UDP; f7 counts a flow for both ports and its totals twice.
 */
import { hasField, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { StatFormat } from './formats.ts';
import { EMPTY_F64, EMPTY_U32, EMPTY_U8, type StatPayload } from './partial.ts';
import { CHECK_EVERY, Totals } from './totals.ts';

const TWO32 = 4294967296;

export interface ArrayAggregator {
  record(v: RecordView): void;
  finish(): StatPayload;
}

/** Move whole 2^32 units of `lo` into `hi` (same layout). */
export function carryArray(lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < lo.length; i++) {
    const x = lo[i]!;
    if (x >= TWO32) {
      const q = Math.floor(x / TWO32);
      hi[i] += q;
      lo[i] = x - q * TWO32;
    }
  }
}

export function arrayAggregator(fmt: StatFormat, layout: Layout, le: boolean): ArrayAggregator {
  const vals = new Float64Array(fmt.size! * 4);
  let hi: Float64Array | null = null;
  const t = new Totals();
  const off = layout.offsets;
  const oPk = off.dPkts, oOc = off.dOctets, oFi = off.First, oLa = off.Last;
  const oFl = fmt.dflows && hasField(layout, 'dFlows') ? off.dFlows : -1;
  const oPr = off.prot;
  const onlyTcpUdp = fmt.tcpUdpOnly === true;
  const both = fmt.key === 'ports';
  const width = fmt.key === 'u8' ? 1 : 2;
  const oA = off[fmt.fields![0]!], oB = both ? off[fmt.fields![1]!] : -1;
  let countdown = CHECK_EVERY;

  const add = (k: number, fl: number, oc: number, pk: number, du: number): void => {
    const o = k * 4;
    vals[o] += fl; vals[o + 1] += oc; vals[o + 2] += pk; vals[o + 3] += du;
  };

  return {
    record(v: RecordView) {
      const dv = v.dv, p = v.p;
      if (onlyTcpUdp) {
        const pr = dv.getUint8(p + oPr);
        if (pr !== 6 && pr !== 17) return;
      }
      const pk = dv.getUint32(p + oPk, le);
      const oc = dv.getUint32(p + oOc, le);
      const du = (dv.getUint32(p + oLa, le) - dv.getUint32(p + oFi, le)) >>> 0;
      const fl = oFl < 0 ? 1 : dv.getUint32(p + oFl, le);
      t.f += fl; t.o += oc; t.p += pk; t.d += du;
      add(width === 1 ? dv.getUint8(p + oA) : dv.getUint16(p + oA, le), fl, oc, pk, du);
      if (both) {
        t.f += fl; t.o += oc; t.p += pk; t.d += du;
        add(dv.getUint16(p + oB, le), fl, oc, pk, du);
      }
      if (--countdown === 0) {
        countdown = CHECK_EVERY;
        if (t.check()) carryArray(vals, (hi ??= new Float64Array(vals.length)));
      }
    },
    finish: () => ({
      kind: 'stat', format: fmt.id, n: fmt.size!, w: 0, keys: EMPTY_U32, vals, hi,
      totals: t.toArray(), extra: EMPTY_F64, text: EMPTY_U8,
    }),
  };
}
