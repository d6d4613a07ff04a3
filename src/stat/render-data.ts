/**
 * A flow-stat report as data for `flowsift stat --output json|csv`: the same rows in the same order
 * as the text report, key columns named after the record fields, addresses dotted, counters as
 * exact integers (digits beyond 2^53, never rounded). JSON is one document; CSV starts with a header.
 */
import { TextBuf } from '../util/textbuf.ts';
import type { StatResult } from './accumulate.ts';
import { u64Big } from './cformat.ts';
import type { StatFormat } from './formats.ts';
import type { StatOptions } from './options.ts';
import { SUMMARY, FPSIZE_BOUNDS, FOSIZE_BOUNDS, FTIME_BOUNDS, PSIZE_BOUNDS } from './summary.ts';
import { arrayRows, hashRows } from './table-order.ts';
import { writeDataRows, writePlotRows } from './data-rows.ts';

type Cell = number | bigint | string | null;
const FLUSH = 1 << 20;
const COUNTERS = ['flows', 'octets', 'packets', 'duration'] as const;

/** Names of a report's key columns. */
export function keyNames(fmt: StatFormat): string[] {
  switch (fmt.key) {
    case 'pktsize': return ['pkt_size'];
    case 'packets': return ['dPkts'];
    case 'octets': return ['dOctets'];
    case 'ip-either': return ['addr'];
    case 'ports': return ['port'];
    case 'prefix': return [fmt.id === 24 ? 'src_prefix' : 'dst_prefix'];
    case 'prefix2': return ['src_prefix', 'dst_prefix'];
    default: return [...(fmt.fields ?? [])];
  }
}

const num = (lo: number, hi: number): Cell => (hi === 0 && lo <= Number.MAX_SAFE_INTEGER ? lo : u64Big(lo, hi));

function cellText(c: Cell, json: boolean): string {
  if (c === null) return json ? 'null' : '';
  if (typeof c === 'string') return json ? JSON.stringify(c) : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  return String(c);
}

/** Every row of an array report as cells: the key column then the four counters. */
function* tableRows(r: StatResult, o: StatOptions, top: number): Generator<Cell[]> {
  let count = 0;
  const rows = arrayRows(r, o.sortOrder) ?? new Uint32Array(0);
  const { vals, hi } = r.array!;
  for (const k of rows) {
    if (count >= top) return;
    if (vals[k * 4] === 0 && (!hi || hi[k * 4] === 0)) continue;
    count++;
    yield [k, ...[0, 1, 2, 3].map((c) => num(vals[k * 4 + c]!, hi ? hi[k * 4 + c]! : 0))];
  }
}

/** Write the report as JSON or CSV to `sink`; `top` limits the table rows. */
export function renderData(r: StatResult, o: StatOptions, kind: 'json' | 'csv', top: number, sink: (b: Uint8Array | string) => void): void {
  const fmt = r.fmt;
  const json = kind === 'json';
  const tot = r.totals;
  const totals: Record<string, Cell> = {
    flows: num(tot.f, tot.fh), octets: num(tot.o, tot.oh), packets: num(tot.p, tot.ph), duration: num(tot.d, tot.dh),
  };
  let columns: string[];
  let rows: Iterable<Cell[]>;
  // a hash report's rows are written straight into bytes (writeDataRows), in print order
  let hashOrder: Uint32Array | null = null;
  // so are a plot report's lines (writePlotRows)
  let plotText: Uint8Array[] | null = null;
  const extra: Record<string, Cell> = {};
  switch (fmt.shape) {
    case 'hash':
      columns = [...keyNames(fmt), ...COUNTERS];
      hashOrder = hashRows(r, fmt.dumper!, o.sortOrder) ?? new Uint32Array(0);
      rows = [];
      break;
    case 'array':
      columns = [...keyNames(fmt), ...COUNTERS];
      rows = tableRows(r, o, top);
      break;
    case 'summary': {
      columns = ['histogram', 'upper_bound', 'flows'];
      const x = r.summary!;
      extra.first_unix_secs = x[SUMMARY.TIME_START]!; extra.last_unix_secs = x[SUMMARY.TIME_END]!;
      extra.first_uptime_ms = x[SUMMARY.START]!; extra.last_uptime_ms = x[SUMMARY.END]!;
      const hist: Array<[string, number, readonly number[], boolean]> = [
        ['packet_size', SUMMARY.PSIZE, PSIZE_BOUNDS, false], ['packets_per_flow', SUMMARY.FPSIZE, FPSIZE_BOUNDS, true],
        ['octets_per_flow', SUMMARY.FOSIZE, FOSIZE_BOUNDS, true], ['flow_time_ms', SUMMARY.FTIME, FTIME_BOUNDS, true],
      ];
      rows = hist.flatMap(([name, at, bounds, other]) => [
        ...bounds.map((b, i): Cell[] => [name, b, x[at + i]!]),
        ...(other ? [[name, null, x[at + bounds.length]!] as Cell[]] : []),
      ]);
      break;
    }
    case 'plot': {
      const y = fmt.id === 13 ? 'octets' : 'packets';
      columns = ['First', 'Last', y];
      const p = r.plot!;
      Object.assign(extra, { xmin: p.xmin, ymin: p.ymin, xmax: p.xmax, ymax: p.ymax });
      plotText = r.text ?? [];
      rows = [];
      break;
    }
    default:
      columns = [];
      rows = [];
      if (fmt.shape === 'none') extra.note = 'Not implemented.';
      if (fmt.shape === 'totals') extra.mbytes = Number(u64Big(tot.o, tot.oh)) / 1e6;
  }

  const out = new TextBuf(1 << 16);
  if (json) {
    const head = {
      format: fmt.id, name: fmt.name,
      sort: o.sortOrder === 0 ? null : { field: Math.abs(o.sortOrder) - 1, descending: o.sortOrder > 0 },
    };
    out.str(JSON.stringify(head).slice(0, -1));
    out.str(`,"totals":{${Object.entries(totals).map(([k, v]) => `"${k}":${cellText(v, true)}`).join(',')}}`);
    for (const [k, v] of Object.entries(extra)) out.str(`,"${k}":${cellText(v, true)}`);
    out.str(`,"columns":${JSON.stringify(columns)},"rows":[`);
    if (hashOrder) writeDataRows(fmt, r.table!, hashOrder, top, true, columns, out, FLUSH, () => sink(out.take()));
    if (plotText) writePlotRows(plotText, top, true, columns, out, FLUSH, () => sink(out.take()));
    let first = true;
    for (const row of rows) {
      out.str(first ? '\n{' : ',\n{');
      first = false;
      for (let i = 0; i < row.length; i++) out.str(`${i ? ',' : ''}"${columns[i]}":${cellText(row[i]!, true)}`);
      out.byte(125);
      if (out.len > FLUSH) sink(out.take());
    }
    out.str('\n]}\n');
  } else {
    if (columns.length === 0) {
      columns = Object.keys(totals).concat(Object.keys(extra));
      rows = [[...Object.values(totals), ...Object.values(extra)]];
    }
    out.str(columns.join(',') + '\n');
    if (hashOrder) writeDataRows(fmt, r.table!, hashOrder, top, false, columns, out, FLUSH, () => sink(out.take()));
    if (plotText) writePlotRows(plotText, top, false, columns, out, FLUSH, () => sink(out.take()));
    for (const row of rows) {
      out.str(row.map((c) => cellText(c, false)).join(',') + '\n');
      if (out.len > FLUSH) sink(out.take());
    }
  }
  sink(out.take());
}
