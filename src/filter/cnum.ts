/**
 * The C library conversions flow-tools applies to config words, with their exact leniency:
 * strtoul(s, 0, 0) (hex/octal prefixes, sign, stops at junk), atoi() and strtod(). Each also says
 * how much of the word it used, so the validator can point out "8080abc" read as 8080.
 */

export interface Parsed {
  /** the value as the C code stores it */
  value: number;
  /** characters consumed (0: no digits at all) */
  used: number;
}

const ULONG_MAX = (1n << 64n) - 1n;
const isSpace = (c: string | undefined): boolean => c === ' ' || (c !== undefined && c >= '\t' && c <= '\r');

function digitValue(c: string): number {
  const d = c.charCodeAt(0);
  if (d >= 48 && d <= 57) return d - 48;
  if (d >= 97 && d <= 122) return d - 87;
  if (d >= 65 && d <= 90) return d - 55;
  return 99;
}

/**
 * strtoul(s, NULL, 10) kept to 32 bits, as a u_int32 stores it: leading space and a sign, decimal
 * digits; past ULONG_MAX (64 bits) it saturates, and a '-' value is negated.
 */
export function strtoul10(s: string): number {
  const m = /^\s*([+-]?)(\d*)/.exec(s)!;
  if (!m[2]) return 0;
  const v = BigInt(m[2]);
  const sat = v > 0xffffffffffffffffn ? 0xffffffffffffffffn : v;
  return Number(BigInt.asUintN(32, m[1] === '-' ? -sat : sat));
}

/** strtoul(s, NULL, 0) as a 64-bit unsigned long; `value` is its low 32 bits (a u_int32 store). */
export function strtoul(s: string): Parsed & { ulong: bigint } {
  let i = 0;
  while (isSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s[i + 2] ?? '') < 16) { base = 16; i += 2; }
  else if (s[i] === '0') base = 8;
  const first = i;
  let v = 0n;
  let overflow = false;
  while (i < s.length && digitValue(s[i]!) < base) {
    v = v * BigInt(base) + BigInt(digitValue(s[i]!));
    if (v > ULONG_MAX) overflow = true;
    i++;
  }
  if (i === first) return { value: 0, used: 0, ulong: 0n };
  let u = overflow ? ULONG_MAX : v;
  if (neg && !overflow) u = (-u) & ULONG_MAX;
  return { value: Number(u & 0xffffffffn), used: i, ulong: u };
}

/** atoi(): decimal, optional sign, an int (32-bit) result. */
export function atoi(s: string): Parsed {
  let i = 0;
  while (isSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  const first = i;
  let v = 0n;
  while (i < s.length && s[i]! >= '0' && s[i]! <= '9') v = v * 10n + BigInt(s.charCodeAt(i++) - 48);
  if (i === first) return { value: 0, used: 0 };
  const LONG_MAX = (1n << 63n) - 1n;
  if (v > LONG_MAX) v = neg ? LONG_MAX + 1n : LONG_MAX;
  const l = neg ? -v : v;
  return { value: Number(BigInt.asIntN(32, l)), used: i };
}

/** strtod(): decimal and hex floats, inf, nan. */
export function strtod(s: string): Parsed {
  let i = 0;
  while (isSpace(s[i])) i++;
  const m = /^[+-]?(?:inf(?:inity)?|nan|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i
    .exec(s.slice(i));
  if (!m) return { value: 0, used: 0 };
  const t = m[0];
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '').toLowerCase();
  let v: number;
  if (body.startsWith('inf')) v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (body.startsWith('0x')) {
    const [mant, exp] = body.slice(2).split('p');
    const [ip, fp = ''] = mant!.split('.');
    v = parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0);
    if (exp !== undefined) v *= 2 ** Number(exp);
  } else v = Number(body);
  return { value: neg ? -v : v, used: i + t.length };
}

/** C isalpha() in the C locale. */
export function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}
