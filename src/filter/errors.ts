/**
 * Diagnostics of a filter.cfg: a code, a severity, a message and a [start, end) range of the config
 * text, turned into `file:line:column: severity: message` + the line + a caret only when printed.
 */

/**
 * Every mistake the parser and validator report. `error`s make flow-tools refuse the file too;
 * `mistake`s are read silently (and wrongly) by flow-tools: the tools keep its result and warn,
 * check-filter fails; `warning`s are flow-tools' own warnings (duplicate entries and the like).
 */
export type ErrorCode =
  | 'CONFIG_READ'
  | 'UNKNOWN_KEYWORD'
  | 'UNEXPECTED_WORD'
  | 'MISSING_NAME'
  | 'DUPLICATE_PRIMITIVE'
  | 'DUPLICATE_DEFINITION'
  | 'MISSING_TYPE'
  | 'UNKNOWN_TYPE'
  | 'TYPE_REDEFINED'
  | 'TYPE_NOT_SET'
  | 'MISSING_ARGUMENT'
  | 'BAD_OPERATOR'
  | 'BAD_DEFAULT'
  | 'UNKNOWN_SYMBOL'
  | 'VALUE_OUT_OF_RANGE'
  | 'BAD_TIME'
  | 'BAD_DATE'
  | 'RATE_ZERO'
  | 'RATE_UNSET'
  | 'MASK_NOT_SUPPORTED'
  | 'UNKNOWN_PRIMITIVE'
  | 'UNKNOWN_MATCH'
  | 'TYPE_MISMATCH'
  | 'VAR_SYNTAX'
  | 'NO_DEFINITION'
  // mistakes
  | 'PREFIX_IN_ADDRESS'
  | 'NOT_AN_ADDRESS'
  | 'HOSTNAME'
  | 'NOT_A_NUMBER'
  | 'EMPTY_LIST_ITEM'
  | 'MASK_NEVER_MATCHES'
  | 'COUNTER_START_TIME'
  | 'PREFIX_LEN_TOO_LONG'
  // warnings
  | 'DUPLICATE_ENTRY'
  | 'RATE_REDEFINED'
  | 'NO_DEFAULT_FOR_RATE'
  | 'HOST_BITS_SET'
  | 'CLASSFUL_PREFIX'
  | 'SHORT_ADDRESS';

export type Severity = 'error' | 'mistake' | 'warning';

export interface Diagnostic {
  code: ErrorCode;
  severity: Severity;
  message: string;
  /** offsets into the config text (not the variable-expanded line) */
  start: number;
  end: number;
}

/** Warnings flow-tools prints itself; the drop-ins print these (and errors and mistakes) only. */
export const FLOW_TOOLS_WARNINGS: ReadonlySet<ErrorCode> = new Set(['DUPLICATE_ENTRY', 'RATE_REDEFINED', 'NO_DEFAULT_FOR_RATE']);

/** Offsets to 1-based line/column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line and column of offset `off`. */
  pos(off: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= off) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, col: off - this.starts[lo]! + 1 };
  }

  /** Text of 1-based line `n`, without its newline. */
  lineText(n: number): string {
    const s = this.starts[n - 1] ?? this.text.length;
    const e = n < this.starts.length ? this.starts[n]! - 1 : this.text.length;
    return this.text.slice(s, e);
  }
}

/** `file:line:col: severity: message`, the line, and a caret under the range. */
export function renderDiagnostic(file: string, index: LineIndex, d: Diagnostic): string {
  const { line, col } = index.pos(d.start);
  const text = index.lineText(line);
  const label = d.severity === 'mistake' ? 'mistake' : d.severity;
  const width = Math.max(1, Math.min(d.end, d.start + text.length - col + 1) - d.start);
  // keep tabs in the padding so the caret lines up under tab-indented config lines
  const pad = text.slice(0, col - 1).replace(/[^\t]/g, ' ');
  return `${file}:${line}:${col}: ${label}: ${d.message}\n    ${text}\n    ${pad}${'^'.repeat(width)}\n`;
}

/** Render a list of diagnostics in text order. */
export function renderDiagnostics(file: string, text: string, list: readonly Diagnostic[]): string {
  const index = new LineIndex(text);
  return [...list].sort((a, b) => a.start - b.start).map((d) => renderDiagnostic(file, index, d)).join('');
}
