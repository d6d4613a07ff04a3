/**
 * Machine-readable records for `flowsift print --output ndjson|csv`: every field of the version,
 * named as flow-tools names it, in wire order; addresses dotted; unix_secs, First and Last as
 * ISO 8601 UTC times (First/Last made absolute as ftltime() does).
 */
import { FIELD_NAMES, type FieldName } from '../format/fields.ts';
import type { RecordView } from '../format/record.ts';
import { ipv4 } from '../util/ip.ts';
import { ftltimeMs } from '../util/fttime.ts';
import { TextBuf } from '../util/textbuf.ts';
import type { ExportSpec, Op, OpContext } from './types.ts';

const ADDRESS = new Set<FieldName>(['exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'peer_nexthop', 'router_sc']);
const TIME = new Set<FieldName>(['unix_secs', 'First', 'Last']);

/** The columns an export of this layout has, in wire order. */
export function exportColumns(offsets: Readonly<Record<FieldName, number>>): FieldName[] {
  return FIELD_NAMES.filter((f) => offsets[f] >= 0).sort((a, b) => offsets[a] - offsets[b]);
}

/** ISO 8601 UTC; a time beyond what a date can hold (a wrapped ftltime) stays a number of ms */
function iso(ms: number): string | number {
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString() : ms;
}

function value(v: RecordView, f: FieldName): string | number {
  if (ADDRESS.has(f)) return ipv4(v.get(f));
  if (TIME.has(f)) {
    if (f === 'unix_secs') return iso(v.unix_secs * 1000 + Math.floor(v.unix_nsecs / 1e6));
    return iso(ftltimeMs(v.sysUpTime, v.unix_secs, v.unix_nsecs, v.get(f)));
  }
  return v.get(f);
}

export function exportOp(spec: ExportSpec, ctx: OpContext): Op {
  const cols = exportColumns(ctx.layout.offsets);
  const out = TextBuf.forRecords(ctx.expectedRecords, 400);
  let n = 0;
  if (spec.format === 'csv' && spec.header) out.str(`${cols.join(',')}\n`);
  return {
    record(v: RecordView) {
      n++;
      if (spec.format === 'ndjson') {
        const obj: Record<string, string | number> = {};
        for (const f of cols) obj[f] = value(v, f);
        out.str(`${JSON.stringify(obj)}\n`);
      } else {
        out.str(`${cols.map((f) => value(v, f)).join(',')}\n`);
      }
    },
    finish() {
      const data = out.take();
      return { payload: { kind: 'bytes', data, records: n }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
