/** The table of flow-print formats 0-24, indexed by format number. */
import { AGGREGATE_FORMATS } from './agg.ts';
import { format15, format16, format17 } from './catalyst.ts';
import { format0, format1, format2, format6 } from './lines.ts';
import { format3, format4, format7, format8, format9 } from './ports.ts';
import { format24, format5 } from './timed.ts';
import type { FormatDef } from './types.ts';

const agg = (n: number): FormatDef => AGGREGATE_FORMATS.get(n)!;

/** FORMATS[n] is flow-print -f n. */
export const FORMATS: readonly FormatDef[] = [
  format0, format1, format2, format3, format4, format5, format6, format7, format8, format9,
  agg(10), agg(11), agg(12), agg(13), agg(14), format15, format16, format17,
  agg(18), agg(19), agg(20), agg(21), agg(22), agg(23), format24,
];
