/**
 * `--where EXPR` for flowsift commands: the expression is parsed and checked here, on the main
 * thread, before any worker starts; the workers get its source text (FilterSpec kind 'expr').
 */
import { ExprError, formatExprError } from './errors.ts';
import { formatErrors, prepare } from './compile.ts';

/** A problem with a --where expression, already formatted with caret lines. */
export class WhereError extends Error {}

/** Check `source` (named `label` in messages); returns the FilterSpec the workers compile. Throws WhereError. */
export function whereSpec(source: string, label = '--where'): { kind: 'expr'; source: string } {
  const prep = prepare([{ label, text: source }]);
  if (!prep.ok) throw new WhereError(formatErrors(prep.errors).trimEnd());
  if (!prep.pure[0]) {
    const e = new ExprError('SIDE_EFFECTS', 'a --where expression cannot use its own variables, print or exit (use flowdumper -e for that)', [0, source.length]);
    throw new WhereError(formatExprError(label, source, e).trimEnd());
  }
  return { kind: 'expr', source };
}
