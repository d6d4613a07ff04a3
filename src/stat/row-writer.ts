/**
 * TextBuf adapters for report rows (millions of lines for the pair reports) over flow-print's byte
 * writers (src/print/cfmt.ts): counters as fmt_uint64 prints them (left-justified, optionally padded
 * to 20, exact beyond 2^53), dotted quads and prefixes padded to their columns, printf's "%-N.Ns".
 */
import { dec, ipv4Left, padTo, prefixLeft } from '../print/cfmt.ts';
import { TextBuf } from '../util/textbuf.ts';
import { u64Big } from './cformat.ts';

/** Dotted quad of a host-order address, padded with spaces to `w` (>= 15) characters. */
export function ipPad(out: TextBuf, a: number, w: number): void {
  out.ensure(w);
  out.len = ipv4Left(out.buf, out.len, a, w);
}

/** fmt_ipv4prefix ("10.1/16") padded to `w` (>= 18) characters. */
export function prefixPad(out: TextBuf, a: number, len: number, w: number): void {
  out.ensure(w);
  out.len = prefixLeft(out.buf, out.len, a, len, w);
}

/** A counter (lo + hi * 2^32), left-justified; padded with spaces to `w` (0: no padding). */
export function u64(out: TextBuf, lo: number, hi: number, w: number): void {
  if (hi === 0 && lo <= Number.MAX_SAFE_INTEGER) {
    out.ensure(w > 20 ? w : 20);
    const start = out.len;
    out.len = padTo(out.buf, dec(out.buf, start, lo), start, w);
    return;
  }
  const s = u64Big(lo, hi).toString();
  out.str(s);
  out.fill(32, w - s.length);
}

/** printf("%-w.ws", s): cut to w characters, padded to w. */
export function strPad(out: TextBuf, s: string, w: number): void {
  if (s.length >= w) out.str(s.length === w ? s : s.slice(0, w));
  else { out.str(s); out.fill(32, w - s.length); }
}
