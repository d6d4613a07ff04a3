/**
 * The built-in functions the expression language knows, with their argument counts and result
 * types. Named unary functions (defined, int, lc ...) take one argument without parentheses and
 * bind like Perl's named unary operators; list functions (sprintf, substr, index) need parentheses
 * unless they are the last thing in the expression.
 */

export type ValueType = 'num' | 'str' | 'bool' | 'any';

export interface FunctionDef {
  min: number;
  max: number;
  /** parses `f EXPR` at the named-unary level */
  unary: boolean;
  result: ValueType;
  /** what the argument is used as (for the numeric-on-string check); 'any' = no check */
  args: 'num' | 'str' | 'any';
}

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ['defined', { min: 1, max: 1, unary: true, result: 'bool', args: 'any' }],
  ['int', { min: 1, max: 1, unary: true, result: 'num', args: 'num' }],
  ['abs', { min: 1, max: 1, unary: true, result: 'num', args: 'num' }],
  ['sqrt', { min: 1, max: 1, unary: true, result: 'num', args: 'num' }],
  ['log', { min: 1, max: 1, unary: true, result: 'num', args: 'num' }],
  ['exp', { min: 1, max: 1, unary: true, result: 'num', args: 'num' }],
  ['hex', { min: 1, max: 1, unary: true, result: 'num', args: 'str' }],
  ['oct', { min: 1, max: 1, unary: true, result: 'num', args: 'str' }],
  ['length', { min: 1, max: 1, unary: true, result: 'any', args: 'str' }],
  ['lc', { min: 1, max: 1, unary: true, result: 'str', args: 'str' }],
  ['uc', { min: 1, max: 1, unary: true, result: 'str', args: 'str' }],
  ['scalar', { min: 1, max: 1, unary: true, result: 'any', args: 'any' }],
  ['sprintf', { min: 1, max: Infinity, unary: false, result: 'str', args: 'any' }],
  ['substr', { min: 2, max: 3, unary: false, result: 'any', args: 'any' }],
  ['index', { min: 2, max: 3, unary: false, result: 'num', args: 'any' }],
]);
