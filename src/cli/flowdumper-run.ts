/**
 * flowdumper's in-order run for programs with state: -I once, the -e program on every flow in input
 * order (user variables, print/printf, exit), -E once. Runs on the coordinator thread over records
 * the scan returns; output and the programs' prints share one buffer so they interleave as in Perl.
 */
import { createDumper, type DumpStyle, type Dumper } from '../dump/formats.ts';
import type { Program } from '../expr/ast.ts';
import type { Scope } from '../expr/check.ts';
import { instantiate, type RecordFn } from '../expr/compile.ts';
import { ExprRuntimeError, truthy, type PerlValue } from '../expr/perl-values.ts';
import { createRuntime, ExitSignal, newState, type ExprState } from '../expr/runtime.ts';
import type { Layout } from '../format/layouts.ts';
import { RecordView } from '../format/record.ts';
import type { Output } from '../io/output.ts';
import { TextBuf } from '../util/textbuf.ts';
import type { CliIO } from './runtime.ts';

/** How a run ended early: `exit` in an expression, or a Perl-style run-time error. */
export interface RunOutcome { status: number; message?: string }

const FLUSH_AT = 1 << 20;

export class FlowdumperRun {
  private readonly R = createRuntime();
  private readonly S: ExprState;
  private readonly buf = new TextBuf(1 << 16);
  private out: Output;
  private readonly dump: Dumper;
  private readonly perLayout = new Map<string, { view: RecordView; fn: RecordFn<PerlValue> | null }>();
  private readonly expr: Program | undefined;
  private readonly init: Program | undefined;
  private readonly end: Program | undefined;
  /** the last flow read: -E still sees its variables */
  private last: { layout: Layout; bytes: Uint8Array } | null = null;

  constructor(
    private readonly io: CliIO,
    programs: readonly Program[],
    private readonly scope: Scope,
    labels: readonly string[],
    style: DumpStyle,
    private readonly quiet: boolean,
    private readonly printAll: boolean,
  ) {
    this.out = io.out;
    // command-line text arrives decoded from UTF-8; print it back as the same bytes
    this.S = newState((t) => (/[^\x00-\xff]/.test(t) ? this.buf.bytes(Buffer.from(t, 'utf8')) : this.buf.str(t)), (t) => { this.flush(); io.err(t); });
    this.dump = createDumper(style);
    const find = (l: string): Program | undefined => programs[labels.indexOf(l)];
    this.init = find('-I');
    this.expr = find('-e');
    this.end = find('-E');
  }

  /** Run -I (before any file is opened). */
  runInit(): RunOutcome | undefined {
    return this.init ? this.once(this.init, '-I', null, null) : undefined;
  }

  /** Run -E (after the last flow, whose variables it still sees, as in Perl). */
  runEnd(): RunOutcome | undefined {
    if (!this.end) return undefined;
    const last = this.last;
    if (!last) return this.once(this.end, '-E', null, null);
    const view = new RecordView(last.layout, new DataView(last.bytes.buffer), true);
    return this.once(this.end, '-E', last.layout, view);
  }

  /**
   * Feed records (little-endian, `layout`) through -e and the dump, writing to `out`. Returns the
   * counts, and an outcome when the program ended the run.
   */
  records(data: Uint8Array, layout: Layout, out: Output): { records: number; matched: number; outcome?: RunOutcome } {
    this.switchTo(out);
    const { view, fn } = this.forLayout(layout);
    view.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const size = layout.size;
    let records = 0;
    let matched = 0;
    try {
      for (let p = 0; p + size <= data.byteLength; p += size) {
        view.p = p;
        records++;
        const want = fn === null ? true : truthy(fn(view)) || this.printAll;
        if (!want) continue;
        matched++;
        if (!this.quiet) this.dump(view, this.buf);
        if (this.buf.len >= FLUSH_AT) this.flush();
      }
    } catch (e) {
      this.flush();
      return { records, matched, outcome: outcomeOf(e, '-e') };
    }
    this.flush();
    if (records > 0) {
      const at = (records - 1) * size;
      this.last = { layout, bytes: data.slice(at, at + size) };
    }
    return { records, matched };
  }

  private once(p: Program, label: string, layout: Layout | null, view: RecordView | null): RunOutcome | undefined {
    this.switchTo(this.io.out);
    const fn = instantiate(p, this.scope, layout, this.R, this.S, false);
    try {
      fn(view as RecordView);
    } catch (e) {
      this.flush();
      return outcomeOf(e, label);
    }
    this.flush();
    return undefined;
  }

  private forLayout(layout: Layout): { view: RecordView; fn: RecordFn<PerlValue> | null } {
    let entry = this.perLayout.get(layout.id);
    if (!entry) {
      const view = new RecordView(layout, new DataView(new ArrayBuffer(0)), true);
      const fn = this.expr ? instantiate(this.expr, this.scope, layout, this.R, this.S, false) : null;
      entry = { view, fn };
      this.perLayout.set(layout.id, entry);
    }
    return entry;
  }

  private switchTo(out: Output): void {
    if (out !== this.out) {
      this.flush();
      this.out = out;
    }
  }

  private flush(): void {
    if (this.buf.len === 0) return;
    this.out.write(this.buf.take());
  }
}

function outcomeOf(e: unknown, label: string): RunOutcome {
  if (e instanceof ExitSignal) return { status: e.status };
  if (e instanceof ExprRuntimeError) return { status: 255, message: `flowdumper: ${e.message} in ${label} expression\n` };
  throw e;
}
