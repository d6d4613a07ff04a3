/**
 * Options every flowsift command shares for choosing records and running the scan:
 * --filter-file/--filter/-v (flow-nfilter definitions), --where (flowdumper expressions, repeatable and
 * all required), --from/--to (a time window), --threads, --keep-going, --quiet. resolveSelection() parses and checks filters on
 * the main thread, before any worker starts, and returns the FilterSpec the workers compile.
 */
import { Command, Option } from 'commander';
import type { FilterSpec } from '../../ops/filter-spec.ts';
import { ExitError } from '../runtime.ts';
import { whereSpec, WhereError } from '../../expr/where.ts';
import { nfilterSelection, SelectionError } from '../../filter/selection.ts';
import { DEFAULT_MARGIN, type WindowBy, type WindowSpec } from '../../ops/time-window.ts';
import { isoUtc, parseTimeArg } from '../../util/time-arg.ts';

export interface SelectOptions {
  filterFile?: string;
  filter?: string;
  var?: string[];
  /** random-sample seed (reproducible sample) */
  seed?: string;
  /** --where expressions: a flow must pass every one */
  where?: string[];
  from?: string;
  to?: string;
  windowBy?: WindowBy;
  pruneMargin?: string;
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
    .option('--where <expr>', 'keep only flows for which the flowdumper expression is true, e.g. \'6 ne $protocol\'; repeatable: a flow must pass every one', collect)
    .option('--from <time>', 'keep only flows in a time window starting at TIME (ISO 8601, @unix-seconds, or a phrase such as "2 hours ago"; local time unless a zone is given)')
    .option('--to <time>', 'end of the time window (exclusive)')
    .addOption(new Option('--window-by <what>', 'a flow is in the window when it overlaps it, or when its start (or end) falls in it; "start" splits an archive into windows with no flow counted twice')
      .choices(['overlap', 'start', 'end']).default('overlap'))
    .option('--prune-margin <seconds>', `leave a file unread when its header capture times end more than SECONDS before the window or begin more than SECONDS after it ("none": read every file)`, String(DEFAULT_MARGIN))
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
  const wheres = opts.where ?? [];
  for (const [i, w] of wheres.entries()) {
    try {
      parts.push(whereSpec(w, wheres.length > 1 ? `--where #${i + 1}` : '--where'));
    } catch (e) {
      if (e instanceof WhereError) throw new ExitError(2, e.message);
      throw e;
    }
  }
  const window = windowSelection(opts);
  // the window first: the cheapest test, and the one that rejects most records of a long archive
  if (window) parts.unshift(window);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { kind: 'all', parts };
}

/** The --from/--to window, checked; undefined when neither is given. */
export function windowSelection(opts: SelectOptions, nowSeconds = Math.floor(Date.now() / 1000)): WindowSpec | undefined {
  if (opts.from === undefined && opts.to === undefined) return undefined;
  const time = (name: string, text: string | undefined): number | null => {
    if (text === undefined) return null;
    const ms = parseTimeArg(text, nowSeconds);
    if (ms === undefined) {
      throw new ExitError(2, `${name}: cannot read "${text}" as a time (ISO 8601 such as 2026-11-01T02:00:00Z, @unix-seconds, or a phrase such as "2 hours ago")`);
    }
    return ms;
  };
  const fromMs = time('--from', opts.from), toMs = time('--to', opts.to);
  if (fromMs !== null && toMs !== null && fromMs >= toMs) {
    throw new ExitError(2, `the time window is empty: --from ${isoUtc(fromMs)} is not before --to ${isoUtc(toMs)}`);
  }
  const m = opts.pruneMargin ?? String(DEFAULT_MARGIN);
  let marginS: number | null = null;
  if (m !== 'none') {
    marginS = Number(m);
    if (m.trim() === '' || !Number.isInteger(marginS) || marginS < 0) throw new ExitError(2, `--prune-margin must be a whole number of seconds or "none", not "${m}"`);
  }
  return { kind: 'window', fromMs, toMs, by: opts.windowBy ?? 'overlap', marginS };
}
