/**
 * flow-export's field selection (-m): the FT_XFIELD_* bit mask, given as a number (strtoull, any C
 * base) or as comma-separated field names (ftxfield_parse: case-insensitive, each name once, in
 * ascending bit order), and the CSV column names of a mask in flow-tools' output order.
 */
import { FIELD_DEFS, FIELD_NAMES, type FieldName } from '../format/fields.ts';

/** Every bit set: no -m given. */
export const ALL_FIELDS = (1n << 64n) - 1n;

/** The name ftxfield_parse() and the CSV header use for a field: flow-tools' name, lower case. */
export function xfieldName(f: FieldName): string {
  return f.toLowerCase();
}

export function xbit(f: FieldName): bigint {
  return 1n << BigInt(FIELD_DEFS[f].xbit);
}

/** The fields of `mask`, in FT_XFIELD bit order. */
export function maskFields(mask: bigint): FieldName[] {
  return FIELD_NAMES.filter((f) => (mask & xbit(f)) !== 0n);
}

/**
 * CSV column order (fmt_xfields_val): bit order, except that marked_tos comes before extra_pkts.
 * The header line (fmt_xfields_type) keeps plain bit order and labels peer_nexthop "nexthop".
 */
export function csvValueOrder(mask: bigint): FieldName[] {
  const fields = maskFields(mask);
  const e = fields.indexOf('extra_pkts');
  const m = fields.indexOf('marked_tos');
  if (e >= 0 && m >= 0) { fields[e] = 'marked_tos'; fields[m] = 'extra_pkts'; }
  return fields;
}

export function csvHeaderNames(mask: bigint): string[] {
  return maskFields(mask).map((f) => (f === 'peer_nexthop' ? 'nexthop' : xfieldName(f)));
}

export class MaskError extends Error {}

/** ftxfield_parse(): "srcaddr,DSTADDR" to a mask; the MaskError message is flow-tools' warning. */
export function parseFieldNames(text: string): bigint {
  let mask = 0n;
  for (const word of text.split(',')) {
    const f = FIELD_NAMES.find((n) => xfieldName(n) === word.toLowerCase());
    if (!f) throw new MaskError(`Unrecognized field: ${word}`);
    const bit = xbit(f);
    if (mask & bit) throw new MaskError(`Duplicate field: ${word}`);
    // a field whose bit is below one already given would not print where it was asked for
    if (bit < mask) throw new MaskError(`Out of order field: ${word}`);
    mask |= bit;
  }
  return mask;
}

/**
 * C strtoull(text, NULL, 0): leading blanks, a sign, 0x/0X hex, a leading 0 octal, else decimal;
 * stops at the first character that is not a digit of the base; overflow gives all ones; a minus
 * sign negates modulo 2^64.
 */
export function strtoull(text: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX](?=[0-9a-fA-F])|0)?([0-9a-fA-F]*)/.exec(text)!;
  const prefix = m[2] ?? '';
  const base = prefix.length === 2 ? 16 : prefix === '0' ? 8 : 10;
  const digits = /^[0-9a-fA-F]*/.exec(m[3]!)![0];
  const valid = base === 16 ? digits : (digits.match(base === 8 ? /^[0-7]*/ : /^[0-9]*/)![0]);
  let v = 0n;
  for (const c of valid) {
    v = v * BigInt(base) + BigInt(parseInt(c, 16));
    if (v > ALL_FIELDS) return ALL_FIELDS;
  }
  return m[1] === '-' ? BigInt.asUintN(64, -v) : v;
}

/** -m: names when the text starts with a letter (isalpha), else a number. */
export function parseMask(text: string): { mask: bigint; byName: boolean } {
  if (/^[A-Za-z]/.test(text)) return { mask: parseFieldNames(text), byName: true };
  return { mask: strtoull(text), byName: false };
}
