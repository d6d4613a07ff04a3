/**
 * Options every flowsift command shares for choosing records and running the scan:
 * --filter-file/--filter/-v (flow-nfilter definitions), --where (flowdumper expressions),
 * --threads, --keep-going, --quiet. resolveSelection() parses and checks filters on the main thread, before any
 * worker starts, and returns the FilterSpec the workers compile.
 */
import { Command, Option } from 'commander';
import type { FilterSpec } from '../../ops/filter-spec.ts';
import { ExitError } from '../runtime.ts';
import { whereSpec, WhereError } from '../../expr/where.ts';
import { nfilterSelection, SelectionError } from '../../filter/selection.ts';

export interface SelectOptions {
  filterFile?: string;
  filter?: string;
  var?: string[];
  /** random-sample seed (reproducible sample) */
  seed?: string;
  where?: string;
  threads?: number;
  keepGoing?: boolean;
  quiet?: boolean;
  stats?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new ExitError(2, `--threads must be a positive integer, not "${v}"`);
  return n;
}

export function addSelectOptions(cmd: Command): Command {
  return cmd
    .option('--filter-file <file>', 'flow-nfilter configuration (filter.cfg) holding the definition')
    .option('--filter <definition>', 'keep only flows the flow-nfilter definition permits')
    .option('-v, --var <VAR=value>', 'set a filter.cfg variable (@VAR, @{VAR:-default}); repeatable', collect)
    .option('--seed <n>', 'random-sample primitives: a reproducible sample from this seed')
    .option('--where <expr>', 'keep only flows for which the flowdumper expression is true, e.g. \'6 ne $protocol\'')
    .addOption(new Option('--threads <n>', 'worker threads (default: available cores)').argParser(positiveInt))
    .option('--keep-going', 'when a worker fails on part of an input, report that byte range as lost and go on (exit status 3)')
    .option('-q, --quiet', 'no progress bar')
    .option('--stats', 'print timing and where the work ran as one JSON line on stderr');
}

/**
 * The checked selection, or undefined when no filter was asked for. Throws ExitError on mistakes;
 * filter.cfg mistakes flow-tools would misread are printed through `io` (default: stderr).
 */
export function resolveSelection(opts: SelectOptions, io?: { err(text: string): void }): FilterSpec | undefined {
  const parts: FilterSpec[] = [];
  try {
    const nf = nfilterSelection(opts, (t) => (io ? io.err(t) : process.stderr.write(t)));
    if (nf) parts.push(nf);
  } catch (e) {
    if (e instanceof SelectionError) throw new ExitError(e.status, e.message);
    throw e;
  }
  if (opts.where !== undefined) {
    try {
      parts.push(whereSpec(opts.where));
    } catch (e) {
      if (e instanceof WhereError) throw new ExitError(2, e.message);
      throw e;
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { kind: 'all', parts };
}
