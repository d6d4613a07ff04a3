/**
 * Machine-readable records for `flowsift print --output ndjson|csv`: every field of the version,
 * named as flow-tools names it, in wire order; addresses dotted; unix_secs, First and Last as
 * ISO 8601 UTC times (First/Last made absolute as ftltime() does).
 */
import { FIELD_NAMES, type FieldName } from '../format/fields.ts';
import type { RecordView } from '../format/record.ts';
import { dec, ipv4 as ipv4Bytes } from '../print/cfmt.ts';
import { isoTime } from '../util/iso-time.ts';
import { newTm } from '../util/localtime.ts';
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

/** How a column's value is written. */
const NUMBER = 0, ADDR = 1, UNIX_SECS = 2, UPTIME = 3;

/** room one record's line never exceeds: 40 columns of a name and a 24-byte time, quoted */
const LINE_ROOM = 2048;

export function exportOp(spec: ExportSpec, ctx: OpContext): Op {
  const cols = exportColumns(ctx.layout.offsets);
  const json = spec.format === 'ndjson';
  const kinds = cols.map((f) => (ADDRESS.has(f) ? ADDR : f === 'unix_secs' ? UNIX_SECS : TIME.has(f) ? UPTIME : NUMBER));
  // what precedes each value: '{"name":' / ',"name":' in NDJSON, a comma in CSV
  const lead = cols.map((f, i) => Buffer.from(json ? `${i ? ',' : '{'}"${f}":` : i ? ',' : '', 'latin1'));
  const out = TextBuf.forRecords(ctx.expectedRecords, 400);
  let n = 0;
  const tm = newTm();
  if (!json && spec.header) out.str(`${cols.join(',')}\n`);
  /** A time, written as JSON.stringify or String would write iso(ms). */
  const time = (ms: number): void => {
    const b = out.buf, at = out.len + (json ? 1 : 0);
    const end = isoTime(b, at, ms, tm);
    if (end >= 0) {
      if (json) { b[out.len] = 34; b[end] = 34; out.len = end + 1; } else out.len = end;
      return;
    }
    const v = iso(ms);
    out.str(json ? JSON.stringify(v) : String(v));
  };
  return {
    // written straight into bytes: an object and JSON.stringify (or a join) per record, with Date
    // objects for the times, made an export 15-25x slower than the text print
    record(v: RecordView) {
      n++;
      out.ensure(LINE_ROOM);
      for (let i = 0; i < cols.length; i++) {
        const l = lead[i]!, b = out.buf;
        let p = out.len;
        for (let j = 0; j < l.length; j++) b[p++] = l[j]!;
        out.len = p;
        const f = cols[i]!;
        switch (kinds[i]!) {
          case ADDR:
            if (json) b[p++] = 34;
            p = ipv4Bytes(b, p, v.get(f));
            if (json) b[p++] = 34;
            out.len = p;
            break;
          case UNIX_SECS: time(v.unix_secs * 1000 + Math.floor(v.unix_nsecs / 1e6)); break;
          case UPTIME: time(ftltimeMs(v.sysUpTime, v.unix_secs, v.unix_nsecs, v.get(f))); break;
          default: out.len = dec(b, p, v.get(f)); break;
        }
      }
      if (json) out.buf[out.len++] = 125;
      out.buf[out.len++] = 10;
    },
    finish() {
      const data = out.take();
      return { payload: { kind: 'bytes', data, records: n }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
