/**
 * flowdumper drop-in (Cflow 1.053): dumps flows of flow-tools files (or stdin) in the long format,
 * -s / -S short formats or -r raw cflowd records, selected by a checked -e expression, with -I / -E
 * programs, -c counts, -n and -o FILE (%s = input basename). Options needing Perl modules
 * (-p, -B, -R) are refused with a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, openInput, openStdin, type OpenedInput } from '../engine/open.ts';
import { scan } from '../engine/scan.ts';
import { cflowReads, type DumpStyle } from '../dump/formats.ts';
import { formatErrors, prepare, type ExprSource } from '../expr/compile.ts';
import { Output } from '../io/output.ts';
import type { FilterSpec } from '../ops/filter-spec.ts';
import type { OpSpec } from '../ops/types.ts';
import { getopt, GetoptError } from './getopt.ts';
import { defaultThreads } from './threads.ts';
import { ExitError, type CliIO } from './runtime.ts';
import { faultLine, inputErrorLine } from './tool-errors.ts';
import { FlowdumperRun, type RunOutcome } from './flowdumper-run.ts';
import { USAGE } from './flowdumper-usage.ts';

interface Options {
  style: DumpStyle;
  quiet: boolean; // -n
  all: boolean; // -a
  count: boolean; // -c
  verbose: boolean;
  init?: string;
  expr?: string;
  end?: string;
  outFile?: string;
}

export async function flowdumper(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseOptions(argv, io);
  if (typeof parsed === 'number') return parsed;
  const { opts, files } = parsed;

  // parse and check every program before any file is opened
  const sources: ExprSource[] = [];
  if (opts.init !== undefined) sources.push({ label: '-I', text: opts.init });
  if (opts.expr !== undefined) sources.push({ label: '-e', text: opts.expr });
  if (opts.end !== undefined) sources.push({ label: '-E', text: opts.end });
  const prep = prepare(sources);
  if (!prep.ok) {
    io.err(`flowdumper: ${formatErrors(prep.errors)}`);
    return 2;
  }
  const exprIndex = opts.expr !== undefined ? sources.findIndex((s) => s.label === '-e') : -1;
  // -I/-E and expressions with side effects (variables, print, exit) see flows in input order,
  // one at a time, on this thread; a pure -e is a filter the workers apply
  const stateful = sources.length > (exprIndex >= 0 ? 1 : 0) || (exprIndex >= 0 && !prep.pure[exprIndex]);

  const run = new FlowdumperRun(io, prep.programs, prep.scope, sources.map((s) => s.label), opts.style, opts.quiet, opts.all || exprIndex < 0);
  const ended = run.runInit();
  if (ended) return finish(ended, io);

  const inputs = openAll(files, io, opts.verbose);
  const outputs = new OutputRouter(io, opts.outFile);
  let pass: PassResult;
  try {
    pass = await dumpInputs(inputs, opts, stateful, run, outputs, io);
  } catch (e) {
    // an -e run in the workers died the way Perl dies (division by zero): Cflow's status
    const die = perlDeath(e);
    if (!die) throw e;
    pass = { matched: 0, total: 0, outcome: { status: 255, message: `flowdumper: ${die} in -e expression\n` } };
  } finally {
    outputs.closeAll();
  }
  if (pass.outcome) return finish(pass.outcome, io);
  const endOutcome = run.runEnd();
  if (endOutcome) return finish(endOutcome, io);
  io.out.flush();
  if (opts.count) io.err(`matched ${pass.matched} of ${pass.total} flows\n`);
  return 0;
}

interface PassResult { matched: number; total: number; outcome?: RunOutcome }

/**
 * The scan over every input. Stateful programs get the records back in input order and run here
 * (one thread); otherwise the workers filter with -e and format the dump themselves.
 */
async function dumpInputs(
  inputs: OpenedInput[], opts: Options, stateful: boolean, run: FlowdumperRun, outputs: OutputRouter, io: CliIO,
): Promise<PassResult> {
  const res: PassResult = { matched: 0, total: 0 };
  if (inputs.length === 0) return res;
  const threads = stateful ? 1 : defaultThreads(io.env);
  const op: OpSpec = stateful ? { kind: 'records', byteOrder: 1 } : opts.quiet ? { kind: 'count' } : { kind: 'dump', style: opts.style };
  const filter: FilterSpec | undefined = !stateful && opts.expr !== undefined && !opts.all ? { kind: 'expr', source: opts.expr } : undefined;
  /** Records of a stateful pass run through the expressions; the outcome that ends the pass, if any. */
  const runRecords = (data: Uint8Array, input: OpenedInput, out: Output): RunOutcome | undefined => {
    const step = run.records(data, input.layout, out);
    res.matched += step.matched;
    res.total += step.records;
    return step.outcome;
  };
  // a compressed file's dump comes in chunks as it is read: memory stays bounded by the chunks
  // (a piece's buffer goes back to its thread once written: the stateless dump only copies it out)
  for await (const ev of scan(inputs, { op, filter, threads, stream: true, recycleChunks: !stateful })) {
    const out = outputs.for(ev.input);
    if (ev.kind === 'chunk') {
      if (!stateful) { out.write(ev.payload.data); continue; }
      const outcome = runRecords(ev.payload.data, ev.input, out);
      if (outcome) return { ...res, outcome };
      continue;
    }
    if (ev.kind !== 'result') {
      if (opts.verbose) for (const f of ev.faults) io.err(faultLine('flowdumper', f));
      if (ev.kind === 'end') outputs.done(ev.input);
      continue;
    }
    const r = ev.result;
    if (opts.verbose) for (const f of r.faults) io.err(faultLine('flowdumper', f));
    if (stateful) {
      if (r.payload.kind !== 'bytes') continue;
      const outcome = runRecords(r.payload.data, ev.input, out);
      if (outcome) return { ...res, outcome };
    } else {
      res.matched += r.matched;
      res.total += r.records;
      if (r.payload.kind === 'bytes') out.write(r.payload.data);
    }
  }
  return res;
}

/** The Perl error message when `e` is an expression dying at run time (possibly in a worker). */
function perlDeath(e: unknown): string | undefined {
  for (let c = e; c instanceof Error; c = c.cause) {
    const m = /Illegal division by zero|Illegal modulus zero|Can't take (?:sqrt|log) of [^ ]+/.exec(c.message);
    if (m) return m[0];
  }
  return undefined;
}

function finish(o: RunOutcome, io: CliIO): number {
  io.out.flush();
  if (o.message) io.err(o.message);
  return o.status;
}

function parseOptions(argv: string[], io: CliIO): { opts: Options; files: string[] } | number {
  let parsed;
  try {
    parsed = getopt(argv, 'havVI:e:E:nsScrRp:B:o:');
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    io.err(`Unknown option: ${e.letter}\n${USAGE}`);
    return 2;
  }
  const o: Options = { style: 'long', quiet: false, all: false, count: false, verbose: false };
  const styles: string[] = [];
  for (const [c, v] of parsed.opts) {
    switch (c) {
      case 'h': io.err(USAGE); return 0;
      case 'a': o.all = true; break;
      case 'v': case 'V': o.verbose = true; break;
      case 'I': o.init = v; break;
      case 'e': o.expr = v; break;
      case 'E': o.end = v; break;
      case 'n': o.quiet = true; break;
      case 'c': o.count = true; break;
      case 's': o.style = 'short'; styles.push(c); break;
      case 'S': o.style = 'oldshort'; styles.push(c); break;
      case 'r': o.style = 'raw'; styles.push(c); break;
      case 'o': o.outFile = v; break;
      case 'R':
        io.err('flowdumper: -R (repack records after -e changed them) is not supported: flow variables are read-only in flowsift\n');
        return 1;
      case 'p':
        io.err('flowdumper: -p (prefix mapping for ENCODE) is not supported: it needs Perl modules\n');
        return 1;
      case 'B':
        io.err('flowdumper: -B (BGP table lookups through Net::ParseRouteTable) is not supported: it needs Perl modules\n');
        return 1;
    }
  }
  if (styles.length > 1 || (o.quiet && styles.includes('r'))) {
    io.err(USAGE);
    return 2;
  }
  return { opts: o, files: parsed.operands.length ? parsed.operands : ['-'] };
}

/** Open every input in order; those that cannot be read are reported and skipped, as Cflow does. */
function openAll(files: string[], io: CliIO, verbose: boolean): OpenedInput[] {
  const inputs: OpenedInput[] = [];
  for (const f of files) {
    let input: OpenedInput;
    try {
      input = f === '-' ? openStdin(io) : openInput(f);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(inputErrorLine('flowdumper', e));
      continue;
    }
    if (!cflowReads(input.layout)) {
      if (verbose) io.err(`flowdumper: ${f}: NetFlow export version ${input.layout.id} is not supported by Cflow, skipped\n`);
      continue;
    }
    inputs.push(input);
  }
  return inputs;
}

/** Where each input's dump goes: stdout, one -o file, or one file per input when -o has a %s. */
class OutputRouter {
  private current: { input: OpenedInput; out: Output } | null = null;
  private shared: Output | null = null;

  constructor(private readonly io: CliIO, private readonly pattern: string | undefined) {}

  for(input: OpenedInput): Output {
    if (this.pattern === undefined) return this.io.out;
    if (!this.pattern.includes('%s')) return (this.shared ??= open(this.pattern));
    if (this.current?.input !== input) {
      this.done(this.current?.input);
      const base = input.display === '-' ? '-' : path.basename(input.path);
      this.current = { input, out: open(this.pattern.replace('%s', base)) };
    }
    return this.current.out;
  }

  done(input: OpenedInput | undefined): void {
    if (input && this.current?.input === input) {
      close(this.current.out);
      this.current = null;
    }
  }

  closeAll(): void {
    if (this.current) close(this.current.out);
    this.current = null;
    if (this.shared) close(this.shared);
    this.shared = null;
  }
}

function open(file: string): Output {
  try {
    return new Output(fs.openSync(file, 'w'));
  } catch (e) {
    throw new ExitError(2, `open "${file}": ${(e as Error).message}`);
  }
}

function close(out: Output): void {
  out.flush();
  fs.closeSync(out.fd);
}
