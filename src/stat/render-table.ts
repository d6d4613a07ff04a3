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
import { ipPad, prefixPad, strPad, u64 } from './row-writer.ts';
import { loadSymbols, type SymbolFile } from '../print/symbols.ts';
import { arrayRows, hashRows } from './table-order.ts';

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

/** Names by value (latin1 text), looked up lazily in a symbol table. */
type Names = (v: number) => string | undefined;

/** Which symbol table a dumper uses under -n (chash_c32/c322 always read the tag table). */
function symbolsFor(r: StatResult, o: StatOptions): Names | undefined {
  const fmt = r.fmt;
  if (!o.names) return undefined;
  let file: SymbolFile | undefined;
  switch (fmt.dumper) {
    case 'tbl': file = fmt.noNames ? undefined : fmt.sym; break;
    case 'c32': case 'c322': file = 'tag.sym'; break;
    case 'as2': file = 'asn.sym'; break;
    default: break;
  }
  const table = file ? loadSymbols(o.symDir, file).table : null;
  if (!table) return undefined;
  const cache = new Map<number, string | undefined>();
  return (v) => {
    if (cache.has(v)) return cache.get(v);
    const b = table.get(v);
    const s = b ? Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1') : undefined;
    cache.set(v, s);
    return s;
  };
}

/**
 * Print the table. Returns false when the sort field is invalid: the caller reports
 * "can't sort on field N." and nothing of the table is printed.
 */
export function renderTable(r: StatResult, o: StatOptions, sink: (b: Uint8Array) => void): boolean {
  const fmt = r.fmt;
  const dumper = fmt.dumper!;
  const rows = fmt.shape === 'array' ? arrayRows(r, o.sortOrder) : hashRows(r, dumper, o.sortOrder);
  if (!rows) return false;
  const out = new TextBuf(1 << 16);
  out.str(tableHeading(dumper, fmt.title ?? '', fmt.title2 ?? '', o));
  const syms = symbolsFor(r, o);
  const tot = [0, 1, 2, 3].map((c) => { const p = r.totals.part(c); return u64Num(p.lo, p.hi); });
  const wide = o.wide, percent = o.percent;
  const ncnt = wide ? 4 : 3;
  // counters of the current row: low and high parts
  const lo = [0, 0, 0, 0], hi = [0, 0, 0, 0];

  const counters = (padLast: boolean): void => {
    u64(out, lo[0]!, hi[0]!, 20); out.str('  ');
    u64(out, lo[1]!, hi[1]!, 20); out.str('  ');
    if (wide) { u64(out, lo[2]!, hi[2]!, 20); out.str('  '); u64(out, lo[3]!, hi[3]!, 0); }
    else u64(out, lo[2]!, hi[2]!, padLast ? 20 : 0);
    out.byte(10);
  };
  const percents = (): void => {
    for (let c = 0; c < ncnt; c++) {
      if (c > 0) out.str('   ');
      out.str(fixedLeft((u64Num(lo[c]!, hi[c]!) / tot[c]!) * 100, 6, 3));
    }
    out.byte(10);
  };
  // "%-N.Ns" of a symbol name or a number padded by fmt_uint32/fmt_uint16
  const named = (v: number, numWidth: number, symMax: number): string => {
    const s = syms?.(v);
    if (s !== undefined) return symMax > 0 ? s.slice(0, symMax) : s;
    const d = String(v);
    return numWidth > d.length ? d + ' '.repeat(numWidth - d.length) : d;
  };

  if (fmt.shape === 'array') {
    const { vals, hi: hv } = r.array!;
    const kw = wide ? 15 : 10;
    const tally = o.tally > 0 && percent ? o.tally : 0;
    let plines = 0;
    if (tally) for (const k of rows) if (vals[k * 4] !== 0 || (hv && hv[k * 4] !== 0)) plines++;
    const t2 = [0, 0, 0, 0];
    let x = 0;
    for (const k of rows) {
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
    const t = r.table!;
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      for (let c = 0; c < 4; c++) { lo[c] = t.lo(e, c); hi[c] = t.high(e, c); }
      const k1 = t.key(e, 0);
      switch (dumper) {
        case 'ip':
          ipPad(out, k1, 15); out.str('  ');
          if (percent) percents(); else counters(false);
          break;
        case 'ip2':
          ipPad(out, k1, 15); out.str('  '); ipPad(out, t.key(e, 1), 15); out.str('  ');
          if (percent) percents(); else counters(true);
          break;
        case 'as2':
          strPad(out, named(k1 >>> 16, 5, 17), 16); out.str('  ');
          strPad(out, named(k1 & 0xffff, 5, 17), 16); out.str('  ');
          if (percent) percents(); else counters(true);
          break;
        case 'if2':
          u64(out, k1 >>> 16, 0, 5); out.str('  '); u64(out, k1 & 0xffff, 0, 5); out.str('  ');
          if (percent) percents(); else counters(true);
          break;
        case 'pre':
          prefixPad(out, k1, t.key(e, 1), 18); out.str('  ');
          if (percent) percents(); else counters(false);
          break;
        case 'pre2': {
          const m = t.key(e, 2);
          prefixPad(out, k1, m & 0xff, 18); out.str('  ');
          prefixPad(out, t.key(e, 1), m >>> 8, 18); out.str('  ');
          if (percent) percents(); else counters(false);
          break;
        }
        case 'c32':
          strPad(out, named(k1, 10, 0), percent || !wide ? 10 : 15); out.str('  ');
          if (percent) percents(); else counters(false);
          break;
        case 'c322':
          strPad(out, named(k1, 10, 0), 10); out.str('  ');
          strPad(out, named(t.key(e, 1), 10, 0), 10); out.str('  ');
          if (percent) percents(); else counters(false);
          break;
        default:
          throw new Error(`unknown dumper ${dumper}`);
      }
      if (out.len > FLUSH) sink(out.take());
    }
  }
  if (out.len) sink(out.take());
  return true;
}
