/**
 * Code generation: a checked Program becomes the source of a JS function `(v) => value` for one
 * record layout. Types known at compile time pick the fast form (`6 ne $protocol` is an integer
 * !==, `$tcp_flags & 0x3f` a 32-bit AND); everything else goes through the Perl value helpers of
 * runtime.ts. Only tree nodes are turned into code: user text reaches the output as JSON literals.
 */
import type { Node, Program } from './ast.ts';
import { nameKind, type Scope } from './check.ts';
import { flowVarSource, type Gen } from './flow-vars.ts';
import type { Layout } from '../format/layouts.ts';
import { INFIX } from './operators.ts';
import { translateRegex, type JsRegex } from './regex.ts';
import { CONSTANTS } from './variables.ts';

export interface Generated {
  /** body of `function (R, S, C)` that returns the record function `(v) => PerlValue | boolean` */
  body: string;
  /** regexes the code refers to as C[i] */
  regexes: JsRegex[];
}

/**
 * Generate the function for `p`. `layout` null: no record (the -I / -E programs; flow variables
 * are undef). `asCondition`: return a JS boolean (Perl truth) instead of the Perl value.
 */
export function generate(p: Program, scope: Scope, layout: Layout | null, asCondition: boolean): Generated {
  return new Generator(scope, layout).program(p, asCondition);
}

const S_STR = (name: string): string => JSON.stringify(name);
const NUM = (code: string, int = false, u32 = false): Gen => ({ code, t: 'num', int, u32 });

class Generator {
  private temps = 0;
  private readonly regexes: JsRegex[] = [];
  private usesRecord = false;

  constructor(private readonly scope: Scope, private readonly layout: Layout | null) {}

  program(p: Program, asCondition: boolean): Generated {
    const lines: string[] = [];
    const last = p.statements.length - 1;
    p.statements.forEach((s, i) => {
      if (i === last && asCondition && !s.guard) {
        lines.push(`return ${this.cond(s.expr)};`);
        return;
      }
      let code: string;
      if (s.guard) {
        const t = this.temp();
        const c = `R.truthy(${t} = ${this.value(s.guard.cond).code})`;
        const e = this.value(s.expr).code;
        code = s.guard.negate ? `(${c} ? ${t} : ${e})` : `(${c} ? ${e} : ${t})`;
      } else {
        code = this.value(s.expr).code;
      }
      lines.push(i === last ? `return ${asCondition ? `R.truthy(${code})` : code};` : `${code};`);
    });
    const decl: string[] = [];
    if (this.usesRecord) decl.push('const dv = v.dv, p = v.p, le = v.le;');
    if (this.temps) decl.push(`let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};`);
    const body = `"use strict";\nreturn function (v) {\n${[...decl, ...lines].map((l) => `  ${l}`).join('\n')}\n};`;
    return { body, regexes: this.regexes };
  }

  private temp(): string {
    return `t${this.temps++}`;
  }

  // ---- conversions ------------------------------------------------------------------------

  private num(g: Gen): string {
    switch (g.t) {
      case 'num': return g.code;
      case 'bool': return `(${g.code} ? 1 : 0)`;
      case 'undef': return '0';
      default: return `R.num(${g.code})`;
    }
  }

  private str(g: Gen): string {
    switch (g.t) {
      case 'str': return g.code;
      case 'num': return g.int ? `String(${g.code})` : `R.fmtNum(${g.code})`;
      case 'bool': return `(${g.code} ? "1" : "")`;
      case 'undef': return '""';
      default: return `R.str(${g.code})`;
    }
  }

  private truth(g: Gen): string {
    switch (g.t) {
      case 'bool': return g.code;
      case 'num': return `(${g.code} !== 0)`;
      case 'undef': return 'false';
      default: return `R.truthy(${g.code})`;
    }
  }

  /** Perl truth of node n as a JS boolean, short-circuiting without temporaries where it can. */
  private cond(n: Node): string {
    if (n.type === 'logical' && (n.op === '&&' || n.op === '||')) return `(${this.cond(n.left)} ${n.op} ${this.cond(n.right)})`;
    if (n.type === 'unary' && (n.op === '!' || n.op === 'not')) return `!(${this.cond(n.arg)})`;
    return this.truth(this.value(n));
  }

  // ---- values -------------------------------------------------------------------------------

  private value(n: Node): Gen {
    switch (n.type) {
      case 'num':
        if (typeof n.value === 'bigint') return { code: `${n.value}n`, t: 'any' };
        return NUM(numLiteral(n.value), Number.isSafeInteger(n.value), Number.isInteger(n.value) && n.value >= 0 && n.value <= 0xffffffff);
      case 'str': return { code: JSON.stringify(n.value), t: 'str' };
      case 'interp': return { code: `(${n.parts.map((x) => this.str(this.value(x))).join(' + ')})`, t: 'str' };
      case 'var': return this.variable(n.name);
      case 'elem': return { code: `R.hget(S, ${S_STR(n.name)}, ${this.str(this.value(n.key))})`, t: 'any' };
      case 'keys': return NUM(`R.hcount(S, ${S_STR(n.name)})`, true);
      case 'unary': return this.unary(n);
      case 'binary': return this.binary(n.op, this.value(n.left), this.value(n.right));
      case 'logical': return this.logical(n);
      case 'match': {
        const i = this.regexes.length;
        this.regexes.push(translateRegex(n.source, n.flags));
        const m = `R.match(C[${i}], ${this.str(this.value(n.target))}, S)`;
        return { code: n.negate ? `!${m}` : m, t: 'bool' };
      }
      case 'cond': {
        const a = this.value(n.then);
        const b = this.value(n.else);
        const t = a.t === b.t ? a.t : 'any';
        return { code: `(${this.cond(n.test)} ? ${a.code} : ${b.code})`, t, int: a.int && b.int, u32: a.u32 && b.u32 };
      }
      case 'assign': return this.assign(n);
      case 'incdec': return this.incdec(n);
      case 'call': return this.call(n);
      case 'print': {
        const sink = n.handle === 'STDERR' ? 'S.err' : 'S.out';
        const args = n.args.map((a) => this.value(a));
        const text = n.fn === 'printf'
          ? `R.sprintf(${args[0]!.code}, [${args.slice(1).map((a) => a.code).join(', ')}])`
          : args.map((a) => this.str(a)).join(' + ');
        return { code: `(${sink}(${text}), 1)`, t: 'num', int: true };
      }
      case 'comma': {
        const items = n.items.map((x) => this.value(x));
        return { ...items[items.length - 1]!, code: `(${items.map((x) => x.code).join(', ')})` };
      }
      case 'exit': return { code: `R.exit(${n.arg ? this.num(this.value(n.arg)) : '0'})`, t: 'any' };
    }
  }

  private variable(name: string): Gen {
    switch (nameKind(name, this.scope)) {
      case 'flow': {
        const g = flowVarSource(name, this.layout);
        if (/\bdv\./.test(g.code)) this.usesRecord = true;
        return g;
      }
      case 'const': return NUM(String(CONSTANTS.get(name)), true, true);
      case 'capture': return { code: `R.cap(S, ${Number(name)})`, t: 'any' };
      default: return { code: `S.v[${S_STR(name)}]`, t: 'any' };
    }
  }

  private unary(n: Extract<Node, { type: 'unary' }>): Gen {
    if (n.op === '!' || n.op === 'not') return { code: `!(${this.cond(n.arg)})`, t: 'bool' };
    const a = this.value(n.arg);
    switch (n.op) {
      case '+': return a;
      case '-': return a.t === 'num' || a.t === 'bool' || a.t === 'undef' ? NUM(`(-(${this.num(a)}))`, a.int) : { code: `R.neg(${a.code})`, t: 'any' };
      case '~': return { code: `R.bnot(${a.code})`, t: 'any' };
    }
  }

  binary(op: string, a: Gen, b: Gen): Gen {
    const cls = INFIX.get(op)?.cls;
    const an = (): string => this.num(a);
    const bn = (): string => this.num(b);
    switch (op) {
      case '+': case '-': case '*': return NUM(`(${an()} ${op} ${bn()})`, Boolean(a.int && b.int));
      case '/': return NUM(`R.div(${an()}, ${bn()})`);
      case '%': return NUM(`R.mod(${an()}, ${bn()})`, true);
      case '**': return NUM(`Math.pow(${an()}, ${bn()})`);
      case '.': return { code: `(${this.str(a)} + ${this.str(b)})`, t: 'str' };
      case '==': return { code: `(${an()} === ${bn()})`, t: 'bool' };
      case '!=': return { code: `(${an()} !== ${bn()})`, t: 'bool' };
      case '<': case '>': case '<=': case '>=': return { code: `(${an()} ${op} ${bn()})`, t: 'bool' };
      case '<=>': return { code: `R.ncmp(${a.code}, ${b.code})`, t: 'any' };
      case 'eq': case 'ne': {
        const js = op === 'eq' ? '===' : '!==';
        // integers stringify canonically: comparing their strings is comparing the numbers
        if (a.t === 'num' && b.t === 'num' && a.int && b.int) return { code: `(${a.code} ${js} ${b.code})`, t: 'bool' };
        return { code: `(${this.str(a)} ${js} ${this.str(b)})`, t: 'bool' };
      }
      case 'lt': case 'gt': case 'le': case 'ge': {
        const js = { lt: '<', gt: '>', le: '<=', ge: '>=' }[op];
        return { code: `(${this.str(a)} ${js} ${this.str(b)})`, t: 'bool' };
      }
      case 'cmp': return NUM(`R.scmp(${a.code}, ${b.code})`, true);
      case '&': case '|': case '^':
        if (a.u32 && b.u32) return NUM(`((${a.code} ${op} ${b.code}) >>> 0)`, true, true);
        return { code: `R.${op === '&' ? 'band' : op === '|' ? 'bor' : 'bxor'}(${a.code}, ${b.code})`, t: 'any' };
      case '>>':
        if (a.u32 && b.t === 'num' && /^\d+$/.test(b.code) && Number(b.code) < 32) return NUM(`(${a.code} >>> ${b.code})`, true, true);
        return { code: `R.shr(${a.code}, ${b.code})`, t: 'any' };
      case '<<': return { code: `R.shl(${a.code}, ${b.code})`, t: 'any' };
      default: throw new Error(`no code for operator ${op} (${cls})`);
    }
  }

  private logical(n: Extract<Node, { type: 'logical' }>): Gen {
    if (n.op === 'xor') return { code: `(${this.cond(n.left)} !== ${this.cond(n.right)})`, t: 'bool' };
    const a = this.value(n.left);
    const b = this.value(n.right);
    if (a.t === 'bool' && b.t === 'bool' && n.op !== '//') return { code: `(${a.code} ${n.op} ${b.code})`, t: 'bool' };
    const t = this.temp();
    const test = n.op === '//' ? `(${t} = ${a.code}) !== undefined` : `R.truthy(${t} = ${a.code})`;
    const code = n.op === '||' || n.op === '//' ? `(${test} ? ${t} : ${b.code})` : `(${test} ? ${b.code} : ${t})`;
    return { code, t: a.t === b.t ? a.t : 'any' };
  }

  /** Read/write access to an assignable node: a user scalar or a hash element. */
  private place(target: Node): { setup: string; get: string; set: (v: string) => string } {
    if (target.type === 'elem') {
      const k = this.temp();
      const name = S_STR(target.name);
      return {
        setup: `${k} = ${this.str(this.value(target.key))}, `,
        get: `R.hget(S, ${name}, ${k})`,
        set: (v) => `R.hset(S, ${name}, ${k}, ${v})`,
      };
    }
    const ref = `S.v[${S_STR((target as Extract<Node, { type: 'var' }>).name)}]`;
    return { setup: '', get: ref, set: (v) => `(${ref} = ${v})` };
  }

  private assign(n: Extract<Node, { type: 'assign' }>): Gen {
    const pl = this.place(n.target);
    const value = this.value(n.value);
    if (n.op === '=') return { code: `(${pl.setup}${pl.set(value.code)})`, t: value.t === 'undef' ? 'undef' : 'any' };
    const op = n.op.slice(0, -1);
    if (op === '&&' || op === '||' || op === '//') {
      const t = this.temp();
      const test = op === '//' ? `(${t} = ${pl.get}) !== undefined` : `R.truthy(${t} = ${pl.get})`;
      const code = op === '&&' ? `(${test} ? ${pl.set(value.code)} : ${t})` : `(${test} ? ${t} : ${pl.set(value.code)})`;
      return { code: `(${pl.setup}${code})`, t: 'any' };
    }
    const r = this.binary(op, { code: pl.get, t: 'any' }, value);
    return { code: `(${pl.setup}${pl.set(r.code)})`, t: 'any' };
  }

  private incdec(n: Extract<Node, { type: 'incdec' }>): Gen {
    const pl = this.place(n.target);
    const step = (x: string): string => (n.op === '++' ? `R.inc(${x})` : `(R.num(${x}) - 1)`);
    if (n.prefix) return { code: `(${pl.setup}${pl.set(step(pl.get))})`, t: 'any' };
    const t = this.temp();
    // Perl: the old value, or 0 when it was undef
    return { code: `(${pl.setup}${t} = ${pl.get}, ${pl.set(step(t))}, ${t} === undefined ? 0 : ${t})`, t: 'any' };
  }

  private call(n: Extract<Node, { type: 'call' }>): Gen {
    const args = n.args.map((a) => this.value(a));
    const a0 = args[0]!;
    switch (n.name) {
      case 'defined':
        if (a0.t === 'undef') return { code: 'false', t: 'bool' };
        if (a0.t === 'num' || a0.t === 'str' || a0.t === 'bool') return { code: `(${a0.code}, true)`, t: 'bool' };
        return { code: `(${a0.code} !== undefined)`, t: 'bool' };
      case 'int': return NUM(`Math.trunc(${this.num(a0)})`, true);
      case 'abs': return NUM(`Math.abs(${this.num(a0)})`, a0.int);
      case 'sqrt': return NUM(`R.sqrt(${this.num(a0)})`);
      case 'log': return NUM(`R.log(${this.num(a0)})`);
      case 'exp': return NUM(`Math.exp(${this.num(a0)})`);
      case 'hex': return NUM(`R.hex(${this.str(a0)})`, true);
      case 'oct': return NUM(`R.oct(${this.str(a0)})`, true);
      case 'length': return { code: `R.length(${a0.code})`, t: 'any' };
      case 'lc': return { code: `${this.str(a0)}.toLowerCase()`, t: 'str' };
      case 'uc': return { code: `${this.str(a0)}.toUpperCase()`, t: 'str' };
      case 'scalar': return a0;
      case 'sprintf': return { code: `R.sprintf(${a0.code}, [${args.slice(1).map((a) => a.code).join(', ')}])`, t: 'str' };
      case 'substr': return { code: `R.substr(${args.map((a) => a.code).join(', ')})`, t: 'any' };
      case 'index': return NUM(`R.index(${args.map((a) => a.code).join(', ')})`, true);
      default: throw new Error(`no code for function ${n.name}`);
    }
  }
}

function numLiteral(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}
