/**
 * The expression language's public face: prepare() parses and checks the programs that run together
 * (flowdumper's -I, -e, -E; a --where) and reports every error with its label; instantiate() turns a
 * checked program into a record function for one layout; compilePredicate() does all of it for a
 * side-effect-free filter (what workers cache for --where and flowdumper -e).
 */
import type { Program } from './ast.ts';
import { check, hasSideEffects, scopeOf, type Scope } from './check.ts';
import { generate } from './codegen.ts';
import { ExprError, formatExprError } from './errors.ts';
import { parse } from './parser.ts';
import { createRuntime, newState, type ExprState, type Runtime } from './runtime.ts';
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { PerlValue } from './perl-values.ts';

/** A program's text and the name errors give it ("-e", "--where"). */
export interface ExprSource { label: string; text: string }

export interface LabeledError { label: string; text: string; error: ExprError }

export type Prepared =
  | { ok: true; programs: Program[]; scope: Scope; pure: boolean[] }
  | { ok: false; errors: LabeledError[] };

/** Parse and check programs that share variables. */
export function prepare(sources: readonly ExprSource[]): Prepared {
  const errors: LabeledError[] = [];
  const programs: Program[] = [];
  for (const s of sources) {
    try {
      programs.push(parse(s.text));
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      errors.push({ ...s, error: e });
    }
  }
  if (errors.length) return { ok: false, errors };
  const scope = scopeOf(programs);
  programs.forEach((p, i) => {
    for (const error of check(p, scope)) errors.push({ ...sources[i]!, error });
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, programs, scope, pure: programs.map((p) => !hasSideEffects(p)) };
}

/** Every error as "label:line:col: message" plus the line and a caret. */
export function formatErrors(errors: readonly LabeledError[]): string {
  return errors.map((e) => formatExprError(e.label, e.text, e.error)).join('');
}

export type RecordFn<T> = (v: RecordView) => T;

/** Build the JS function of checked program `p` for `layout` (null: no record, flow variables undef). */
export function instantiate(p: Program, scope: Scope, layout: Layout | null, R: Runtime, S: ExprState, asCondition: true): RecordFn<boolean>;
export function instantiate(p: Program, scope: Scope, layout: Layout | null, R: Runtime, S: ExprState, asCondition: false): RecordFn<PerlValue>;
export function instantiate(p: Program, scope: Scope, layout: Layout | null, R: Runtime, S: ExprState, asCondition: boolean): RecordFn<PerlValue> {
  const g = generate(p, scope, layout, asCondition);
  const C = g.regexes.map((r) => new RegExp(r.pattern, r.flags));
  // the body is generated from the checked tree: no user text is evaluated
  const factory = new Function('R', 'S', 'C', g.body) as (r: Runtime, s: ExprState, c: RegExp[]) => RecordFn<PerlValue>;
  return factory(R, S, C);
}

/**
 * A side-effect-free expression as a record predicate for `layout`. Throws ExprError when the
 * source does not check (the coordinator checks it first, so workers never see that).
 */
export function compilePredicate(source: string, layout: Layout): RecordFn<boolean> {
  const prep = prepare([{ label: 'expr', text: source }]);
  if (!prep.ok) throw prep.errors[0]!.error;
  if (!prep.pure[0]) throw new ExprError('SIDE_EFFECTS', 'a filter expression cannot assign variables or print', [0, source.length]);
  return instantiate(prep.programs[0]!, prep.scope, layout, createRuntime(), newState(), true);
}
