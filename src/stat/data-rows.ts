/**
 * The rows of a hash report as JSON objects or CSV lines, written straight into bytes: the same
 * text render-data.ts's cells give (dotted addresses and prefixes as strings, counters as exact
 * integers), without an array of cells and a string per value. Building those cost about 4 us a
 * row: 40 s for the 9.2M rows of -f 10 over the bench archive, against 5 s for the text report.
 */
import { TextBuf } from '../util/textbuf.ts';
import { dec, ipv4 } from '../print/cfmt.ts';
import { u64Big } from './cformat.ts';
import type { StatFormat } from './formats.ts';
import { keyColumns } from './formats.ts';
import type { RefTable } from './ref-table.ts';

/** bytes a row never exceeds: three keys of a prefix each (19) and four counters of 20 digits, with names */
const ROW_ROOM = 512;
const QUOTE = 34, COMMA = 44, SLASH = 47, NL = 10;
/** rows whose entries are loaded ahead of writing them */
const GATHER = 128;

/** Per column, what comes before its value: ',"name":' in JSON (no comma first), a comma in CSV (none first). */
function columnLeads(columns: string[], json: boolean): Uint8Array[] {
  return columns.map((c, i) => Buffer.from(json ? `${i ? ',' : ''}"${c}":` : i ? ',' : '', 'latin1'));
}

/**
 * Write rows[0, min(top, rows.length)) of `t` as JSON objects ("\n{...}", then ",\n{...}") or CSV
 * lines; `flush` is called past `flushAt` bytes. Returns what the loads read ahead read (for no
 * use: a value nothing returns could be optimised away with its loads).
 */
export function writeDataRows(
  fmt: StatFormat, t: RefTable, rows: Uint32Array, top: number, json: boolean, columns: string[], out: TextBuf, flushAt: number, flush: () => void,
): number {
  const n = Math.min(rows.length, top);
  const dumper = fmt.dumper!;
  const kc = keyColumns(dumper);
  const dottedKeys = fmt.key === 'ip' || fmt.key === 'ip-either' || fmt.key === 'ip2';
  // as2/if2 keep both 16-bit keys in one word: source (or input) high, destination (or output) low
  const split = dumper === 'as2' || dumper === 'if2';
  const w = t.w, stride = t.stride, mask = t.localMask, ents = t.ents;
  const lead = columnLeads(columns, json);
  let b = out.buf, p = out.len;
  // a byte loop: TypedArray#set costs more than these few bytes
  const put = (bytes: Uint8Array): void => { for (let j = 0; j < bytes.length; j++) b[p++] = bytes[j]!; };
  const quote = (): void => { if (json) b[p++] = QUOTE; };
  let sink = 0;
  for (let i = 0; i < n; i++) {
    // the entries of the next rows first (see RefTable.touch)
    if (i % GATHER === 0) sink ^= t.touch(rows, i, Math.min(n, i + GATHER));
    if (p + ROW_ROOM > b.length) { out.len = p; out.ensure(ROW_ROOM); b = out.buf; }
    const e = rows[i]!, part = t.part(e), ent = ents[part]!, x = e & mask, o = x * stride, ho = t.highsAt(part, x);
    if (json) { if (i > 0) b[p++] = COMMA; b[p++] = NL; b[p++] = 123; }
    let col = 0;
    if (fmt.key === 'prefix') {
      put(lead[col++]!); quote(); p = ipv4(b, p, ent[o]!); b[p++] = SLASH; p = dec(b, p, ent[o + 1]!); quote();
    } else if (fmt.key === 'prefix2') {
      const m = ent[o + 2]!;
      put(lead[col++]!); quote(); p = ipv4(b, p, ent[o]!); b[p++] = SLASH; p = dec(b, p, m & 0xff); quote();
      put(lead[col++]!); quote(); p = ipv4(b, p, ent[o + 1]!); b[p++] = SLASH; p = dec(b, p, m >>> 8); quote();
    } else {
      for (let k = 0; k < kc; k++) {
        const v = split ? (k === 0 ? ent[o]! >>> 16 : ent[o]! & 0xffff) : ent[o + k]!;
        put(lead[col++]!);
        if (dottedKeys) { quote(); p = ipv4(b, p, v); quote(); } else p = dec(b, p, v);
      }
    }
    for (let c = 0; c < 4; c++) {
      put(lead[col++]!);
      const hi = ho < 0 ? 0 : t.his[part]![ho + c]!;
      if (hi === 0) p = dec(b, p, ent[o + w + c]!);
      else { out.len = p; out.str(String(u64Big(ent[o + w + c]!, hi))); b = out.buf; p = out.len; }
    }
    b[p++] = json ? 125 : NL;
    if (p > flushAt) { out.len = p; flush(); b = out.buf; p = out.len; }
  }
  out.len = p;
  return sink;
}

/**
 * The plot lines of f13/f14 ("First  y", "Last  y", a blank line per flow) as rows First, Last, y,
 * read and written as bytes: through strings (split, trim, Number, a template per cell) the JSON of
 * the bench archive's 10M flows took 55 s. Rows after `top` are left out; returns the rows written.
 */
export function writePlotRows(text: Uint8Array[], top: number, json: boolean, columns: string[], out: TextBuf, flushAt: number, flush: () => void): number {
  const lead = columnLeads(columns, json);
  let n = 0;
  // the line being read: 0 a flow's first line (First, y), 1 its second (Last)
  let half = 0, first = 0, y = 0;
  const put = (bytes: Uint8Array): void => { const b = out.buf; for (let j = 0; j < bytes.length; j++) b[out.len++] = bytes[j]!; };
  for (const t of text) {
    let p = 0;
    const end = t.length;
    while (p < end) {
      // a line: its first two numbers (the only tokens plot lines have), then up to the newline
      let q = p;
      while (q < end && t[q] === 32) q++;
      if (q >= end || t[q] === 10) { p = q + 1; continue; }
      let a = 0;
      while (q < end && t[q]! >= 48 && t[q]! <= 57) a = a * 10 + t[q++]! - 48;
      while (q < end && t[q] === 32) q++;
      let c = 0;
      while (q < end && t[q]! >= 48 && t[q]! <= 57) c = c * 10 + t[q++]! - 48;
      while (q < end && t[q] !== 10) q++;
      p = q + 1;
      if (half === 0) { first = a; y = c; half = 1; continue; }
      half = 0;
      if (n >= top) return n;
      out.ensure(256);
      if (json) { if (n > 0) out.buf[out.len++] = COMMA; out.buf[out.len++] = NL; out.buf[out.len++] = 123; }
      put(lead[0]!); out.len = dec(out.buf, out.len, first);
      put(lead[1]!); out.len = dec(out.buf, out.len, a);
      put(lead[2]!); out.len = dec(out.buf, out.len, y);
      out.buf[out.len++] = json ? 125 : NL;
      n++;
      if (out.len > flushAt) flush();
    }
  }
  return n;
}
