/**
 * `flowsift print`: flow-print over many files in one parallel pass, output in input order.
 * Text output is what `flow-cat FILES | flow-print` prints; --output ndjson|csv writes every field
 * of every record as data (names as flow-tools spells them, addresses dotted, times ISO 8601).
 */
import { Option, type Command } from 'commander';
import { scan } from '../../engine/scan.ts';
import { formatHeaderBlock } from '../../format/header-print.ts';
import { createPrinter, defaultFormat } from '../../print/printer.ts';
import { symDir } from '../../print/symbols-path.ts';
import type { OpSpec } from '../../ops/types.ts';
import type { PrintSpec } from '../../print/spec.ts';
import { ExitError } from '../runtime.ts';
import type { Register } from './index.ts';
import { addSelectOptions, resolveSelection, type SelectOptions } from './select-options.ts';
import { EXIT, Session } from './session.ts';

interface PrintOptions extends SelectOptions {
  format?: string;
  wide?: boolean;
  names?: boolean;
  header?: boolean;
  output: 'text' | 'ndjson' | 'csv';
  all?: boolean;
}

export const registerPrint: Register = (program: Command, io, setStatus) => {
  addSelectOptions(
    program.command('print')
      .description('print flows like flow-print (formats 0-24), or as NDJSON/CSV records')
      .argument('<paths...>', 'flow files, directories or globs ("-" = stdin)')
      .option('-f, --format <n>', 'flow-print format number (default: by export version)')
      .option('-w, --wide', 'wide output (flow-print -w)')
      .option('-n, --names', 'symbolic names for ports, protocols, AS numbers (flow-print -n)')
      .option('-p, --header', 'print each file\'s header block before its flows')
      .option('-a, --all', 'include tmp* files (in-progress captures)')
      .addOption(new Option('--output <kind>', 'output kind').choices(['text', 'ndjson', 'csv']).default('text')),
  ).action(async (paths: string[], opts: PrintOptions) => {
    setStatus(await runPrint(paths, opts, io));
  });
};

async function runPrint(paths: string[], opts: PrintOptions, io: Parameters<Register>[1]): Promise<number> {
  const filter = resolveSelection(opts, io);
  const session = new Session(io, opts);
  let inputs = await session.inputs(paths, { all: opts.all }, filter);
  if (inputs.length === 0) { session.finish(); return EXIT.ERROR; }
  let op: OpSpec;
  const headings = new Map<unknown, string>();
  if (opts.output === 'text') {
    const format = opts.format === undefined ? defaultFormat(inputs[0]!.layout) : Number(opts.format);
    if (!Number.isInteger(format) || format < 0 || format > 24) throw new ExitError(EXIT.USAGE, `No such format, ${opts.format}`);
    const spec: PrintSpec = { kind: 'print', format, wide: Boolean(opts.wide), names: Boolean(opts.names), symDir: symDir() };
    op = spec;
    // one printer per record version; an input the format cannot print is reported and skipped
    const byLayout = new Map<string, ReturnType<typeof createPrinter>>();
    inputs = inputs.filter((inp) => {
      let p = byLayout.get(inp.layout.id);
      if (!p) byLayout.set(inp.layout.id, (p = createPrinter(spec, inp.layout, () => undefined)));
      if ('error' in p) {
        session.skipInput(inp.display, `${p.error.replace(/\.$/, '')} (export version ${inp.layout.id}, format ${format})`);
        return false;
      }
      headings.set(inp, p.heading);
      return true;
    });
    if (inputs.length === 0) { session.finish(); return EXIT.ERROR; }
    if (!opts.header) io.out.write(headings.get(inputs[0]!)!);
  } else {
    op = { kind: 'export', format: opts.output, header: false };
    if (opts.output === 'csv') {
      const mixed = inputs.find((i) => i.layout.id !== inputs[0]!.layout.id);
      if (mixed) throw new ExitError(EXIT.ERROR, `${mixed.display}: export version ${mixed.layout.id} differs from ${inputs[0]!.layout.id}: CSV needs one record version (use --output ndjson)`);
      const cols = (await import('../../ops/export.ts')).exportColumns(inputs[0]!.layout.offsets);
      io.out.write(`${cols.join(',')}\n`);
    }
  }
  let last: unknown = null;
  // the first tasks small: the first lines come (and `| head` ends) after 256 KiB, not 4 MiB. Runs
  // of small files are read as one task each (a task per 5-minute file cost an archive of 10,000
  // of them 0.57 ms a file), unless each file's header block goes before its flows (-p); a group's
  // fault lines come before its text, not between its files' (on stderr, separate from stdout)
  // a compressed file's text comes in chunks as it is read (stream): memory stays bounded by the
  // chunks, not by the file (one zlib file of 4M flows held 630-730 MB as one result)
  for await (const ev of scan(inputs, { ...session.scanOptions(), op, filter, rangeBytes: 4 << 20, firstRangeBytes: 256 << 10, groupSmall: !opts.header, stream: true, recycleChunks: true })) {
    session.observe(ev);
    if (ev.kind !== 'result' && ev.kind !== 'chunk') continue;
    if (opts.header && last !== ev.input && op.kind === 'print') {
      last = ev.input;
      io.out.write(formatHeaderBlock(ev.input.header));
      io.out.write(headings.get(ev.input)!);
    }
    if (ev.kind === 'chunk') { io.out.write(ev.payload.data); continue; }
    if (ev.result.warnings) io.err(ev.result.warnings);
    if (ev.result.payload.kind === 'bytes') io.out.write(ev.result.payload.data);
  }
  return session.finish();
}
