/**
 * Perl's sprintf for printf/sprintf in expressions: %% %c %s %d %i %u %o %x %X %b %e %E %f %F %g %G
 * with flags (-+ 0#), width and precision (digits or *), and the h/l/q/L/V size letters (h casts
 * integers to 16 bits, as C's short). A malformed conversion is copied as is, like Perl.
 */
import { fmtG, num, str, toUV, type PerlValue } from './perl-values.ts';

const SPEC = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|q|L|V)?([%csdiuoxXbBeEfFgG])/y;

export function perlSprintf(fmt: string, args: readonly PerlValue[]): string {
  let out = '';
  let ai = 0;
  const next = (): PerlValue => args[ai++];
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(fmt);
    if (!m) { out += '%'; i = pct + 1; continue; }
    i = SPEC.lastIndex;
    const flagText = m[1] ?? '';
    const widthText = m[2];
    const precText = m[3];
    const size = m[4];
    const conv = m[5]!;
    if (conv === '%') { out += '%'; continue; }
    let left = flagText.includes('-');
    let width = 0;
    if (widthText === '*') {
      width = Math.trunc(num(next()));
      if (width < 0) { left = true; width = -width; }
    } else if (widthText) width = Number(widthText);
    let prec: number | undefined;
    if (precText !== undefined) {
      prec = precText === '*' ? Math.trunc(num(next())) : Number(precText || '0');
      if (prec < 0) prec = undefined;
    }
    const flags = { left, plus: flagText.includes('+'), space: flagText.includes(' '), zero: flagText.includes('0'), alt: flagText.includes('#') };
    out += convert(conv, next(), flags, width, prec, size);
  }
  return out;
}

interface Flags { left: boolean; plus: boolean; space: boolean; zero: boolean; alt: boolean }

function convert(conv: string, v: PerlValue, f: Flags, width: number, prec: number | undefined, size: string | undefined): string {
  switch (conv) {
    case 'c': return pad(String.fromCharCode(Math.trunc(num(v)) & 0xffff), f, width, false);
    case 's': {
      let s = str(v);
      if (prec !== undefined) s = s.slice(0, prec);
      return pad(s, f, width, false);
    }
    case 'd': case 'i': {
      let n = num(v);
      if (!Number.isFinite(n)) return pad(Number.isNaN(n) ? 'NaN' : n > 0 ? 'Inf' : '-Inf', f, width, false);
      n = Math.trunc(n);
      let b = typeof v === 'bigint' ? BigInt.asIntN(64, v) : BigInt(n);
      if (size === 'h') b = BigInt.asIntN(16, b);
      else if (size === 'hh') b = BigInt.asIntN(8, b);
      const negative = b < 0n;
      let digits = (negative ? -b : b).toString();
      if (prec !== undefined) digits = prec === 0 && b === 0n ? '' : digits.padStart(prec, '0');
      const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
      return padNumber(sign, digits, f, width, prec === undefined);
    }
    case 'u': case 'o': case 'x': case 'X': case 'b': case 'B': {
      let b = toUV(v);
      if (size === 'h') b = BigInt.asUintN(16, b);
      else if (size === 'hh') b = BigInt.asUintN(8, b);
      const radix = conv === 'u' ? 10 : conv === 'o' ? 8 : conv === 'b' || conv === 'B' ? 2 : 16;
      let digits = b.toString(radix);
      if (conv === 'X') digits = digits.toUpperCase();
      if (prec !== undefined) digits = prec === 0 && b === 0n ? '' : digits.padStart(prec, '0');
      let prefix = '';
      if (f.alt && b !== 0n) {
        if (conv === 'x') prefix = '0x';
        else if (conv === 'X') prefix = '0X';
        else if (conv === 'b') prefix = '0b';
        else if (conv === 'B') prefix = '0B';
        else if (conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
      }
      return padNumber(prefix, digits, f, width, prec === undefined);
    }
    default: { // e E f F g G
      const n = num(v);
      const p = prec ?? 6;
      let body: string;
      const a = Math.abs(n);
      if (!Number.isFinite(n)) body = Number.isNaN(n) ? 'NaN' : 'Inf';
      else if (conv === 'f' || conv === 'F') body = a.toFixed(Math.min(p, 100));
      else if (conv === 'e' || conv === 'E') body = expForm(a, p);
      else body = fmtG(a, p, f.alt);
      if (conv === 'E' || conv === 'G') body = body.toUpperCase();
      const negative = n < 0 || Object.is(n, -0);
      const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
      return padNumber(sign, body, f, width, Number.isFinite(n));
    }
  }
}

function expForm(a: number, p: number): string {
  const [mant, e] = a.toExponential(Math.min(p, 100)).split('e') as [string, string];
  const sign = e[0] === '-' ? '-' : '+';
  const digits = e.replace(/^[+-]/, '');
  return `${mant}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

function pad(s: string, f: Flags, width: number, zeroOk: boolean): string {
  if (s.length >= width) return s;
  if (f.left) return s + ' '.repeat(width - s.length);
  return (zeroOk && f.zero ? '0' : ' ').repeat(width - s.length) + s;
}

/** sign/prefix, then zeros (flag 0, right-justified) or spaces, then the digits */
function padNumber(prefix: string, digits: string, f: Flags, width: number, zeroOk: boolean): string {
  const len = prefix.length + digits.length;
  if (len >= width) return prefix + digits;
  if (f.left) return prefix + digits + ' '.repeat(width - len);
  if (f.zero && zeroOk) return prefix + '0'.repeat(width - len) + digits;
  return ' '.repeat(width - len) + prefix + digits;
}
