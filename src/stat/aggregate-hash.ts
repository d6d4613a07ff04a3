/**
 * Worker side of the hash reports (f1-f3, f8-f11, f16, f21, f23-f27, f30-f32): each record's key
 * goes into a KeyTable and its counters are added, exactly as flow-stat's format functions do
 * (including f1's skipped dPkts=0 flows, which still count in the totals, and f11's two updates per
 * flow). Field offsets and byte order are fixed per task, so the record functions read the DataView
 * directly.
 */
import { hasField, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';
import { KeyTable } from './key-table.ts';
import { EMPTY_F64, EMPTY_U8, type StatPayload } from './partial.ts';
import { CHECK_EVERY, Totals } from './totals.ts';

const BOGUS = 'Ignoring bogus flow dPkts=0\n';

/** ipv4_len2mask(): the netmask of a prefix length; its table maps 0 (and lengths above 32) to /32. */
export function lenToMask(len: number): number {
  return len > 32 || len === 0 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
}

export interface HashAggregator {
  record(v: RecordView): void;
  finish(): StatPayload;
}

/** @param expected distinct keys expected in the task (sizes the index) */
export function hashAggregator(fmt: StatFormat, layout: Layout, le: boolean, warn: (line: string) => void, expected: number): HashAggregator {
  const key = fmt.key!;
  const table = new KeyTable(keyWords(key), expected);
  const t = new Totals();
  const off = layout.offsets;
  const oPk = off.dPkts, oOc = off.dOctets, oFi = off.First, oLa = off.Last;
  const oFl = fmt.dflows && hasField(layout, 'dFlows') ? off.dFlows : -1;
  const [fa, fb, fc, fd] = (fmt.fields ?? []).map((n) => off[n]);
  let countdown = CHECK_EVERY;

  // key extraction per report; each returns the entry to add to (or -1 to skip the flow)
  let entry: (dv: DataView, p: number, pk: number, oc: number) => number;
  switch (key) {
    case 'pktsize':
      entry = (_dv, _p, pk, oc) => {
        if (pk === 0) { warn(BOGUS); return -1; }
        return table.find1(Math.floor(oc / pk));
      };
      break;
    case 'packets': entry = (_dv, _p, pk) => table.find1(pk); break;
    case 'octets': entry = (_dv, _p, _pk, oc) => table.find1(oc); break;
    case 'c32': case 'ip': case 'ip-either':
      entry = (dv, p) => table.find1(dv.getUint32(p + fa!, le));
      break;
    case 'as2': case 'if2':
      entry = (dv, p) => table.find1(((dv.getUint16(p + fa!, le) << 16) | dv.getUint16(p + fb!, le)) >>> 0);
      break;
    case 'ip2': case 'tag2':
      entry = (dv, p) => table.find2(dv.getUint32(p + fa!, le), dv.getUint32(p + fb!, le));
      break;
    case 'prefix':
      entry = (dv, p) => {
        const m = dv.getUint8(p + fb!);
        return table.find2((dv.getUint32(p + fa!, le) & lenToMask(m)) >>> 0, m);
      };
      break;
    case 'prefix2':
      entry = (dv, p) => {
        const sm = dv.getUint8(p + fb!), dm = dv.getUint8(p + fd!);
        return table.find3((dv.getUint32(p + fa!, le) & lenToMask(sm)) >>> 0, (dv.getUint32(p + fc!, le) & lenToMask(dm)) >>> 0, sm | (dm << 8));
      };
      break;
    default:
      throw new Error(`not a hash report key: ${key}`);
  }
  const either = key === 'ip-either';

  return {
    record(v: RecordView) {
      const dv = v.dv, p = v.p;
      const pk = dv.getUint32(p + oPk, le);
      const oc = dv.getUint32(p + oOc, le);
      const du = (dv.getUint32(p + oLa, le) - dv.getUint32(p + oFi, le)) >>> 0;
      const fl = oFl < 0 ? 1 : dv.getUint32(p + oFl, le);
      t.f += fl; t.o += oc; t.p += pk; t.d += du;
      const e = entry(dv, p, pk, oc);
      if (e >= 0) {
        table.add(e, fl, oc, pk, du);
        if (either) table.add(table.find1(dv.getUint32(p + fb!, le)), fl, oc, pk, du);
      }
      if (--countdown === 0) {
        countdown = CHECK_EVERY;
        if (t.check()) table.carry();
      }
    },
    finish: () => tablePayload(fmt.id, table, t),
  };
}

/** A KeyTable's entries as one contiguous payload, in first-seen order (no copy when one chunk holds them). */
export function tablePayload(format: number, table: KeyTable, t: Totals): StatPayload {
  const n = table.n;
  const flat = (chunks: Float64Array[]): Float64Array => {
    if (chunks.length === 1) return chunks[0]!.subarray(0, n * 4);
    const out = new Float64Array(n * 4);
    const per = 4 << table.chunkBits;
    chunks.forEach((c, i) => out.set(c.subarray(0, Math.min(per, n * 4 - i * per)), i * per));
    return out;
  };
  const vals = n ? flat(table.vals) : new Float64Array(0);
  const hi = table.hi && n ? flat(table.hi) : null;
  return { kind: 'stat', format, n, w: table.w, keys: table.keys(), vals, hi, totals: t.toArray(), extra: EMPTY_F64, text: EMPTY_U8 };
}
