/**
 * What one flow-print format is: the fields it requires (its ftio_check_xfield mask), its heading,
 * and a builder for the function that appends one record's text.
 */
import type { FieldName } from '../../format/fields.ts';
import type { RecordView } from '../../format/record.ts';
import type { LocalClock } from '../../util/localtime.ts';
import type { TextBuf } from '../../util/textbuf.ts';
import { LINE_MAX } from '../cfmt.ts';
import type { SymbolFile, SymbolTable } from '../symbols.ts';

/** Appends the text of one record (possibly nothing) to `out`. */
export type RecordFn = (v: RecordView, out: TextBuf) => void;

/** Writes the text of one record into b at p and returns the end (p itself to print nothing). */
export type Writer = (b: Uint8Array, p: number, v: RecordView) => number;

/** The RecordFn of a Writer: room for one line is made, then the writer fills it. */
export function lines(write: Writer): RecordFn {
  return (v, out) => {
    out.ensure(LINE_MAX);
    out.len = write(out.buf, out.len, v);
  };
}

/** What a format's builder gets. */
export interface FormatContext {
  /** -w */
  wide: boolean;
  /** the table for -n, or null (no -n, or the file could not be loaded) */
  symbols(file: SymbolFile): SymbolTable | null;
  /** local time of the process TZ, shared by the printer's stamps */
  clock: LocalClock;
  /** a line for stderr (with its newline) */
  warn(line: string): void;
}

export interface FormatDef {
  /** the FT_XFIELD bits the C format checks; the format fails when one is missing */
  need: readonly FieldName[];
  /** what flow-print puts before the records (all puts() lines, with their newlines) */
  heading(wide: boolean): string;
  build(ctx: FormatContext): RecordFn;
}

/** The stderr line of formats 1, 2 and 24 for a record with no packets. */
export const BOGUS_FLOW = 'Ignoring bogus flow dPkts=0\n';
