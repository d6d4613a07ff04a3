/**
 * flow-print's record formatters: createPrinter() returns, for a format number and a record layout,
 * the heading flow-print prints once and a function that appends one record's text, or the error
 * flow-print stops with when the version lacks a field the format needs.
 */
import { hasFields, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import { LocalClock } from '../util/localtime.ts';
import type { TextBuf } from '../util/textbuf.ts';
import { FORMATS } from './formats/index.ts';
import type { FormatContext } from './formats/types.ts';
import type { PrintSpec } from './spec.ts';
import { symDir } from './symbols-path.ts';
import { loadSymbols, type SymbolFile, type SymbolTable } from './symbols.ts';

export interface Printer {
  /** the column heading, printed once before the records */
  heading: string;
  /** append the text of one record (nothing for records the format skips) */
  record(v: RecordView, out: TextBuf): void;
}

export const MISSING_FIELD = 'Flow record missing required field for format.';

/** Number of formats (-f 0 .. NFORMATS-1). */
export const NFORMATS = FORMATS.length;

/** The format flow-print uses when -f is not given (by export version / v8 aggregation). */
export function defaultFormat(layout: Layout): number {
  if (layout.dVersion === 8) return 9 + layout.aggMethod;
  if (layout.dVersion === 7) return 7;
  if (layout.dVersion === 6) return 8;
  if (layout.dVersion === 1005) return 9;
  return 3;
}

/**
 * The printer of `spec.format` for records of `layout`. `warn` receives stderr lines (with newline)
 * such as formats 1, 2 and 24's "Ignoring bogus flow dPkts=0"; `symbolWarn`, if given, hears why a
 * symbol table could not be loaded (flow-print then prints numbers).
 */
export function createPrinter(
  spec: PrintSpec, layout: Layout, warn: (line: string) => void, symbolWarn?: (message: string) => void,
): Printer | { error: string } {
  const def = FORMATS[spec.format];
  if (!def) return { error: `No such format, ${spec.format}` };
  if (!hasFields(layout, def.need)) return { error: MISSING_FIELD };
  const dir = spec.symDir ?? symDir();
  const ctx: FormatContext = {
    wide: spec.wide,
    clock: new LocalClock(),
    warn,
    symbols(file: SymbolFile): SymbolTable | null {
      if (!spec.names) return null;
      const got = loadSymbols(dir, file);
      if (got.error && symbolWarn) symbolWarn(got.error);
      return got.table;
    },
  };
  return { heading: def.heading(spec.wide), record: def.build(ctx) };
}
