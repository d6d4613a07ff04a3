/**
 * Errors of the expression language: a code (tests assert codes, not wording), the offending source
 * range, and formatExprError(), which prints `label:line:column: message` with the line and a caret.
 */

export type ExprErrorCode =
  | 'UNEXPECTED_CHAR'
  | 'UNTERMINATED_STRING'
  | 'UNTERMINATED_REGEX'
  | 'BAD_NUMBER'
  | 'BAD_ESCAPE'
  | 'UNEXPECTED_TOKEN'
  | 'UNBALANCED_PAREN'
  | 'EMPTY_EXPRESSION'
  | 'UNKNOWN_VARIABLE'
  | 'UNKNOWN_FUNCTION'
  | 'BAD_ARGUMENTS'
  | 'NOT_ASSIGNABLE'
  | 'READ_ONLY'
  | 'NUMERIC_ON_STRING'
  | 'STRING_ON_ADDRESS'
  | 'BAD_REGEX'
  | 'SIDE_EFFECTS';

export class ExprError extends Error {
  constructor(
    readonly code: ExprErrorCode,
    message: string,
    /** [start, end) offsets in the source text */
    readonly pos: readonly [number, number],
  ) {
    super(message);
  }
}

/** Line and 1-based column of offset `at` in `src`, with the text of that line. */
export function linePos(src: string, at: number): { line: number; col: number; text: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  let lineEnd = src.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = src.length;
  return { line, col: at - lineStart + 1, text: src.slice(lineStart, lineEnd) };
}

/**
 * "label:line:col: message", then the source line and a caret under the range (at most 80 columns
 * of the line are shown, around the error).
 */
export function formatExprError(label: string, src: string, e: ExprError): string {
  const { line, col, text } = linePos(src, e.pos[0]);
  const width = Math.max(1, Math.min(e.pos[1], e.pos[0] + (text.length - col + 1)) - e.pos[0]);
  let shown = text.replace(/\t/g, ' ');
  let caretAt = col - 1;
  if (shown.length > 80) {
    const from = Math.max(0, Math.min(caretAt - 30, shown.length - 80));
    shown = shown.slice(from, from + 80);
    caretAt -= from;
  }
  const caret = ' '.repeat(caretAt) + '^'.repeat(Math.max(1, Math.min(width, shown.length - caretAt)));
  return `${label}:${line}:${col}: ${e.message}\n  ${shown}\n  ${caret}\n`;
}
