/**
 * The syntax tree of the expression language. Every node keeps its [start, end) source offsets so
 * the checker can point at it. Plain data: no behaviour here.
 */

interface At { start: number; end: number }

export type Node =
  | (At & { type: 'num'; value: number | bigint; int: boolean })
  | (At & { type: 'str'; value: string })
  /** "...$var..." : the parts concatenated */
  | (At & { type: 'interp'; parts: Node[] })
  /** $name: a flow variable, a constant, a capture ($1) or a user variable (the checker decides) */
  | (At & { type: 'var'; name: string })
  /** $name{key}: an element of user hash %name */
  | (At & { type: 'elem'; name: string; key: Node })
  /** keys %name (the number of keys: scalar context only) */
  | (At & { type: 'keys'; name: string; nameStart: number })
  | (At & { type: 'unary'; op: '!' | 'not' | '-' | '+' | '~'; arg: Node })
  | (At & { type: 'binary'; op: string; left: Node; right: Node; opStart: number; opEnd: number })
  /** && || // and or xor: short-circuit, the value of the last operand evaluated */
  | (At & { type: 'logical'; op: '&&' | '||' | '//' | 'xor'; left: Node; right: Node })
  | (At & { type: 'match'; negate: boolean; target: Node; source: string; flags: string; reStart: number; reEnd: number })
  | (At & { type: 'cond'; test: Node; then: Node; else: Node })
  | (At & { type: 'assign'; op: string; target: Node; value: Node })
  | (At & { type: 'incdec'; op: '++' | '--'; prefix: boolean; target: Node })
  | (At & { type: 'call'; name: string; args: Node[]; nameEnd: number })
  | (At & { type: 'print'; fn: 'print' | 'printf'; handle: 'STDOUT' | 'STDERR'; args: Node[] })
  /** a, b: evaluates both, the value of the last */
  | (At & { type: 'comma'; items: Node[] })
  | (At & { type: 'exit'; arg: Node | null });

export type NodeOf<T extends Node['type']> = Extract<Node, { type: T }>;

/** One statement: an expression, optionally guarded by a trailing `if EXPR` / `unless EXPR`. */
export interface Statement {
  expr: Node;
  guard?: { negate: boolean; cond: Node };
}

export interface Program {
  source: string;
  statements: Statement[];
}

/** Calls `f` on every node of the tree under `n` (n included), parents first. */
export function walk(n: Node, f: (n: Node) => void): void {
  f(n);
  switch (n.type) {
    case 'interp': n.parts.forEach((p) => walk(p, f)); break;
    case 'elem': walk(n.key, f); break;
    case 'unary': walk(n.arg, f); break;
    case 'binary': case 'logical': walk(n.left, f); walk(n.right, f); break;
    case 'match': walk(n.target, f); break;
    case 'cond': walk(n.test, f); walk(n.then, f); walk(n.else, f); break;
    case 'assign': walk(n.target, f); walk(n.value, f); break;
    case 'incdec': walk(n.target, f); break;
    case 'call': case 'print': n.args.forEach((a) => walk(a, f)); break;
    case 'comma': n.items.forEach((a) => walk(a, f)); break;
    case 'exit': if (n.arg) walk(n.arg, f); break;
    default: break;
  }
}

/** Every node of a program, statements and guards included. */
export function walkProgram(p: Program, f: (n: Node) => void): void {
  for (const s of p.statements) {
    walk(s.expr, f);
    if (s.guard) walk(s.guard.cond, f);
  }
}
