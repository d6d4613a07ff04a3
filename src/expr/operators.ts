/**
 * The one precedence table of the expression language, Perl's (perlop), loosest first. The Pratt
 * parser reads binding strength and associativity from here and nowhere else.
 *
 *   level  operators                                   assoc
 *    1     or xor                                       left
 *    2     and                                          left
 *    3     not                                          prefix
 *    4     print printf (list operators, rightward)     -
 *    5     ,                                            left
 *    6     = += -= *= /= .= %= **= &= |= ^= <<= >>= &&= ||= //=   right
 *    7     ?:                                           right
 *    8     || //                                        left
 *    9     &&                                           left
 *   10     | ^                                          left
 *   11     &                                            left
 *   12     == != <=> eq ne cmp                          left
 *   13     < > <= >= lt gt le ge                        left
 *   14     named unary operators (defined, int, lc ...) prefix
 *   15     << >>                                        left
 *   16     + - .                                        left
 *   17     * / %                                        left
 *   18     =~ !~                                        left
 *   19     ! ~ unary + unary -                          prefix
 *   20     **                                           right
 *   21     ++ --                                        prefix / postfix
 */

export const PREC = {
  OR: 1, AND: 2, NOT: 3, LIST_OP: 4, COMMA: 5, ASSIGN: 6, TERNARY: 7, OROR: 8, ANDAND: 9, BITOR: 10, BITAND: 11,
  EQUALITY: 12, RELATIONAL: 13, NAMED_UNARY: 14, SHIFT: 15, ADDITIVE: 16, MULTIPLICATIVE: 17, BIND: 18,
  UNARY: 19, POW: 20, INCDEC: 21,
} as const;

export type OpClass = 'logical' | 'comma' | 'assign' | 'ternary' | 'numeric-compare' | 'string-compare'
  | 'bitwise' | 'shift' | 'arith' | 'concat' | 'bind';

export interface InfixOp {
  prec: number;
  assoc: 'left' | 'right';
  cls: OpClass;
}

const row = (prec: number, assoc: 'left' | 'right', cls: OpClass, ops: string[]): Array<[string, InfixOp]> =>
  ops.map((o) => [o, { prec, assoc, cls }]);

/** Binary (infix) operators, by their text (words included: `eq`, `and`). */
export const INFIX: ReadonlyMap<string, InfixOp> = new Map([
  ...row(PREC.OR, 'left', 'logical', ['or', 'xor']),
  ...row(PREC.AND, 'left', 'logical', ['and']),
  ...row(PREC.COMMA, 'left', 'comma', [',', '=>']),
  ...row(PREC.ASSIGN, 'right', 'assign', ['=', '+=', '-=', '*=', '/=', '.=', '%=', '**=', '&=', '|=', '^=', '<<=', '>>=', '&&=', '||=', '//=']),
  ...row(PREC.TERNARY, 'right', 'ternary', ['?']),
  ...row(PREC.OROR, 'left', 'logical', ['||', '//']),
  ...row(PREC.ANDAND, 'left', 'logical', ['&&']),
  ...row(PREC.BITOR, 'left', 'bitwise', ['|', '^']),
  ...row(PREC.BITAND, 'left', 'bitwise', ['&']),
  ...row(PREC.EQUALITY, 'left', 'numeric-compare', ['==', '!=', '<=>']),
  ...row(PREC.EQUALITY, 'left', 'string-compare', ['eq', 'ne', 'cmp']),
  ...row(PREC.RELATIONAL, 'left', 'numeric-compare', ['<', '>', '<=', '>=']),
  ...row(PREC.RELATIONAL, 'left', 'string-compare', ['lt', 'gt', 'le', 'ge']),
  ...row(PREC.SHIFT, 'left', 'shift', ['<<', '>>']),
  ...row(PREC.ADDITIVE, 'left', 'arith', ['+', '-']),
  ...row(PREC.ADDITIVE, 'left', 'concat', ['.']),
  ...row(PREC.MULTIPLICATIVE, 'left', 'arith', ['*', '/', '%']),
  ...row(PREC.BIND, 'left', 'bind', ['=~', '!~']),
  ...row(PREC.POW, 'right', 'arith', ['**']),
]);

/** Prefix operators and the level their operand is parsed at. */
export const PREFIX: ReadonlyMap<string, { operandPrec: number }> = new Map([
  ['not', { operandPrec: PREC.NOT }],
  ['!', { operandPrec: PREC.UNARY }],
  ['~', { operandPrec: PREC.UNARY }],
  ['-', { operandPrec: PREC.UNARY }],
  ['+', { operandPrec: PREC.UNARY }],
  ['++', { operandPrec: PREC.INCDEC }],
  ['--', { operandPrec: PREC.INCDEC }],
]);

/** Word operators: these words are never function names. */
export const WORD_OPS: ReadonlySet<string> = new Set(['or', 'xor', 'and', 'not', 'eq', 'ne', 'cmp', 'lt', 'gt', 'le', 'ge', 'if', 'unless', 'x']);
