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
  const w = t.w, stride = t.stride, mask = t.localMask, ents = t.ents, his = t.his;
  // per column: what comes before its value ('"name":' in JSON, a comma in CSV)
  const lead = columns.map((c, i) => Buffer.from(json ? `${i ? ',' : ''}"${c}":` : i ? ',' : '', 'latin1'));
  let b = out.buf, p = out.len;
  // a byte loop: TypedArray#set costs more than these few bytes
  const put = (bytes: Uint8Array): void => { for (let j = 0; j < bytes.length; j++) b[p++] = bytes[j]!; };
  const quote = (): void => { if (json) b[p++] = QUOTE; };
  let sink = 0;
  for (let i = 0; i < n; i++) {
    if (i % GATHER === 0) {
      // the entries of the next rows first, one load each: rows in print order read the table at
      // random, and loads with nothing between them wait for memory together
      for (let j = i, end = Math.min(n, i + GATHER); j < end; j++) { const r = rows[j]!; sink ^= ents[t.part(r)]![(r & mask) * stride]!; }
    }
    if (p + ROW_ROOM > b.length) { out.len = p; out.ensure(ROW_ROOM); b = out.buf; }
    const e = rows[i]!, part = t.part(e), ent = ents[part]!, x = e & mask, o = x * stride, h = his[part];
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
      const hi = h ? h[x * 4 + c]! : 0;
      if (hi === 0) p = dec(b, p, ent[o + w + c]!);
      else { out.len = p; out.str(String(u64Big(ent[o + w + c]!, hi))); b = out.buf; p = out.len; }
    }
    b[p++] = json ? 125 : NL;
    if (p > flushAt) { out.len = p; flush(); b = out.buf; p = out.len; }
  }
  out.len = p;
  return sink;
}
