/**
 * The interface lists of a term's input-filter and output-filter, read as load_lookup()
 * (lib/support.c) reads them: "1,2,5-9", numbers in C notation (strtol base 0: 0x.. hex, 0.. octal),
 * a leading "!" for every index but those listed. Text between the numbers and the next ',' or '-'
 * is skipped, and an empty item reads as 0, as flow-tools does. An index past the table fails.
 */

export interface IndexList {
  /** 1 where the index passes */
  table?: Uint8Array;
  /** load_lookup() failed: why, and where in the word */
  error?: { message: string; at: number; length: number };
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** (unsigned) strtol(s, NULL, 0): the value as a u_int32, and how many characters it took. */
export function strtolUnsigned(s: string): { value: number; used: number } {
  const m = /^[\t\n\v\f\r ]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return { value: 0, used: 0 };
  const body = m[2]!;
  let v = body.length > 1 && (body[1] === 'x' || body[1] === 'X') ? BigInt(body) : body[0] === '0' ? BigInt(`0o${body.slice(1) || '0'}`) : BigInt(body);
  if (m[1] === '-') v = -v;
  // strtol saturates at LONG_MIN/LONG_MAX; the cast keeps the low 32 bits
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < LONG_MIN) v = LONG_MIN;
  return { value: Number(BigInt.asUintN(32, v)), used: m[0].length };
}

const skipToSep = (s: string, p: number): number => {
  while (p < s.length && s[p] !== ',' && s[p] !== '-') p++;
  return p;
};

/** load_lookup(word, size): the table of a list word, or why flow-tools refuses it. */
export function loadIndexList(s: string, size = 65536): IndexList {
  let p = 0;
  while (s[p] === ' ' || s[p] === '\t') p++;
  const table = new Uint8Array(size);
  let k = 1;
  if (s[p] === '!') {
    table.fill(1);
    k = 0;
    p++;
  }
  const fail = (at: number, value: number): IndexList => {
    const end = Math.max(skipToSep(s, at), at + 1);
    return { error: { message: `load_lookup(): failed: ${value} is out of range (interface indexes are 0-${size - 1})`, at, length: end - at } };
  };
  while (p < s.length) {
    const first = strtolUnsigned(s.slice(p));
    if (first.value >= size) return fail(p, first.value);
    table[first.value] = k;
    p = skipToSep(s, p);
    if (s[p] === '-') {
      p++;
      const last = strtolUnsigned(s.slice(p));
      if (last.value >= size) return fail(p, last.value);
      if (last.value >= first.value) table.fill(k, first.value, last.value + 1);
      p = skipToSep(s, p);
    }
    while (p < s.length && (s[p] === ',' || s[p] === '-')) p++;
  }
  return { table };
}
