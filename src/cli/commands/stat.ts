/**
 * `flowsift stat`: flow-stat reports 0-32 over files, directories and globs in one fused parallel
 * pass (filters included). Text output is what `flow-cat -p FILES | flow-stat ...` prints;
 * --output json|csv gives the same rows as data; --top N keeps the first N rows.
 */
import { Option, type Command } from 'commander';
import { formatHeaderBlock } from '../../format/header-print.ts';
import { hasFields } from '../../format/layouts.ts';
import { symDir } from '../../print/symbols-path.ts';
import { collectStat as collect, MemCapError } from '../../stat/collect.ts';
import { BASE_FIELDS, FORMATS, NFORMATS } from '../../stat/formats.ts';
import { sortOrderOf, type StatOptions } from '../../stat/options.ts';
import { renderLead } from '../../stat/render.ts';
import { PlotCut, renderTop, topApplies } from '../../stat/render-top.ts';
import { renderBodyParallel } from '../../stat/render-parallel.ts';
import { renderData } from '../../stat/render-data.ts';
import { canSort, sortFields } from '../../stat/table-order.ts';
import { reportInfo } from '../../stat/render-summary.ts';
import { ExitError } from '../runtime.ts';
import type { Register } from './index.ts';
import { parseSize } from './memory-size.ts';
import { defaultMaxMemory } from '../../stat/mem-cap.ts';
import { addSelectOptions, resolveSelection, type SelectOptions } from './select-options.ts';
import { EXIT, Session } from './session.ts';

interface StatCliOptions extends SelectOptions {
  format: string;
  sortDesc?: string;
  sortAsc?: string;
  percent?: boolean;
  names?: boolean;
  wide?: boolean;
  tally?: string;
  title?: string;
  header?: boolean;
  all?: boolean;
  output: 'text' | 'json' | 'csv';
  top?: string;
  maxMemory?: string;
}

function intOption(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new ExitError(EXIT.USAGE, `${name} must be an integer >= ${min}, not "${v}"`);
  return n;
}

export const registerStat: Register = (program: Command, io, setStatus) => {
  addSelectOptions(
    program.command('stat')
      .description('flow-stat reports (formats 0-32) over whole archives in one parallel pass, as text, JSON or CSV')
      .argument('<paths...>', 'flow files, directories or globs ("-" = stdin)')
      .option('-f, --format <n>', 'flow-stat report number 0-32', '0')
      .option('-S, --sort-desc <field>', 'sort descending on field N: the key column(s) from 0 (two for pair reports), then flows, octets, packets, duration')
      .option('-s, --sort-asc <field>', 'sort ascending on field N')
      .option('-P, --percent', 'percent of total (flow-stat -P)')
      .option('-n, --names', 'symbolic names (flow-stat -n)')
      .option('-w, --wide', 'wide: duration column (flow-stat -w)')
      .option('-t, --tally <n>', 'tally line every N rows (with -P)')
      .option('-T, --title <title>', 'report title')
      .option('-p, --header', 'print the first input\'s header block')
      .option('-a, --all', 'include tmp* files')
      .option('--top <n>', 'print only the first N rows of the table (f13/f14: the first N flows)')
      .option('--max-memory <size>', 'cap on the aggregation tables\' memory, e.g. 512M, 2G (default: 80% of RAM)')
      .addOption(new Option('--output <kind>', 'output kind').choices(['text', 'json', 'csv']).default('text')),
  ).action(async (paths: string[], opts: StatCliOptions, cmd: Command) => {
    setStatus(await runStat(paths, opts, io, cmd));
  });
};

async function runStat(paths: string[], opts: StatCliOptions, io: Parameters<Register>[1], cmd: Command): Promise<number> {
  const format = intOption('--format', opts.format, 0);
  if (format >= NFORMATS) throw new ExitError(EXIT.USAGE, `No such format, ${format}`);
  if (opts.sortDesc !== undefined && opts.sortAsc !== undefined) throw new ExitError(EXIT.USAGE, '-S and -s both given: sort one way');
  let sortOrder = 0;
  if (opts.sortDesc !== undefined) sortOrder = sortOrderOf(intOption('--sort-desc', opts.sortDesc, 0), true);
  if (opts.sortAsc !== undefined) sortOrder = sortOrderOf(intOption('--sort-asc', opts.sortAsc, 0), false);
  const top = opts.top === undefined ? Infinity : intOption('--top', opts.top, 0);
  const maxMemory = opts.maxMemory === undefined ? defaultMaxMemory() : parseSize('--max-memory', opts.maxMemory);
  const o: StatOptions = {
    format, sortOrder, percent: Boolean(opts.percent), names: Boolean(opts.names), wide: Boolean(opts.wide),
    tally: opts.tally === undefined ? 0 : intOption('--tally', opts.tally, 0), title: opts.title, cc: '#',
    printHeader: Boolean(opts.header), argv: ['flowsift', ...((cmd.parent as (Command & { rawArgs?: string[] }) | null)?.rawArgs ?? ['stat'])], symDir: symDir(),
  };
  const fmt = FORMATS[format]!;
  // flow-stat finds a bad sort field only when it prints, after the whole scan, and says so on stderr
  // (exit 0, no table): here it is an error before any input is read
  if (fmt.dumper && !canSort(fmt.dumper, sortOrder)) {
    // sortOrder is the field plus one, signed
    throw new ExitError(EXIT.USAGE, `can't sort on field ${Math.abs(sortOrder) - 1}: report ${format} (${fmt.name}) has fields 0-${sortFields(fmt.dumper) - 2}`);
  }
  if (top !== Infinity && !topApplies(fmt)) {
    throw new ExitError(EXIT.USAGE, `--top: report ${format} (${fmt.name}) has no rows to limit`);
  }
  const filter = resolveSelection(opts, io);
  const session = new Session(io, opts);
  const all = await session.inputs(paths, { all: opts.all }, filter);
  // flow-stat needs these fields in every input; inputs of other versions are skipped
  const need = fmt.shape === 'none' ? [] : [...BASE_FIELDS, ...fmt.needs];
  const inputs = all.filter((inp) => {
    if (hasFields(inp.layout, need)) return true;
    session.skipInput(inp.display, `export version ${inp.layout.id} lacks a field report ${format} needs`);
    return false;
  });
  if (inputs.length === 0) { session.finish(); return EXIT.ERROR; }
  const text = opts.output === 'text';
  if (text) {
    io.out.write(reportInfo(fmt, o));
    if (o.printHeader) io.out.write(formatHeaderBlock(inputs[0]!.header, o.cc));
    io.out.write(renderLead(fmt, o));
  }
  if (fmt.shape !== 'none') {
    let result;
    // --top in text: plot lines pass through the cut as they come, not kept for the end
    const cut = text && top !== Infinity ? new PlotCut(o.cc, top, (t) => io.out.write(t)) : undefined;
    try {
      result = await collect(inputs, format, {
        ...session.scanOptions(), filter, maxMemory,
        textSink: text ? (t) => (cut ? cut.write(t) : io.out.write(t)) : undefined,
        observe: (ev) => {
          session.observe(ev);
          if (ev.kind === 'result' && ev.result.warnings) io.err(ev.result.warnings);
        },
      });
    } catch (e) {
      if (!(e instanceof MemCapError)) throw e;
      // one line, no partial table; the CLI layer exits (and so stops the pool)
      session.progress?.stop();
      io.err(`flowsift stat: ${e.message}\n`);
      return EXIT.ERROR;
    }
    const sink = (b: Uint8Array | string): void => io.out.write(b);
    if (!text) renderData(result, o, opts.output as 'json' | 'csv', top, sink);
    else if (top === Infinity) await renderBodyParallel(result, o, sink, (line) => io.err(line), { threads: session.threads, phases: session.stats.phases });
    else renderTop(result, o, top, sink, (line) => io.err(line), cut);
  } else if (!text) {
    throw new ExitError(EXIT.ERROR, `report ${format} (${fmt.name}) is not implemented in flow-stat; it has no data`);
  }
  return session.finish();
}
