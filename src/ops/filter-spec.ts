/**
 * How a task selects records, as data: compiled in each worker (and cached there) from source the
 * coordinator has already parsed and checked. Filters and expressions are added by their own modules;
 * this is the shape the engine carries.
 */
import type { WindowSpec } from './time-window.ts';

export type FilterSpec =
  /** flow-nfilter definition `definition` of config text `config` with variables `vars` */
  | {
    kind: 'nfilter'; config: string; configName: string; definition: string; vars: Record<string, string>;
    /** random-sample: reproducible sample from this seed */
    seed?: number;
    /** "now" (unix seconds) the coordinator read relative time-date phrases against */
    now?: number;
  }
  /** flowdumper-style expression */
  | { kind: 'expr'; source: string }
  /** flows in a time window (--from/--to) */
  | WindowSpec
  /** both: records must pass every one */
  | { kind: 'all'; parts: FilterSpec[] };
