/**
 * The rows of a hash report's table as flow-stat's chash_*_dump functions print them, for a range
 * of the print order: keys (dotted quads, prefixes, AS or interface pairs, tags, names under -n),
 * then the counters (fmt_uint64, padded) or their percents of the totals (-P). Used by the serial
 * renderer and by the parallel row jobs alike, so both print the same bytes.
 */
import { TextBuf } from '../util/textbuf.ts';
import type { Dumper, StatFormat } from './formats.ts';
import type { StatOptions } from './options.ts';
import type { RefTable } from './ref-table.ts';
import { ipPad, prefixPad, strPad, u64 } from './row-writer.ts';
import { filledCounters, writeCounters, writePercents } from './row-tail.ts';
import { dec, ipv4Words, prefix } from '../print/cfmt.ts';
import { loadSymbols, type SymbolFile } from '../print/symbols.ts';
import { PRIME_CALLS } from '../util/prime.ts';

/** How rows are printed: the switches that matter for rows (plain data, crosses threads). */
export type RowOptions = Pick<StatOptions, 'percent' | 'wide' | 'names' | 'symDir'>;

/** Names by value (latin1 text), looked up lazily in a symbol table. */
export type Names = (v: number) => string | undefined;

/** Which symbol table a dumper uses under -n (chash_c32/c322 always read the tag table). */
export function symbolsFor(fmt: StatFormat, o: RowOptions): Names | undefined {
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

/** "%-N.Ns" of a symbol name, or a number padded by fmt_uint32/fmt_uint16. */
export function named(syms: Names | undefined, v: number, numWidth: number, symMax: number): string {
  const s = syms?.(v);
  if (s !== undefined) return symMax > 0 ? s.slice(0, symMax) : s;
  const d = String(v);
  return numWidth > d.length ? d + ' '.repeat(numWidth - d.length) : d;
}

/**
 * Write rows[from, to) of table `t` to `out`; `tot` are the four totals as numbers (percents);
 * `flush` is called whenever `out` holds more than `flushAt` bytes.
 */
export function writeHashRows(
  t: RefTable, dumper: Dumper, rows: Uint32Array, from: number, to: number, o: RowOptions, syms: Names | undefined,
  tot: number[], out: TextBuf, flushAt = Infinity, flush?: () => void,
): void {
  if (!o.percent && !syms) {
    // the first rows one at a time (see PRIME_CALLS): without, each rows job's loop left its code
    // at its end (34-80 times a run of -f 10 at 2 threads, node --trace-deopt)
    for (let i = 0; i < PRIME_CALLS && to - from > 1; i++) plainRows(t, dumper, rows, from, ++from, o.wide, out, flushAt, flush);
    plainRows(t, dumper, rows, from, to, o.wide, out, flushAt, flush);
    return;
  }
  const wide = o.wide, percent = o.percent;
  const w = t.w, stride = t.stride, mask = t.localMask;
  // counters of the current row: low and high parts
  const lo = [0, 0, 0, 0], hi = [0, 0, 0, 0];
  const tail = (padLast: boolean): void => {
    if (percent) writePercents(out, lo, hi, tot, wide); else writeCounters(out, lo, hi, wide, padLast);
  };

  for (let i = from; i < to; i++) {
    const e = rows[i]!;
    const p = t.part(e), ent = t.ents[p]!, x = e & mask, ho = t.highsAt(p, x), hs = t.his[p]!;
    const b = x * stride;
    for (let c = 0; c < 4; c++) { lo[c] = ent[b + w + c]!; hi[c] = ho < 0 ? 0 : hs[ho + c]!; }
    const k1 = ent[b]!;
    switch (dumper) {
      case 'ip':
        ipPad(out, k1, 15); out.str('  ');
        tail(false);
        break;
      case 'ip2':
        out.ensure(40);
        ipPad(out, k1, 15); out.buf[out.len++] = 32; out.buf[out.len++] = 32;
        ipPad(out, ent[b + 1]!, 15); out.buf[out.len++] = 32; out.buf[out.len++] = 32;
        tail(true);
        break;
      case 'as2':
        strPad(out, named(syms, k1 >>> 16, 5, 17), 16); out.str('  ');
        strPad(out, named(syms, k1 & 0xffff, 5, 17), 16); out.str('  ');
        tail(true);
        break;
      case 'if2':
        u64(out, k1 >>> 16, 0, 5); out.str('  '); u64(out, k1 & 0xffff, 0, 5); out.str('  ');
        tail(true);
        break;
      case 'pre':
        prefixPad(out, k1, ent[b + 1]!, 18); out.str('  ');
        tail(false);
        break;
      case 'pre2': {
        const m = ent[b + 2]!;
        prefixPad(out, k1, m & 0xff, 18); out.str('  ');
        prefixPad(out, ent[b + 1]!, m >>> 8, 18); out.str('  ');
        tail(false);
        break;
      }
      case 'c32':
        strPad(out, named(syms, k1, 10, 0), percent || !wide ? 10 : 15); out.str('  ');
        tail(false);
        break;
      case 'c322':
        strPad(out, named(syms, k1, 10, 0), 10); out.str('  ');
        strPad(out, named(syms, ent[b + 1]!, 10, 0), 10); out.str('  ');
        tail(false);
        break;
      default:
        throw new Error(`unknown dumper ${dumper}`);
    }
    if (out.len > flushAt) flush?.();
  }
}

/** Room a plain row never exceeds (keys, four counters of at most 20 digits padded to 20). */
const ROW_ROOM = 256;
const SP = 32;
/** rows whose entries are read ahead of formatting them */
const GATHER = 128;
/** eight spaces, as a float64's bytes (every byte 0x20: the same in either byte order) */
const SPACES8 = new Float64Array(new Uint8Array(8).fill(SP).buffer)[0]!;
/** Width of a dumper's key columns with their two-space separators (plain rows, no names). */
function keyWidth(dumper: Dumper, wide: boolean): number {
  switch (dumper) {
    case 'ip': return 17;
    case 'ip2': return 34;
    case 'as2': return 36;
    case 'if2': return 14;
    case 'pre': return 20;
    case 'pre2': return 40;
    case 'c32': return (wide ? 15 : 10) + 2;
    case 'c322': return 24;
    default: throw new Error(`unknown dumper ${dumper}`);
  }
}

/**
 * Bytes of spaces laid down before each plain row, eight at a time: the widest the row can be
 * with counters below 2^32 (ten digits each), flows and octets padded to 20, then packets padded
 * to padLast (or, under -w, to 20 and the duration).
 */
function rowFill(dumper: Dumper, wide: boolean, padLast: number): number {
  const row = keyWidth(dumper, wide) + 22 + 22 + (wide ? 22 + 10 : Math.max(10, padLast)) + 1;
  return (row + 7) & ~7;
}

/** Past a left-justified field of width w that starts at s and ended at p (the row is spaces). */
const past = (p: number, s: number, w: number): number => (p < s + w ? s + w : p);

/**
 * writeHashRows without names or percents, the common case, written straight into the buffer:
 * counters below 2^32 (a carried high part takes the general path) and keys as bytes. Each row's
 * bytes are first filled with spaces, eight at a time, so padding costs nothing.
 */
function plainRows(
  t: RefTable, dumper: Dumper, rows: Uint32Array, from: number, to: number, wide: boolean, out: TextBuf, flushAt: number, flush?: () => void,
): number {
  const w = t.w, stride = t.stride, mask = t.localMask;
  // pad the last counter (packets, when not wide) to 20: the dumpers with two key columns do
  const padLast = dumper === 'ip2' || dumper === 'as2' || dumper === 'if2' ? 20 : 0;
  const c32w = wide ? 15 : 10;
  const ents = t.ents;
  // entries of the next rows, copied out first: rows in print order read entries all over the
  // table, and loads with no work between them wait for memory together, not one after another
  const ahead = new Uint32Array(GATHER * stride);
  let sink = 0;
  const fill = rowFill(dumper, wide, padLast);
  let b = out.buf, p = out.len;
  // the DataView follows the buffer: compared as Uint8Arrays (reading dv.buffer costs a call per row)
  let dv = new DataView(b.buffer, b.byteOffset, b.byteLength), dvOf = b;
  for (let i = from, g = GATHER; i < to; i++, g++) {
    if (g === GATHER) {
      // first one load per row and nothing else, so up to a loop's worth of misses are in flight
      // at once (the copy below has too much work per row for that); rows sorted by a counter
      // read the table at random. `sink` keeps the loads from being optimised away.
      sink ^= t.touch(rows, i, Math.min(to, i + GATHER));
      for (let j = i, end = Math.min(to, i + GATHER), d = 0; j < end; j++) {
        const r = rows[j]!, src = ents[t.part(r)]!;
        for (let k = 0, o = (r & mask) * stride; k < stride; k++) ahead[d++] = src[o + k]!;
      }
      g = 0;
    }
    if (p + ROW_ROOM > b.length) { out.len = p; out.ensure(ROW_ROOM); b = out.buf; }
    if (dvOf !== b) { dv = new DataView(b.buffer, b.byteOffset, b.byteLength); dvOf = b; }
    for (let k = 0; k < fill; k += 8) dv.setFloat64(p + k, SPACES8);
    const e = rows[i]!;
    const x = e & mask, ep = t.part(e), ho = t.highsAt(ep, x);
    const ent = ahead, o = g * stride;
    const k1 = ent[o]!;
    let s = p;
    // the key columns: each field's padding is the spaces already there
    switch (dumper) {
      case 'ip': p = past(ipv4Words(dv, p, k1), s, 15); break;
      case 'ip2': p = past(ipv4Words(dv, p, k1), s, 15) + 2; s = p; p = past(ipv4Words(dv, p, ent[o + 1]!), s, 15); break;
      case 'as2': p = past(dec(b, p, k1 >>> 16), s, 16) + 2; s = p; p = past(dec(b, p, k1 & 0xffff), s, 16); break;
      case 'if2': p = past(dec(b, p, k1 >>> 16), s, 5) + 2; s = p; p = past(dec(b, p, k1 & 0xffff), s, 5); break;
      case 'pre': p = past(prefix(b, p, k1, ent[o + 1]!), s, 18); break;
      case 'pre2': {
        const m = ent[o + 2]!;
        p = past(prefix(b, p, k1, m & 0xff), s, 18) + 2; s = p; p = past(prefix(b, p, ent[o + 1]!, m >>> 8), s, 18);
        break;
      }
      case 'c32': p = past(dec(b, p, k1), s, c32w); break;
      case 'c322': p = past(dec(b, p, k1), s, 10) + 2; s = p; p = past(dec(b, p, ent[o + 1]!), s, 10); break;
      default: throw new Error(`unknown dumper ${dumper}`);
    }
    p += 2;
    const v = o + w;
    // a counter past 2^32 (found by the entry's bit: reading every row's four high parts at random
    // cost -f 11's rows a fifth of their print time): the general writer
    if (ho >= 0) {
      const h = t.his[ep]!;
      out.len = p;
      u64(out, ent[v]!, h[ho]!, 20); out.str('  ');
      u64(out, ent[v + 1]!, h[ho + 1]!, 20); out.str('  ');
      if (wide) { u64(out, ent[v + 2]!, h[ho + 2]!, 20); out.str('  '); u64(out, ent[v + 3]!, h[ho + 3]!, 0); }
      else u64(out, ent[v + 2]!, h[ho + 2]!, padLast);
      out.byte(10);
      b = out.buf; p = out.len;
    } else {
      p = filledCounters(b, p, ent[v]!, ent[v + 1]!, ent[v + 2]!, ent[v + 3]!, wide, padLast);
    }
    if (p > flushAt) { out.len = p; flush?.(); b = out.buf; p = out.len; }
  }
  out.len = p;
  return sink;
}

export { TextBuf };
