/**
 * The checker: resolves every $name (flow variable, constant, capture, or a user variable some
 * program assigns), refuses assignments to flow variables, checks function arguments and regexes,
 * and flags the comparisons Perl would warn about or that are always false ("$srcip == ...",
 * "$srcaddr eq '10.0.0.1'"). Also tells whether a program has side effects (needs input order).
 */
import { walkProgram, type Node, type Program } from './ast.ts';
import { ExprError } from './errors.ts';
import { FUNCTIONS } from './functions.ts';
import { INFIX } from './operators.ts';
import { looksLikeNumber } from './perl-values.ts';
import { translateRegex } from './regex.ts';
import { CONSTANTS, FLOW_VARS, closest } from './variables.ts';

/** The user variables of a set of programs that run together (-I, -e, -E). */
export interface Scope {
  scalars: ReadonlySet<string>;
  hashes: ReadonlySet<string>;
}

export type NameKind = 'flow' | 'const' | 'capture' | 'user';

/** Collect the user variables the programs assign (a variable is declared by assigning it). */
export function scopeOf(programs: readonly Program[]): Scope {
  const scalars = new Set<string>();
  const hashes = new Set<string>();
  const target = (t: Node): void => {
    if (t.type === 'var' && !FLOW_VARS.has(t.name) && !CONSTANTS.has(t.name) && !/^\d+$/.test(t.name)) scalars.add(t.name);
    if (t.type === 'elem') hashes.add(t.name);
  };
  for (const p of programs) {
    walkProgram(p, (n) => {
      if (n.type === 'assign' || n.type === 'incdec') target(n.target);
    });
  }
  return { scalars, hashes };
}

export function nameKind(name: string, scope: Scope): NameKind | undefined {
  if (FLOW_VARS.has(name)) return 'flow';
  if (CONSTANTS.has(name)) return 'const';
  if (/^\d+$/.test(name)) return 'capture';
  if (scope.scalars.has(name)) return 'user';
  return undefined;
}

/** Does running the program change anything (variables, output, exit)? Pure programs can run in workers. */
export function hasSideEffects(p: Program): boolean {
  let effects = false;
  walkProgram(p, (n) => {
    if (n.type === 'assign' || n.type === 'incdec' || n.type === 'print' || n.type === 'exit' || n.type === 'keys' || n.type === 'elem') effects = true;
    if (n.type === 'var' && !FLOW_VARS.has(n.name) && !CONSTANTS.has(n.name) && !/^\d+$/.test(n.name)) effects = true;
  });
  return effects;
}

/** All the errors in `p`, in source order (empty when the program is fine). */
export function check(p: Program, scope: Scope): ExprError[] {
  const errors: ExprError[] = [];
  const err = (code: ExprError['code'], msg: string, start: number, end: number): void => {
    errors.push(new ExprError(code, msg, [start, end]));
  };
  walkProgram(p, (n) => {
    switch (n.type) {
      case 'var': {
        if (nameKind(n.name, scope)) break;
        const guess = closest(n.name, [...FLOW_VARS.keys(), ...CONSTANTS.keys(), ...scope.scalars]);
        err('UNKNOWN_VARIABLE', `unknown variable $${n.name}${guess ? `; did you mean $${guess}?` : ' (a user variable must be assigned somewhere)'}`, n.start, n.end);
        break;
      }
      case 'elem': case 'keys': {
        if (scope.hashes.has(n.name)) break;
        const guess = closest(n.name, scope.hashes);
        const start = n.type === 'keys' ? n.nameStart : n.start;
        err('UNKNOWN_VARIABLE', `unknown hash %${n.name}${guess ? `; did you mean %${guess}?` : ' (a hash must be assigned somewhere)'}`, start, start + n.name.length + 1);
        break;
      }
      case 'assign': case 'incdec': {
        const t = n.target;
        if (t.type === 'elem') break;
        if (t.type !== 'var') { err('NOT_ASSIGNABLE', 'only a $variable or $hash{key} can be assigned', t.start, t.end); break; }
        const kind = FLOW_VARS.has(t.name) ? 'flow variable' : CONSTANTS.has(t.name) ? 'constant' : /^\d+$/.test(t.name) ? 'capture variable' : '';
        if (kind) err('READ_ONLY', `$${t.name} is a ${kind} and cannot be changed`, t.start, t.end);
        break;
      }
      case 'call': {
        const f = FUNCTIONS.get(n.name)!;
        if (n.args.length < f.min || n.args.length > f.max) {
          const want = f.min === f.max ? `${f.min}` : f.max === Infinity ? `at least ${f.min}` : `${f.min} to ${f.max}`;
          err('BAD_ARGUMENTS', `${n.name} takes ${want} argument${want === '1' ? '' : 's'}, not ${n.args.length}`, n.start, n.end);
        } else if (f.args === 'num') {
          for (const a of n.args) numericOperand(a, n.name, err);
        }
        break;
      }
      case 'match':
        try {
          translateRegex(n.source, n.flags);
        } catch (e) {
          err('BAD_REGEX', `bad regular expression: ${(e as Error).message}`, n.reStart, n.reEnd);
        }
        break;
      case 'unary':
        if (n.op === '~') numericOperand(n.arg, n.op, err);
        break;
      case 'binary': {
        const cls = INFIX.get(n.op)?.cls;
        if (cls === 'numeric-compare' || cls === 'arith' || cls === 'bitwise' || cls === 'shift') {
          numericOperand(n.left, n.op, err);
          numericOperand(n.right, n.op, err);
        } else if (cls === 'string-compare') {
          addressAsString(n.left, n.right, n.op, err);
          addressAsString(n.right, n.left, n.op, err);
        }
        break;
      }
      default: break;
    }
  });
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

type Report = (code: ExprError['code'], msg: string, start: number, end: number) => void;

/** A numeric operator given a value Perl would warn "isn't numeric" about. */
function numericOperand(n: Node, op: string, err: Report): void {
  const use = op === '==' ? 'eq' : op === '!=' ? 'ne' : op === '<' ? 'lt' : op === '>' ? 'gt' : op === '<=' ? 'le' : op === '>=' ? 'ge' : '';
  const hint = use ? `; compare strings with ${use}` : '';
  if (n.type === 'str' && !looksLikeNumber(n.value)) {
    err('NUMERIC_ON_STRING', `${JSON.stringify(n.value)} is not a number, but ${op} works on numbers (Perl would warn "isn't numeric")${hint}`, n.start, n.end);
  } else if (n.type === 'var' && FLOW_VARS.get(n.name)?.type === 'str') {
    const asInt = intForm(n.name);
    err('NUMERIC_ON_STRING', `$${n.name} is a string, but ${op} works on numbers (Perl would warn "isn't numeric")${hint}${asInt ? `, or use $${asInt}` : ''}`, n.start, n.end);
  }
}

/** `$srcaddr eq "10.0.0.1"`: an integer address against a dotted quad is never equal. */
function addressAsString(a: Node, b: Node, op: string, err: Report): void {
  if (a.type !== 'var' || b.type !== 'str' || !/^\d+\.\d+\.\d+\.\d+$/.test(b.value)) return;
  const dotted = dottedForm(a.name);
  if (!dotted) return;
  err('STRING_ON_ADDRESS', `$${a.name} is an integer, so ${op} "${b.value}" is never true; use $${dotted} ${op} "${b.value}"`, a.start, a.end);
}

const ADDRESS_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['exporter', 'exporterip'], ['srcaddr', 'srcip'], ['dstaddr', 'dstip'], ['nexthop', 'nexthopip'],
];

function dottedForm(name: string): string | undefined {
  return ADDRESS_PAIRS.find(([i]) => i === name)?.[1];
}

function intForm(name: string): string | undefined {
  return ADDRESS_PAIRS.find(([, d]) => d === name)?.[0];
}
