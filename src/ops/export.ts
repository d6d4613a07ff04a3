/**
 * Machine-readable records for `flowsift print --output ndjson|csv`: every field of the version,
 * named as flow-tools names it, in wire order; addresses dotted; unix_secs, First and Last as
 * ISO 8601 UTC times (First/Last made absolute as ftltime() does).
 */
import { compileLoop } from '../engine/loop-cache.ts';
import { FIELD_NAMES, type FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import { readerSource, type RecordView } from '../format/record.ts';
import { dec, ipv4 as ipv4Bytes } from '../print/cfmt.ts';
import { isoTime, newIsoScratch } from '../util/iso-time.ts';
import { ftltimeMs } from '../util/fttime.ts';
import { TextBuf } from '../util/textbuf.ts';
import { Chunker } from './chunks.ts';
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

/** room one record's line never exceeds: 40 columns of a name and a 24-byte time, quoted */
const LINE_ROOM = 2048;
/** the largest text buffer a task starts with */
const MAX_INITIAL = 64 << 20;

/**
 * Writes the record at p as one line into `out` (room for LINE_ROOM made): `time` writes a time
 * (ms) at out.len, as JSON.stringify or String would write iso(ms).
 */
type ExportRow = (
  dv: DataView, p: number, out: TextBuf, time: (ms: number) => void,
  ipv4: typeof ipv4Bytes, decimal: typeof dec, ftltime: typeof ftltimeMs,
) => void;

/**
 * The source of a layout's export row, generated with the offsets, the byte order and the column
 * names written in (a generic read by field name per column was half of an NDJSON export's time).
 */
export function exportRowSource(layout: Layout, le: boolean, json: boolean): string {
  const rd = (f: FieldName): string => readerSource(layout, f, 'dv', 'p', String(le));
  const bytes = (s: string): string => [...Buffer.from(s, 'latin1')].map((c) => `b[q++] = ${c};`).join(' ');
  const lines: string[] = [];
  exportColumns(layout.offsets).forEach((f, i) => {
    lines.push(`  ${bytes(json ? `${i ? ',' : '{'}"${f}":` : i ? ',' : '')}`);
    if (ADDRESS.has(f)) {
      lines.push(json ? `  b[q++] = 34; q = ipv4(b, q, ${rd(f)}); b[q++] = 34;` : `  q = ipv4(b, q, ${rd(f)});`);
    } else if (TIME.has(f)) {
      const ms = f === 'unix_secs'
        ? `${rd('unix_secs')} * 1000 + Math.floor(${rd('unix_nsecs')} / 1e6)`
        : `ftltime(${rd('sysUpTime')}, ${rd('unix_secs')}, ${rd('unix_nsecs')}, ${rd(f)})`;
      lines.push(`  out.len = q; time(${ms}); b = out.buf; q = out.len;`);
    } else {
      lines.push(`  q = decimal(b, q, ${rd(f)});`);
    }
  });
  return [
    '"use strict";',
    'return function exportRow(dv, p, out, time, ipv4, decimal, ftltime) {',
    '  let b = out.buf, q = out.len;',
    ...lines,
    `  ${json ? 'b[q++] = 125; ' : ''}b[q++] = 10;`,
    '  out.len = q;',
    '};',
  ].join('\n');
}

export function exportOp(spec: ExportSpec, ctx: OpContext): Op {
  const cols = exportColumns(ctx.layout.offsets);
  const json = spec.format === 'ndjson';
  const size = ctx.layout.size;
  const row = compileLoop<ExportRow>(exportRowSource(ctx.layout, ctx.littleEndian, json));
  // sized for the task's lines (NDJSON about 450 bytes a v5 record, CSV about 200): growing by
  // doubling, then copying the text out, was a fifth of an export's time
  const perLine = json ? 12 + cols.reduce((a, f) => a + f.length + 14, 0) : 9 * cols.length;
  const out = TextBuf.forRecords(ctx.expectedRecords, perLine, MAX_INITIAL, 1 << 20);
  let n = 0;
  const chunks = new Chunker(out);
  const tm = newIsoScratch();
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
      row(v.dv, v.p, out, time, ipv4Bytes, dec, ftltimeMs);
    },
    records(dv: DataView, from: number, to: number) {
      for (let p = from; p < to; p += size) {
        n++;
        out.ensure(LINE_ROOM);
        row(dv, p, out, time, ipv4Bytes, dec, ftltimeMs);
      }
    },
    take: (min, spare) => chunks.take(min, n, spare),
    finish() {
      // the buffer itself, not a copy (its unused tail travels with it)
      const data = out.handOver();
      return { payload: { kind: 'bytes', data, records: chunks.rest(n) }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
