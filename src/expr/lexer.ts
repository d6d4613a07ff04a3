/**
 * Lexer of the flowdumper expression language: Perl-style numbers (1_000, 0x1f, 017, 0b101, 1.5e3),
 * '...' and "..." strings ("$var" interpolates), $variables, %hashes, /regex/ and m{regex}, words
 * and operators. Whether `/` and `%` start a regex / hash or are operators depends on whether an
 * operand came just before, as in Perl. Every token carries its [start, end) offsets.
 */
import { ExprError } from './errors.ts';

/** A piece of a double-quoted string: literal text, or a variable to interpolate. */
export type StrPart = string | { name: string; start: number; end: number };

export type Token =
  | { kind: 'num'; value: number | bigint; int: boolean; start: number; end: number }
  | { kind: 'str'; parts: StrPart[]; start: number; end: number }
  | { kind: 'var'; name: string; start: number; end: number }
  | { kind: 'hash'; name: string; start: number; end: number }
  | { kind: 'regex'; source: string; flags: string; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'op'; text: string; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

// longest first
const OPS = [
  '<=>', '**=', '||=', '&&=', '//=', '<<=', '>>=',
  '**', '++', '--', '==', '!=', '<=', '>=', '&&', '||', '//', '=~', '!~', '<<', '>>', '+=', '-=', '*=', '/=',
  '.=', '%=', '&=', '|=', '^=', '=>',
  '=', '+', '-', '*', '/', '%', '.', '<', '>', '!', '~', '&', '|', '^', '?', ':', ',', '(', ')', ';', '{', '}',
];

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_]/;
const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '{': '}', '[': ']', '<': '>' };

/** Split `src` into tokens; throws ExprError on a malformed token. */
export function lex(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  // an operand just ended: `/` divides and `%` is modulus; otherwise they start a regex / hash
  const afterOperand = (): boolean => {
    const t = toks[toks.length - 1];
    if (!t) return false;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'var' || t.kind === 'hash' || t.kind === 'regex') return true;
    if (t.kind === 'op') return t.text === ')' || t.text === '}' || t.text === '++' || t.text === '--';
    return false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '#') { // comment to end of line
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const t = number(src, i);
      toks.push(t);
      i = t.end;
      continue;
    }
    if (c === "'" || c === '"') {
      const t = quoted(src, i);
      toks.push(t);
      i = t.end;
      continue;
    }
    if (c === '$') {
      const t = variable(src, i);
      toks.push(t);
      i = t.end;
      continue;
    }
    if (c === '%' && !afterOperand() && IDENT_START.test(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && IDENT.test(src[j]!)) j++;
      toks.push({ kind: 'hash', name: src.slice(i + 1, j), start, end: j });
      i = j;
      continue;
    }
    if (c === '/' && !afterOperand()) {
      const t = regex(src, i + 1, '/', start);
      toks.push(t);
      i = t.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i;
      while (j < src.length && IDENT.test(src[j]!)) j++;
      const text = src.slice(i, j);
      const next = src[j] ?? '';
      if (text === 'm' && next !== '' && /[^\sA-Za-z0-9_,;)}=]/.test(next) && !afterOperand()) {
        const t = regex(src, j + 1, CLOSERS[next] ?? next, start);
        toks.push(t);
        i = t.end;
        continue;
      }
      toks.push({ kind: 'word', text, start, end: j });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprError('UNEXPECTED_CHAR', `unexpected character ${JSON.stringify(c)}`, [i, i + 1]);
    toks.push({ kind: 'op', text: op, start, end: i + op.length });
    i += op.length;
  }
  toks.push({ kind: 'eof', start: src.length, end: src.length });
  return toks;
}

function number(src: string, i: number): Token {
  const start = i;
  const quad = /^\d+\.\d+\.\d+(?:\.\d+)*/.exec(src.slice(i));
  if (quad) {
    throw new ExprError('BAD_NUMBER', `${quad[0]} is not a number: quote it ("${quad[0]}") and compare it with eq`, [start, start + quad[0].length]);
  }
  const m = /^(?:0[xX][0-9A-Fa-f_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9_]+(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i));
  const text = m![0];
  const end = i + text.length;
  if (IDENT_START.test(src[end] ?? '')) {
    throw new ExprError('BAD_NUMBER', `malformed number ${JSON.stringify(src.slice(start, end + 1))}`, [start, end + 1]);
  }
  const digits = text.replace(/_/g, '');
  const radix = /^0[xX]/.test(digits) ? 16 : /^0[bB]/.test(digits) ? 2 : /^0[0-9]+$/.test(digits) ? 8 : 10;
  if (radix === 10) {
    const value = Number(digits);
    return { kind: 'num', value, int: /^[0-9]+$/.test(digits), start, end };
  }
  const body = radix === 8 ? digits.slice(1) : digits.slice(2);
  if (body === '' || (radix === 8 && /[89]/.test(body))) {
    throw new ExprError('BAD_NUMBER', radix === 8 ? `illegal octal digit in ${text}` : `malformed number ${text}`, [start, end]);
  }
  const big = BigInt((radix === 16 ? '0x' : radix === 2 ? '0b' : '0o') + body);
  if (big >= 1n << 64n) throw new ExprError('BAD_NUMBER', `number ${text} is too large`, [start, end]);
  const value = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  return { kind: 'num', value, int: true, start, end };
}

function variable(src: string, i: number): Token {
  const start = i;
  let j = i + 1;
  if (src[j] === '{') { // ${name}
    const close = src.indexOf('}', j);
    const name = close < 0 ? '' : src.slice(j + 1, close).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ExprError('UNEXPECTED_CHAR', 'malformed ${name}', [start, close < 0 ? j + 1 : close + 1]);
    return { kind: 'var', name, start, end: close + 1 };
  }
  if (/[1-9]/.test(src[j] ?? '')) {
    while (/[0-9]/.test(src[j] ?? '')) j++;
    return { kind: 'var', name: src.slice(i + 1, j), start, end: j };
  }
  if (!IDENT_START.test(src[j] ?? '')) {
    throw new ExprError('UNEXPECTED_CHAR', 'expected a variable name after $', [start, j + 1]);
  }
  while (j < src.length && (IDENT.test(src[j]!) || (src.startsWith('::', j) && IDENT_START.test(src[j + 2] ?? '')))) {
    j += src.startsWith('::', j) ? 2 : 1;
  }
  return { kind: 'var', name: src.slice(i + 1, j), start, end: j };
}

function quoted(src: string, i: number): Token {
  const q = src[i]!;
  const start = i;
  const parts: StrPart[] = [];
  let text = '';
  let j = i + 1;
  for (;;) {
    if (j >= src.length) throw new ExprError('UNTERMINATED_STRING', `string starting here has no closing ${q}`, [start, start + 1]);
    const c = src[j]!;
    if (c === q) { j++; break; }
    if (c === '\\') {
      const n = src[j + 1];
      if (n === undefined) { j++; continue; }
      if (q === "'") {
        text += n === "'" || n === '\\' ? n : `\\${n}`;
        j += 2;
        continue;
      }
      const [s, len] = escape(src, j);
      text += s;
      j += len;
      continue;
    }
    if (q === '"' && c === '$' && /[A-Za-z_{]/.test(src[j + 1] ?? '')) {
      const v = variable(src, j);
      if (text) parts.push(text);
      text = '';
      parts.push({ name: (v as { name: string }).name, start: v.start, end: v.end });
      j = v.end;
      continue;
    }
    text += c;
    j++;
  }
  if (text || parts.length === 0) parts.push(text);
  return { kind: 'str', parts, start, end: j };
}

/** A backslash escape in a double-quoted string at src[j] === '\\': [text, length consumed]. */
function escape(src: string, j: number): [string, number] {
  const n = src[j + 1]!;
  const simple: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', a: '\x07', e: '\x1b', '0': '\0' };
  if (n === 'x') {
    const braced = /^\{([0-9A-Fa-f]*)\}/.exec(src.slice(j + 2));
    if (braced) return [String.fromCharCode(parseInt(braced[1] || '0', 16) & 0xff), 2 + braced[0].length];
    const m = /^[0-9A-Fa-f]{0,2}/.exec(src.slice(j + 2))![0];
    return [String.fromCharCode(m ? parseInt(m, 16) : 0), 2 + m.length];
  }
  if (/[0-7]/.test(n)) {
    const m = /^[0-7]{1,3}/.exec(src.slice(j + 1))![0];
    return [String.fromCharCode(parseInt(m, 8) & 0xff), 1 + m.length];
  }
  return [simple[n] ?? n, 2];
}

function regex(src: string, from: number, close: string, start: number): Token {
  let j = from;
  let source = '';
  while (j < src.length && src[j] !== close) {
    if (src[j] === '\\' && j + 1 < src.length) {
      // \/ is just the delimiter; other escapes stay for the regex engine
      source += src[j + 1] === close ? close : src.slice(j, j + 2);
      j += 2;
      continue;
    }
    source += src[j];
    j++;
  }
  if (j >= src.length) throw new ExprError('UNTERMINATED_REGEX', `regular expression starting here has no closing ${close}`, [start, from]);
  j++;
  const f = /^[a-zA-Z]*/.exec(src.slice(j))![0];
  return { kind: 'regex', source, flags: f, start, end: j + f.length };
}
