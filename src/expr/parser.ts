/**
 * Pratt parser of the expression language: `;`-separated statements (each may end in `if EXPR` or
 * `unless EXPR`), operators bound by the table in operators.ts, named unary and list functions,
 * print/printf, keys %h, $h{key}. Produces the tree of ast.ts with source positions; throws
 * ExprError (UNBALANCED_PAREN, UNEXPECTED_TOKEN ...) at the first syntax error.
 */
import type { Node, Program, Statement } from './ast.ts';
import { ExprError } from './errors.ts';
import { FUNCTIONS } from './functions.ts';
import { lex, type Token } from './lexer.ts';
import { INFIX, PREC, PREFIX, WORD_OPS } from './operators.ts';
import { closest, knownNames } from './variables.ts';

/** Parse `src` into a Program; throws ExprError. */
export function parse(src: string): Program {
  return new Parser(src).program();
}

const LOGICAL: Readonly<Record<string, '&&' | '||' | '//' | 'xor'>> = { and: '&&', '&&': '&&', or: '||', '||': '||', '//': '//', xor: 'xor' };

class Parser {
  private readonly toks: Token[];
  private i = 0;

  constructor(private readonly src: string) {
    this.toks = lex(src);
  }

  program(): Program {
    const statements: Statement[] = [];
    for (;;) {
      while (this.isOp(';')) this.i++;
      if (this.peek().kind === 'eof') break;
      statements.push(this.statement());
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (this.isOp(';')) continue;
      if (this.isOp(')')) throw new ExprError('UNBALANCED_PAREN', 'unbalanced parentheses: this ) has no matching (', [t.start, t.end]);
      throw new ExprError('UNEXPECTED_TOKEN', `unexpected ${describe(t)} (missing operator or ;?)`, [t.start, t.end]);
    }
    if (statements.length === 0) throw new ExprError('EMPTY_EXPRESSION', 'the expression is empty', [0, this.src.length]);
    return { source: this.src, statements };
  }

  private statement(): Statement {
    const expr = this.expr(PREC.OR);
    const t = this.peek();
    if (t.kind === 'word' && (t.text === 'if' || t.text === 'unless')) {
      this.i++;
      const cond = this.expr(PREC.OR);
      return { expr, guard: { negate: t.text === 'unless', cond } };
    }
    return { expr };
  }

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  private isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }

  /** Pratt loop: a prefix expression, then every infix operator at least as strong as minPrec. */
  private expr(minPrec: number): Node {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const text = t.kind === 'op' || t.kind === 'word' ? t.text : '';
      const info = INFIX.get(text);
      if (!info || info.prec < minPrec) return left;
      this.i++;
      const rightPrec = info.assoc === 'left' ? info.prec + 1 : info.prec;
      switch (info.cls) {
        case 'ternary': {
          const then = this.expr(PREC.ASSIGN);
          const colon = this.peek();
          if (!this.isOp(':')) throw new ExprError('UNEXPECTED_TOKEN', `expected : of ?: but found ${describe(colon)}`, [colon.start, colon.end]);
          this.i++;
          const els = this.expr(PREC.TERNARY);
          left = { type: 'cond', test: left, then, else: els, start: left.start, end: els.end };
          break;
        }
        case 'assign': {
          const value = this.expr(rightPrec);
          left = { type: 'assign', op: text, target: left, value, start: left.start, end: value.end };
          break;
        }
        case 'comma': {
          const items = [left];
          if (this.startsExpr()) items.push(this.expr(rightPrec));
          while (this.isOp(',') || this.isOp('=>')) {
            this.i++;
            if (this.startsExpr()) items.push(this.expr(rightPrec));
          }
          left = items.length === 1 ? left : { type: 'comma', items, start: left.start, end: items[items.length - 1]!.end };
          break;
        }
        case 'bind': {
          const r = this.peek();
          if (r.kind !== 'regex') {
            throw new ExprError('UNEXPECTED_TOKEN', `${text} needs a /regular expression/ on its right`, [r.start, r.end]);
          }
          this.i++;
          left = { type: 'match', negate: text === '!~', target: left, source: r.source, flags: r.flags, reStart: r.start, reEnd: r.end, start: left.start, end: r.end };
          break;
        }
        case 'logical': {
          const right = this.expr(rightPrec);
          left = { type: 'logical', op: LOGICAL[text]!, left, right, start: left.start, end: right.end };
          break;
        }
        default: {
          // the right operand of ** may carry a unary minus: 2 ** -1
          const right = this.expr(text === '**' ? PREC.UNARY : rightPrec);
          left = { type: 'binary', op: text, left, right, opStart: t.start, opEnd: t.end, start: left.start, end: right.end };
        }
      }
    }
  }

  /** Can the next token begin an operand? (decides whether optional arguments follow) */
  private startsExpr(): boolean {
    const t = this.peek();
    switch (t.kind) {
      case 'num': case 'str': case 'var': case 'hash': case 'regex': return true;
      case 'word': return !WORD_OPS.has(t.text) || t.text === 'not';
      case 'op': return ['(', '!', '~', '-', '+', '++', '--'].includes(t.text);
      default: return false;
    }
  }

  private prefix(): Node {
    const node = this.primary();
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '++' || t.text === '--')) {
      this.i++;
      return { type: 'incdec', op: t.text, prefix: false, target: node, start: node.start, end: t.end };
    }
    return node;
  }

  private primary(): Node {
    const t = this.peek();
    this.i++;
    switch (t.kind) {
      case 'num': return { type: 'num', value: t.value, int: t.int, start: t.start, end: t.end };
      case 'str': {
        const parts: Node[] = t.parts.map((p) => (typeof p === 'string'
          ? { type: 'str', value: p, start: t.start, end: t.end }
          : { type: 'var', name: p.name, start: p.start, end: p.end }));
        if (parts.length === 1 && parts[0]!.type === 'str') return { ...parts[0]!, start: t.start, end: t.end };
        return { type: 'interp', parts, start: t.start, end: t.end };
      }
      case 'var': {
        const brace = this.peek();
        if (brace.kind === 'op' && brace.text === '{' && brace.start === t.end) return this.element(t.name, t.start);
        return { type: 'var', name: t.name, start: t.start, end: t.end };
      }
      case 'hash':
        throw new ExprError('UNEXPECTED_TOKEN', `hash %${t.name} can only be used as keys %${t.name}`, [t.start, t.end]);
      case 'regex':
        throw new ExprError('UNEXPECTED_TOKEN', 'a /regular expression/ must be matched against a value with =~', [t.start, t.end]);
      case 'eof':
        throw new ExprError('UNEXPECTED_TOKEN', 'the expression ends where a value was expected', [t.start, t.end]);
      case 'op': return this.opPrefix(t);
      case 'word': return this.word(t);
    }
  }

  private opPrefix(t: Extract<Token, { kind: 'op' }>): Node {
    if (t.text === '(') {
      if (this.isOp(')')) {
        const c = this.peek();
        throw new ExprError('UNEXPECTED_TOKEN', 'empty parentheses', [t.start, c.end]);
      }
      const inner = this.expr(PREC.OR);
      const close = this.peek();
      if (!this.isOp(')')) {
        if (close.kind === 'eof' || close.kind === 'op' && close.text === ';') {
          throw new ExprError('UNBALANCED_PAREN', 'unbalanced parentheses: this ( is never closed', [t.start, t.end]);
        }
        throw new ExprError('UNEXPECTED_TOKEN', `expected ) but found ${describe(close)}`, [close.start, close.end]);
      }
      this.i++;
      return { ...inner, start: t.start, end: close.end };
    }
    if (t.text === ')') throw new ExprError('UNBALANCED_PAREN', 'unbalanced parentheses: this ) has no matching (', [t.start, t.end]);
    const pre = PREFIX.get(t.text);
    if (!pre) throw new ExprError('UNEXPECTED_TOKEN', `unexpected ${describe(t)}`, [t.start, t.end]);
    const arg = this.expr(pre.operandPrec);
    if (t.text === '++' || t.text === '--') return { type: 'incdec', op: t.text, prefix: true, target: arg, start: t.start, end: arg.end };
    return { type: 'unary', op: t.text as '!' | '~' | '-' | '+', arg, start: t.start, end: arg.end };
  }

  private word(t: Extract<Token, { kind: 'word' }>): Node {
    const w = t.text;
    if (w === 'not') {
      const arg = this.expr(PREC.NOT);
      return { type: 'unary', op: 'not', arg, start: t.start, end: arg.end };
    }
    if (w === 'print' || w === 'printf') return this.print(t, w);
    if (w === 'exit') {
      const arg = this.startsExpr() ? this.expr(PREC.NAMED_UNARY + 1) : null;
      return { type: 'exit', arg, start: t.start, end: arg?.end ?? t.end };
    }
    if (w === 'keys') {
      const paren = this.isOp('(');
      if (paren) this.i++;
      const h = this.peek();
      if (h.kind !== 'hash') throw new ExprError('UNEXPECTED_TOKEN', 'keys needs a hash: keys %name', [h.start, h.end]);
      this.i++;
      let end = h.end;
      if (paren) end = this.close(t.start);
      return { type: 'keys', name: h.name, nameStart: h.start, start: t.start, end };
    }
    const fn = FUNCTIONS.get(w);
    if (fn) {
      let args: Node[] = [];
      let end = t.end;
      if (this.isOp('(')) {
        const open = this.peek();
        this.i++;
        if (!this.isOp(')')) args = flatten(this.expr(PREC.COMMA));
        end = this.close(open.start);
      } else if (this.startsExpr()) {
        args = fn.unary ? [this.expr(PREC.NAMED_UNARY + 1)] : flatten(this.expr(PREC.COMMA));
        end = args[args.length - 1]!.end;
      }
      return { type: 'call', name: w, args, nameEnd: t.end, start: t.start, end };
    }
    if (this.isOp('(')) {
      const guess = closest(w, [...FUNCTIONS.keys(), 'print', 'printf', 'keys', 'exit']);
      throw new ExprError('UNKNOWN_FUNCTION', `unknown function ${w}()${guess ? `; did you mean ${guess}?` : ''}`, [t.start, t.end]);
    }
    const asVar = closest(w, knownNames());
    const hint = asVar ? `; did you mean $${asVar}?` : WORD_OPS.has(w) ? '' : '; strings need quotes';
    throw new ExprError('UNEXPECTED_TOKEN', `unexpected word ${w}${hint}`, [t.start, t.end]);
  }

  private print(t: Token, fn: 'print' | 'printf'): Node {
    let handle: 'STDOUT' | 'STDERR' = 'STDOUT';
    let paren = false;
    let open = t;
    if (this.isOp('(')) { paren = true; open = this.peek(); this.i++; }
    const h = this.peek();
    if (h.kind === 'word' && (h.text === 'STDERR' || h.text === 'STDOUT')) {
      handle = h.text;
      this.i++;
    }
    const args = this.startsExpr() ? flatten(this.expr(PREC.COMMA)) : [];
    const end = paren ? this.close(open.start) : args[args.length - 1]?.end ?? h.end;
    if (args.length === 0) {
      throw new ExprError('BAD_ARGUMENTS', `${fn} needs something to print (printing $_ is not supported)`, [t.start, t.end]);
    }
    return { type: 'print', fn, handle, args, start: t.start, end };
  }

  /** $name{key} (a bareword key is a string, as in Perl) */
  private element(name: string, start: number): Node {
    const open = this.peek();
    this.i++;
    let key: Node;
    const a = this.peek();
    if (a.kind === 'word' && this.isOp('}', 1)) {
      this.i++;
      key = { type: 'str', value: a.text, start: a.start, end: a.end };
    } else {
      key = this.expr(PREC.OR);
    }
    const close = this.peek();
    if (!this.isOp('}')) throw new ExprError('UNBALANCED_PAREN', `this { of $${name}{...} is never closed`, [open.start, open.end]);
    this.i++;
    return { type: 'elem', name, key, start, end: close.end };
  }

  /** Expect the ) closing the ( at openStart; returns its end. */
  private close(openStart: number): number {
    const c = this.peek();
    if (!this.isOp(')')) {
      if (c.kind === 'eof' || (c.kind === 'op' && c.text === ';')) {
        throw new ExprError('UNBALANCED_PAREN', 'unbalanced parentheses: this ( is never closed', [openStart, openStart + 1]);
      }
      throw new ExprError('UNEXPECTED_TOKEN', `expected ) but found ${describe(c)}`, [c.start, c.end]);
    }
    this.i++;
    return c.end;
  }
}

function flatten(n: Node): Node[] {
  return n.type === 'comma' ? n.items : [n];
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'the end of the expression';
    case 'num': return 'a number';
    case 'str': return 'a string';
    case 'var': return `$${t.name}`;
    case 'hash': return `%${t.name}`;
    case 'regex': return 'a regular expression';
    case 'word': return t.text;
    case 'op': return `"${t.text}"`;
  }
}
