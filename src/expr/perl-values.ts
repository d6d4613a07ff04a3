/**
 * Perl scalar semantics for compiled expressions. A value is a number, a string, a boolean (the
 * result of a comparison: 1 or ""), a bigint (an unsigned 64-bit result of a bitwise operator above
 * 2^53) or undefined (undef). Numbers print like Perl's %.15g, strings numify like Perl's
 * (leading number, rest ignored; "0x1f" is 0), bitwise operators work on unsigned 64-bit integers.
 */

export type PerlValue = number | string | boolean | bigint | undefined;

/** Thrown at run time where Perl would die ("Illegal division by zero"). */
export class ExprRuntimeError extends Error {}

const NUM_PREFIX = /^\s*([+-]?)(?:(inf(?:inity)?|nan)|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))/i;
const WHOLE_NUMBER = /^\s*[+-]?(?:inf(?:inity)?|nan|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)\s*$/i;

/** Perl's looks_like_number(): the whole string is a number (surrounding whitespace allowed). */
export function looksLikeNumber(s: string): boolean {
  return WHOLE_NUMBER.test(s);
}

/** A string's numeric value as Perl computes it. */
export function numify(s: string): number {
  const m = NUM_PREFIX.exec(s);
  if (!m) return 0;
  const neg = m[1] === '-';
  let v: number;
  if (m[2]) v = m[2].toLowerCase() === 'nan' ? NaN : Infinity;
  else v = Number(m[3]);
  return neg ? -v : v;
}

export function num(v: PerlValue): number {
  switch (typeof v) {
    case 'number': return v;
    case 'string': return numify(v);
    case 'boolean': return v ? 1 : 0;
    case 'bigint': return Number(v);
    default: return 0;
  }
}

export function str(v: PerlValue): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return fmtNum(v);
    case 'boolean': return v ? '1' : '';
    case 'bigint': return v.toString();
    default: return '';
  }
}

export function truthy(v: PerlValue): boolean {
  switch (typeof v) {
    case 'string': return v !== '' && v !== '0';
    case 'number': return v !== 0;
    case 'boolean': return v;
    case 'bigint': return v !== 0n;
    default: return false;
  }
}

/** Perl's stringification of a number: integers exactly, others as %.15g. */
export function fmtNum(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Inf' : '-Inf';
  return fmtG(n, 15, false);
}

/** C's %.{prec}g (alt: keep trailing zeros, as with '#'). */
export function fmtG(n: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (n === 0) return alt ? (0).toFixed(p - 1) : Object.is(n, -0) ? '-0' : '0';
  const exp = Number(n.toExponential(p - 1).split('e')[1]);
  if (exp < -4 || exp >= p) {
    const [mant, e] = n.toExponential(p - 1).split('e') as [string, string];
    const m = alt ? mant : stripZeros(mant);
    const sign = e[0] === '-' ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${m}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  const fixed = n.toFixed(Math.max(0, p - 1 - exp));
  return alt ? fixed : stripZeros(fixed);
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// ---------------------------------------------------------------------------------------------
// arithmetic

export function div(a: PerlValue, b: PerlValue): number {
  const d = num(b);
  if (d === 0) throw new ExprRuntimeError('Illegal division by zero');
  return num(a) / d;
}

/** Perl's %: integer operands, the result takes the sign of the right operand. */
export function mod(a: PerlValue, b: PerlValue): number {
  const x = Math.trunc(num(a));
  const y = Math.trunc(num(b));
  if (y === 0 || Number.isNaN(y)) throw new ExprRuntimeError('Illegal modulus zero');
  let r = x % y;
  if (r !== 0 && (r < 0) !== (y < 0)) r += y;
  return r;
}

/** Unary minus: numbers negate; a string that is not a number gets a "-" prefixed (Perl's -bareword). */
export function neg(v: PerlValue): PerlValue {
  if (typeof v === 'string' && !looksLikeNumber(v) && v !== '') {
    if (/^[A-Za-z_]/.test(v)) return `-${v}`;
    if (v[0] === '-') return `+${v.slice(1)}`;
    if (v[0] === '+') return `-${v.slice(1)}`;
  }
  return -num(v);
}

/** ++: numbers add 1; "aa9" becomes "ab0" (Perl's magic string increment). */
export function inc(v: PerlValue): PerlValue {
  if (typeof v === 'string' && v !== '' && /^[a-zA-Z]*[0-9]*$/.test(v)) {
    const chars = v.split('');
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      const c = chars[i]!;
      if (c === 'z') { chars[i] = 'a'; continue; }
      if (c === 'Z') { chars[i] = 'A'; continue; }
      if (c === '9') { chars[i] = '0'; continue; }
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    const first = v[0]!;
    const lead = /[a-z]/.test(first) ? 'a' : /[A-Z]/.test(first) ? 'A' : '1';
    return lead + chars.join('');
  }
  return num(v) + 1;
}

// ---------------------------------------------------------------------------------------------
// bitwise: unsigned 64-bit, like Perl without `use integer`

const U64 = (1n << 64n) - 1n;
const TWO64 = 18446744073709551616;

function uv(v: PerlValue): bigint {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v);
  const n = num(v);
  if (Number.isNaN(n)) return 0n;
  if (n >= TWO64) return U64;
  if (n <= -9223372036854775808) return 1n << 63n;
  return BigInt.asUintN(64, BigInt(Math.trunc(n)));
}

function fromUV(b: bigint): number | bigint {
  return b <= 9007199254740991n ? Number(b) : b;
}

/** x as a u32 when it is a number in [0, 2^32) with no fraction, else -1 */
function small(v: PerlValue): number {
  return typeof v === 'number' && v >= 0 && v <= 0xffffffff && v === Math.floor(v) ? v : -1;
}

export function band(a: PerlValue, b: PerlValue): number | bigint {
  const x = small(a), y = small(b);
  if (x >= 0 && y >= 0) return (x & y) >>> 0;
  return fromUV(uv(a) & uv(b));
}

export function bor(a: PerlValue, b: PerlValue): number | bigint {
  const x = small(a), y = small(b);
  if (x >= 0 && y >= 0) return (x | y) >>> 0;
  return fromUV(uv(a) | uv(b));
}

export function bxor(a: PerlValue, b: PerlValue): number | bigint {
  const x = small(a), y = small(b);
  if (x >= 0 && y >= 0) return (x ^ y) >>> 0;
  return fromUV(uv(a) ^ uv(b));
}

export function bnot(a: PerlValue): number | bigint {
  return fromUV(~uv(a) & U64);
}

export function shl(a: PerlValue, b: PerlValue): number | bigint {
  const n = Math.trunc(num(b));
  if (n < 0) return shr(a, -n);
  if (n >= 64) return 0;
  return fromUV((uv(a) << BigInt(n)) & U64);
}

export function shr(a: PerlValue, b: PerlValue): number | bigint {
  const n = Math.trunc(num(b));
  if (n < 0) return shl(a, -n);
  if (n >= 64) return 0;
  return fromUV(uv(a) >> BigInt(n));
}

/** Perl's unsigned view of a number for %u / %x / %o / %b. */
export function toUV(v: PerlValue): bigint {
  return uv(v);
}

// ---------------------------------------------------------------------------------------------
// comparison

export function ncmp(a: PerlValue, b: PerlValue): number | undefined {
  const x = num(a), y = num(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function scmp(a: PerlValue, b: PerlValue): number {
  const x = str(a), y = str(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
