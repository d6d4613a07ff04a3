/**
 * How a flow-stat report is printed: flow-stat's command-line switches as plain data, shared by the
 * drop-in (getopt) and `flowsift stat` (commander).
 */

export interface StatOptions {
  /** report number 0-32 (-f) */
  format: number;
  /**
   * flow-stat's sort_order: 0 none, +(N+1) for -S N (descending), -(N+1) for -s N (ascending).
   * Field N counts from 0: the key (and second key), then flows, octets, packets, duration.
   */
  sortOrder: number;
  /** -P: percent of total */
  percent: boolean;
  /** -n: symbolic names */
  names: boolean;
  /** -w: wide (duration column) */
  wide: boolean;
  /** -t N: tally lines every N rows (percent mode, array reports only); 0 = off */
  tally: number;
  /** -T */
  title?: string;
  /** -c: comment character (default "#") */
  cc: string;
  /** -p: print the stream header after the report information */
  printHeader: boolean;
  /** the command line echoed on the "# Args:" line (argv[0] first) */
  argv: string[];
  /** directory of the symbol tables */
  symDir: string;
}

/** sort_order for "-S N" (descending) or "-s N" (ascending), computed as flow-stat does with atoi(). */
export function sortOrderOf(field: number, descending: boolean): number {
  return descending ? (field + 1) | 0 : (-(field + 1)) | 0;
}
