/**
 * What every flowsift command does around its scan: expand the paths, report each unreadable or
 * damaged input on one line (file, byte offset, what is wrong), show progress, and end with the
 * exit status and summary line: 0 when all input was clean, 3 when some was damaged or skipped.
 */
import { expandInputs, type Opened } from '../../engine/inputs.ts';
import type { FilterSpec } from '../../ops/filter-spec.ts';
import { nfilterMissingFields } from '../../filter/selection.ts';
import { outsideByCapture, windowOf } from '../../ops/time-window.ts';
import type { ScanEvent, ScanOptions, ScanStats } from '../../engine/scan.ts';
import type { Fault } from '../../engine/types.ts';
import type { CliIO } from '../runtime.ts';
import { faultLine, inputName, problemOffset, prunedLine } from '../tool-errors.ts';
import { startProgress, type Progress } from '../progress.ts';
import { defaultThreads, maxThreads } from '../threads.ts';

/** Exit statuses of flowsift commands. */
export const EXIT = { OK: 0, ERROR: 1, USAGE: 2, DAMAGED: 3, INTERRUPTED: 130 } as const;

export class Session {
  readonly tool = 'flowsift';
  files = 0;
  filesDamaged = 0;
  filesSkipped = 0;
  /** inputs left unread: their capture times lie outside the --from/--to window */
  filesPruned = 0;
  records = 0;
  private readonly damaged = new Set<string>();
  progress: Progress | null = null;
  readonly threads: number;
  /** where the scan's work ran; pass to scan() */
  readonly stats: ScanStats = { localTasks: 0, poolTasks: 0, localMs: 0 };
  private readonly elu0 = performance.eventLoopUtilization();
  private readonly cpu0 = process.cpuUsage();

  constructor(readonly io: CliIO, readonly opts: { quiet?: boolean; threads?: number; stats?: boolean; keepGoing?: boolean }) {
    const asked = opts.threads ?? defaultThreads(io.env);
    this.threads = Math.min(asked, maxThreads());
    if (asked > this.threads) io.err(`${this.tool}: --threads ${asked} is more than this machine can use; running ${this.threads}\n`);
  }

  /**
   * The scan options every command passes: threads, progress, statistics, --keep-going, and the
   * fault-injection switch FLOWSIFT_INJECT_FAULT=SEQ:KIND (tests: the task with that sequence
   * number fails in a worker, KIND as ScanOptions.injectFault says, exit-streamed after its first
   * piece of streamed output; every task then runs on the pool, none on the main thread).
   */
  scanOptions(): Pick<ScanOptions, 'threads' | 'progress' | 'stats' | 'keepGoing' | 'injectFault' | 'inProcessBelow' | 'mainThreadScans'> {
    const base = { threads: this.threads, progress: this.progress?.shared, stats: this.stats, keepGoing: this.opts.keepGoing };
    const m = /^(\d+):(throw|exit|exit-late|exit-streamed)$/.exec(this.io.env.FLOWSIFT_INJECT_FAULT ?? '');
    if (!m) return base;
    const kind = m[2] as NonNullable<ScanOptions['injectFault']>['kind'];
    return { ...base, threads: Math.max(2, this.threads), injectFault: { seq: Number(m[1]), kind }, inProcessBelow: 0, mainThreadScans: false };
  }

  /**
   * Expand paths; inputs whose record version is unreadable, or lacks a field the filter reads
   * ("Filter references a field not in flow."), are reported and skipped. Under a --from/--to
   * window, inputs whose capture times lie outside it (by the window's margin) are left unread,
   * and one line says how many.
   */
  async inputs(paths: string[], o: { all?: boolean; globalSort?: boolean } = {}, filter?: FilterSpec): Promise<Opened[]> {
    const { inputs, problems } = await expandInputs(paths, { ...o, allowStdin: true, onceEach: true });
    for (const p of problems) {
      this.io.err(`${this.tool}: ${inputName(p.path)}: ${problemOffset(p)}${p.message}${p.kind === 'header' ? ' (file skipped)' : ''}\n`);
      // a file named twice is read once: nothing is missing from the answer
      if (p.kind !== 'again') this.filesSkipped++;
    }
    const ok: Opened[] = [];
    const window = windowOf(filter);
    for (const inp of inputs) {
      if (inp.layoutError) {
        this.io.err(`${this.tool}: ${inputName(inp.display)}: byte 4: ${inp.layoutError.lines[0]} (file skipped)\n`);
        this.filesSkipped++;
        continue;
      }
      const missing = filter ? nfilterMissingFields(filter, inp.layout) : [];
      if (missing.length) {
        this.io.err(`${this.tool}: ${inputName(inp.display)}: Filter references a field not in flow (${missing.join(', ')} in export version ${inp.layout.id}) (file skipped)\n`);
        this.filesSkipped++;
        continue;
      }
      if (window && outsideByCapture(window, inp.header)) { this.filesPruned++; continue; }
      ok.push(inp);
    }
    if (window && this.filesPruned > 0 && !this.opts.quiet) this.io.err(prunedLine(this.tool, this.filesPruned, inputs.length, window));
    this.files = ok.length;
    const totalBytes = ok.reduce((s, i) => s + (i.size > 0 ? i.size : 0), 0);
    this.progress = startProgress(this.io, { quiet: this.opts.quiet, totalBytes, totalFiles: ok.length });
    return ok;
  }

  /** Report an input the command cannot use after all (it no longer counts as ok) and skip it. */
  skipInput(display: string, why: string): void {
    this.io.err(`${this.tool}: ${inputName(display)}: ${why} (file skipped)\n`);
    this.filesSkipped++;
    this.files--;
  }

  /** Count and report what a scan event says about the input. */
  observe(ev: ScanEvent): void {
    const faults: Fault[] = ev.kind === 'result' ? ev.result.faults : ev.kind === 'chunk' ? [] : ev.faults;
    if (ev.kind === 'result') this.records += ev.result.records;
    else if (ev.kind === 'end') this.progress?.fileDone();
    for (const f of faults) {
      this.io.err(faultLine(this.tool, f));
      if (!this.damaged.has(f.file)) { this.damaged.add(f.file); this.filesDamaged++; }
    }
  }

  /** Stop progress, print the summary when input was not clean, return the exit status. */
  finish(): number {
    this.progress?.stop();
    if (this.opts.stats) this.printStats();
    const clean = this.filesDamaged === 0 && this.filesSkipped === 0;
    if (!clean) {
      this.io.err(`${this.tool}: ${this.files - this.filesDamaged} files ok, ${this.filesDamaged} damaged, ${this.filesSkipped} skipped; ${this.records} records read\n`);
    }
    return clean ? EXIT.OK : EXIT.DAMAGED;
  }

  /**
   * --stats: one JSON line on stderr. `mainBusyMs` is the main thread's active time since start-up
   * (event-loop utilization); minus the time it spent running scan tasks itself, it is the
   * coordinator's serial work (planning, merging, writing). CPU time covers all threads.
   */
  private printStats(): void {
    const elu = performance.eventLoopUtilization(this.elu0);
    const cpu = process.cpuUsage(this.cpu0);
    const wallMs = performance.now();
    const serialMs = Math.max(0, elu.active - this.stats.localMs);
    this.io.err(`${JSON.stringify({
      stats: true, wallMs: Math.round(wallMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), mainBusyMs: Math.round(elu.active),
      localTaskMs: Math.round(this.stats.localMs), serialMs: Math.round(serialMs), localTasks: this.stats.localTasks, poolTasks: this.stats.poolTasks,
      records: this.records, threads: this.threads, ...(this.filesPruned ? { filesPruned: this.filesPruned } : {}), ...(this.stats.reruns ? { reruns: this.stats.reruns } : {}), ...(this.stats.phases ?? {}),
    })}\n`);
  }
}
