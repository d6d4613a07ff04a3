import { describe, expect, it } from 'vitest';
import { formatExprError } from '../../../src/expr/errors.ts';
import { whereSpec, WhereError } from '../../../src/expr/where.ts';
import { errorsOf } from './helpers.ts';

// [expression, code of the first error, its [start, end), a piece of its message]
const CASES: Array<[string, string, [number, number], string]> = [
  ['6 ne $protcol', 'UNKNOWN_VARIABLE', [5, 13], 'did you mean $protocol?'],
  ['"10.0.0.1" eq $SrcIP', 'UNKNOWN_VARIABLE', [14, 20], 'did you mean $srcip?'],
  ['$count > 3', 'UNKNOWN_VARIABLE', [0, 6], 'must be assigned'],
  ['keys %h', 'UNKNOWN_VARIABLE', [5, 7], 'unknown hash %h'],
  ['(6 == $protocol', 'UNBALANCED_PAREN', [0, 1], 'never closed'],
  ['6 == $protocol)', 'UNBALANCED_PAREN', [14, 15], 'no matching ('],
  ['(6 == $protocol && (1 == 1)', 'UNBALANCED_PAREN', [0, 1], 'never closed'],
  ['$srcip == "10.0.0.1"', 'NUMERIC_ON_STRING', [0, 6], 'compare strings with eq, or use $srcaddr'],
  ['$protocol == "tcp"', 'NUMERIC_ON_STRING', [13, 18], 'is not a number'],
  ['$srcaddr eq "10.0.0.1"', 'STRING_ON_ADDRESS', [0, 8], 'use $srcip eq "10.0.0.1"'],
  ['$protocol = 6', 'READ_ONLY', [0, 9], 'flow variable'],
  ['$TH_SYN++', 'READ_ONLY', [0, 7], 'constant'],
  ['6 = $x', 'NOT_ASSIGNABLE', [0, 1], 'can be assigned'],
  ['foo(1)', 'UNKNOWN_FUNCTION', [0, 3], 'unknown function foo()'],
  ['lenght($srcip)', 'UNKNOWN_FUNCTION', [0, 6], 'did you mean length?'],
  ['protocol == 6', 'UNEXPECTED_TOKEN', [0, 8], 'did you mean $protocol?'],
  ['6 == $protocol 17', 'UNEXPECTED_TOKEN', [15, 17], 'unexpected a number'],
  ['1 +', 'UNEXPECTED_TOKEN', [3, 3], 'ends where a value was expected'],
  ['$srcip =~ "10"', 'UNEXPECTED_TOKEN', [10, 14], 'regular expression'],
  ['"abc', 'UNTERMINATED_STRING', [0, 1], 'no closing "'],
  ['$srcip =~ /^10', 'UNTERMINATED_REGEX', [10, 11], 'no closing /'],
  ['$srcip =~ /(/', 'BAD_REGEX', [10, 13], 'bad regular expression'],
  ['$srcip =~ /$dstip/', 'BAD_REGEX', [10, 18], 'variables inside'],
  ['10.0.0.1 eq $srcip', 'BAD_NUMBER', [0, 8], 'quote it'],
  ['09 == $tos', 'BAD_NUMBER', [0, 2], 'octal'],
  ['int(1, 2)', 'BAD_ARGUMENTS', [0, 9], 'takes 1 argument'],
  ['print', 'BAD_ARGUMENTS', [0, 5], 'needs something to print'],
  ['', 'EMPTY_EXPRESSION', [0, 0], 'empty'],
  ['6 == $protocol @', 'UNEXPECTED_CHAR', [15, 16], 'unexpected character'],
];

describe('expression errors', () => {
  for (const [text, code, pos, msg] of CASES) {
    it(`${JSON.stringify(text)}: ${code} at ${pos}`, () => {
      const errs = errorsOf(text);
      expect(errs.length).toBeGreaterThan(0);
      expect(errs[0]).toMatchObject({ code, pos });
      expect(errs[0]!.message).toContain(msg);
    });
  }

  it('all errors of a program are reported, in source order', () => {
    const errs = errorsOf('$protcol == 6 && $srcip == "x"');
    expect(errs.map((e) => e.code)).toEqual(['UNKNOWN_VARIABLE', 'NUMERIC_ON_STRING', 'NUMERIC_ON_STRING']);
  });

  it('a user variable is declared by assigning it in any program that runs together', () => {
    expect(errorsOf('$n = 0; $n++ if $protocol == 6; $n > 3')).toEqual([]);
  });

  it('formats label:line:col with the line and a caret', () => {
    const [e] = errorsOf('6 ne $protcol');
    expect(formatExprError('-e', '6 ne $protcol', e!)).toBe(
      '-e:1:6: unknown variable $protcol; did you mean $protocol?\n  6 ne $protcol\n       ^^^^^^^^\n',
    );
  });

  it('--where refuses side effects and reports errors with a caret', () => {
    expect(whereSpec('6 ne $protocol')).toEqual({ kind: 'expr', source: '6 ne $protocol' });
    expect(() => whereSpec('$n++')).toThrow(WhereError);
    expect(() => whereSpec('$n++')).toThrow(/--where:1:1: .*cannot/);
    expect(() => whereSpec('6 ne $protcol')).toThrow(/--where:1:6: unknown variable \$protcol; did you mean \$protocol\?\n {2}6 ne \$protcol\n {7}\^{8}/);
  });
});
