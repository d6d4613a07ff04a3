/**
 * Prints the table of a hash or array report exactly as flow-stat's dumpers do (chash_ip_dump,
 * chash_ip2_dump, chash_as2_dump, chash_if2_dump, chash_pre_dump, chash_pre2_dump,
 * chash_c32_dump, chash_c322_dump, tbl_out1): column heading, then one row per key, in plain
 * counts or percent of the totals (-P), with the duration column under -w, names under -n, and
 * tbl_out1's "#SUB" tally lines. Rows are written in chunks to `sink`.
 */
import { TextBuf } from '../util/textbuf.ts';
import type { StatResult } from './accumulate.ts';
import { fixedLeft, u64Num } from './cformat.ts';
import type { Dumper } from './formats.ts';
import type { StatOptions } from './options.ts';
import { strPad } from './row-writer.ts';
import { filledCounters, writeCounters, writePercents } from './row-tail.ts';
import { named as namedIn, symbolsFor, writeHashRows } from './hash-rows.ts';
import { arrayRows, hashRows } from './table-order.ts';
import { dec } from '../print/cfmt.ts';

const FLUSH = 1 << 20;

const SUFFIX = {
  pw: 'flows    octets   packets  duration',
  p: 'flows    octets   packets',
  w: 'flows                 octets                packets               duration',
  plain: 'flows                 octets                packets',
};

const PREFIXES: Partial<Record<Dumper, string>> = {
  ip: 'IPaddr         ',
  ip2: 'src IPaddr     dst IPaddr       ',
  as2: 'src AS          dst AS            ',
  if2: 'in   out    ',
  pre: 'Source Prefix     ',
  pre2: 'Source Prefix     Destination Prefix  ',
};

function pad(s: string, w: number): string {
  return s.length >= w ? s.slice(0, w) : s + ' '.repeat(w - s.length);
}

/** The dumper's column heading block ("#\n# <titles>\n#\n"). */
export function tableHeading(dumper: Dumper, title: string, title2: string, o: StatOptions): string {
  const suffix = o.percent ? (o.wide ? SUFFIX.pw : SUFFIX.p) : (o.wide ? SUFFIX.w : SUFFIX.plain);
  let head: string;
  if (dumper === 'tbl') head = pad(title, o.wide ? 15 : 10);
  else if (dumper === 'c32') head = `${title}  `;
  else if (dumper === 'c322') head = `${title}  ${title2}  `;
  else head = PREFIXES[dumper]!;
  return `${o.cc}\n${o.cc} ${head}${suffix}\n${o.cc}\n`;
}

const SP = 32;
/** room a plain array row never exceeds (key, four counters of at most 20 digits padded to 20) */
const ROW_ROOM = 128;

/**
 * tbl_out1's rows without names or percents, the common case, written straight into the buffer
 * (a string per key and a call per counter cost 1.3 us a row, most of printing 65,536 ports). The
 * buffer is filled with spaces ahead of the rows, so a row only writes its digits: every column has
 * a fixed start (a port has at most 5 digits, a counter below 2^53 at most 16).
 */
function plainArrayRows(rows: Uint32Array, vals: Float64Array, hv: Float64Array | null, wide: boolean, out: TextBuf, sink: (b: Uint8Array) => void, limit: number): void {
  const kw = wide ? 15 : 10;
  const lo = [0, 0, 0, 0], hi = [0, 0, 0, 0];
  // room for a flush's worth of rows: the buffer never grows below, and all of it past p is spaces
  out.ensure(FLUSH + ROW_ROOM);
  let b = out.buf, p = out.len;
  b.fill(SP, p);
  for (let i = 0, printed = 0; i < rows.length && printed < limit; i++) {
    const k = rows[i]!, o = k * 4;
    if (vals[o] === 0 && (hv === null || hv[o] === 0)) continue;
    printed++;
    dec(b, p, k & 0xffff);
    p += kw + 2;
    if (hv !== null && (hv[o] !== 0 || hv[o + 1] !== 0 || hv[o + 2] !== 0 || hv[o + 3] !== 0)) {
      // a counter past 2^32: the general writer (it writes its own padding)
      for (let c = 0; c < 4; c++) { lo[c] = vals[o + c]!; hi[c] = hv[o + c]!; }
      out.len = p;
      writeCounters(out, lo, hi, wide, true);
      p = out.len;
    } else {
      p = filledCounters(b, p, vals[o]!, vals[o + 1]!, vals[o + 2]!, vals[o + 3]!, wide, 20);
    }
    // written at once (Output writes 1 MB and more before it returns), so the buffer is reused
    if (p > FLUSH) { sink(b.subarray(0, p)); b.fill(SP, 0, p); p = 0; }
  }
  out.len = p;
}

/**
 * Print the table, or its first `limit` rows (`flowsift stat --top`). Returns false when the sort
 * field is invalid: the caller reports "can't sort on field N." and nothing of the table is printed.
 */
export function renderTable(r: StatResult, o: StatOptions, sink: (b: Uint8Array) => void, limit = Infinity): boolean {
  const fmt = r.fmt;
  const dumper = fmt.dumper!;
  const rows = fmt.shape === 'array' ? arrayRows(r, o.sortOrder) : hashRows(r, dumper, o.sortOrder);
  if (!rows) return false;
  const out = new TextBuf(1 << 16);
  out.str(tableHeading(dumper, fmt.title ?? '', fmt.title2 ?? '', o));
  const syms = symbolsFor(fmt, o);
  const tot = [0, 1, 2, 3].map((c) => { const p = r.totals.part(c); return u64Num(p.lo, p.hi); });
  const wide = o.wide, percent = o.percent;
  // counters of the current row: low and high parts
  const lo = [0, 0, 0, 0], hi = [0, 0, 0, 0];

  const counters = (padLast: boolean): void => writeCounters(out, lo, hi, wide, padLast);
  const percents = (): void => writePercents(out, lo, hi, tot, wide);
  const named = (v: number, numWidth: number, symMax: number): string => namedIn(syms, v, numWidth, symMax);

  if (fmt.shape === 'array' && !percent && !syms) {
    plainArrayRows(rows, r.array!.vals, r.array!.hi, wide, out, sink, limit);
  } else if (fmt.shape === 'array') {
    const { vals, hi: hv } = r.array!;
    const kw = wide ? 15 : 10;
    const tally = o.tally > 0 && percent ? o.tally : 0;
    let plines = 0;
    if (tally) for (const k of rows) if (vals[k * 4] !== 0 || (hv && hv[k * 4] !== 0)) plines++;
    const t2 = [0, 0, 0, 0];
    let x = 0;
    for (const k of rows) {
      if (x >= limit) break;
      for (let c = 0; c < 4; c++) { lo[c] = vals[k * 4 + c]!; hi[c] = hv ? hv[k * 4 + c]! : 0; }
      if (lo[0] === 0 && hi[0] === 0) continue;
      if (tally && x > 0 && x % tally === 0) {
        out.str(`${o.cc}SUB ${fixedLeft((x / plines) * 100, 6, 3)}  `);
        for (let c = 0; c < 4; c++) {
          if (c > 0) out.str('   ');
          out.str(fixedLeft((t2[c]! / tot[c]!) * 100, 6, 3));
        }
        out.byte(10);
      }
      strPad(out, named(k & 0xffff, 0, 15), kw);
      out.str('  ');
      if (percent) percents(); else counters(true);
      for (let c = 0; c < 4; c++) t2[c] += u64Num(lo[c]!, hi[c]!);
      x++;
      if (out.len > FLUSH) sink(out.take());
    }
  } else {
    // the buffer is reused: a sink consumes a chunk before it returns (Output writes 1 MB and more at once)
    writeHashRows(r.table!, dumper, rows, 0, Math.min(rows.length, limit), o, syms, tot, out, FLUSH, () => { sink(out.buf.subarray(0, out.len)); out.len = 0; });
  }
  if (out.len) sink(out.take());
  return true;
}
