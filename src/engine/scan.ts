/**
 * The coordinator's scan: turns opened inputs into tasks (record-aligned ranges of raw files, one
 * task per zlib file, shared-memory chunks for a piped stdin), runs them in-process when the input
 * is small or on the worker pool when it is not, and yields results in input order.
 */
import type { FilterSpec } from '../ops/filter-spec.ts';
import type { BytesPayload, OpSpec } from '../ops/types.ts';
import type { OpenedInput } from './open.ts';
import { runOrdered } from './ordered.ts';
import { LocalRate } from './local-rate.ts';
import { isolationPool, scanPool, type ScanPool } from './pool.ts';
import { newWorkerState, runScanTask, type LocalOp, type WorkerState } from './scan-task.ts';
import { Spares } from './spares.ts';
import type { Fault, ScanTask, TaskResult } from './types.ts';
import { ScanFailure } from './errors.ts';
import { Slots } from './slots.ts';
import { TaskPlan, type Item } from './task-plan.ts';
import type { TaskStream } from './task-stream.ts';
import { STREAMED_OPS, streamed } from './streamed.ts';
import { groupable } from './groups.ts';

export interface ScanOptions {
  op: OpSpec;
  filter?: FilterSpec;
  /** scanning threads, the main thread included: 1 runs everything in-process */
  threads: number;
  /** target bytes per raw-file task. Default: 16 MiB */
  rangeBytes?: number;
  /**
   * the run's first raw-file tasks start this small and double up to rangeBytes: output that is
   * printed in task order starts (and `| head` ends) after a small task, not a full one
   */
  firstRangeBytes?: number;
  /**
   * inputs smaller than this (in raw-equivalent bytes: compressed bytes count 6 times, for the
   * inflating) run on the main thread alone. Default: by op, the size a single thread scans in
   * about a quarter of a second — below that, booting workers (~70-90 ms each here) costs more
   * than it saves. Workers still join when the main thread's rate says the rest is long (LocalRate).
   */
  inProcessBelow?: number;
  /** shared counters [records, bytes] the workers add to (progress display) */
  progress?: SharedArrayBuffer;
  /** filled with where the work ran (benchmarks: the serial fraction) */
  stats?: ScanStats;
  /** a task whose worker fails is reported and skipped instead of ending the scan */
  keepGoing?: boolean;
  /** let the main thread run tasks beside the workers. Default: true (tests turn it off) */
  mainThreadScans?: boolean;
  /** tasks a thread holds at once, at most TASKS_PER_THREAD (the default) */
  tasksPerThread?: number;
  /**
   * each task's result is small (a count, a flow-stat partial other than plot text): allow four
   * times the tasks in flight, so that threads do not wait on the oldest task. Default: counts only
   */
  smallResults?: boolean;
  /** tests: make the task with this seq fail */
  injectFault?: { seq: number; kind: 'throw' | 'exit' | 'exit-late' | 'exit-streamed' };
  /** the op of the tasks the main thread runs itself, when it differs from the workers' */
  localOp?: LocalOp;
  /**
   * Consecutive small files of one record layout share a task (groups.ts): for ops whose results
   * are merged, not written per input (stat). The inputs' own end events still come in order.
   */
  groupSmall?: boolean;
  /**
   * a bytes op's output of a whole compressed file comes in `chunk` events while the file is read,
   * before its `result` (which holds the rest): memory stays bounded however big the file. For
   * callers that write the bytes in order and need no whole result per task.
   */
  stream?: boolean;
  /** bytes a piece of streamed output holds at least (tests). Default: STREAM_CHUNK */
  streamChunk?: number;
  /**
   * with `stream`: the caller is done with a `chunk` event's bytes when it asks for the next event
   * (it wrote them, or copied them): their buffer goes back to the thread that made them
   */
  recycleChunks?: boolean;
}

export interface ScanStats {
  localTasks: number;
  poolTasks: number;
  /** milliseconds the main thread spent decoding records and running ops of its own tasks */
  localMs: number;
  /** tasks run again alone after their worker died */
  reruns?: number;
  /** wall milliseconds of an op's phases after (or around) the scan: merge, order, print */
  phases?: Record<string, number>;
}

export type ScanEvent =
  | { kind: 'result'; input: OpenedInput; result: TaskResult }
  /** output of a task still running, in order before its result (with `stream`) */
  | { kind: 'chunk'; input: OpenedInput; payload: BytesPayload }
  /** an input is finished; `faults` found while feeding it (pipes) */
  | { kind: 'end'; input: OpenedInput; faults: Fault[] }
  /** a task was lost (its worker failed) and skipped because of `keepGoing` */
  | { kind: 'fault'; input: OpenedInput; faults: Fault[] };


// coordinator state: the main thread's own read buffer and filter cache, reused by every scan
let localState: WorkerState | null = null;
// coordinator state: merged results' buffers, for the main thread's tasks and to send to workers
const spares = new Spares();

/**
 * Hand back the buffers of a result the caller has merged and no longer references: they are
 * reused for later results (on the main thread, or moved to a worker with its next task).
 */
export function recycle(buffers: ArrayBufferLike[]): void {
  for (const b of buffers) spares.give(b);
}

const DEFAULT_RANGE = 16 << 20;
/** spare result buffers moved to a worker with each task (a task's result takes two or three) */
const SPARES_PER_TASK = 3;
/**
 * Tasks a thread may hold at once. Raw ranges are synchronous and run one after another anyway;
 * zlib tasks wait on inflate rounds in the libuv pool, and a single inflate stream leaves the CPU
 * idle between its rounds, so several per thread overlap those gaps (measured: 4 files inflate
 * ~2-3x faster side by side than one after another).
 */
export const TASKS_PER_THREAD = 3;
const DEFAULT_IN_PROCESS = 24 << 20;
/** about 0.25 s of single-thread work per op (measured rates on the 2-vCPU reference machine) */
const IN_PROCESS_BELOW: Partial<Record<string, number>> = {
  count: 768 << 20,
  records: 384 << 20,
  stat: 96 << 20,
  print: 24 << 20,
  export: 8 << 20,
  dump: 16 << 20,
};

/**
 * Where tasks run: a free pool worker takes the next task, else the main thread takes it itself.
 * Small inputs never start the pool; large ones get the main thread working beside the workers
 * (so a 2-core machine scans on 2 threads, and work starts before the workers have booted). The
 * main thread takes the next task first when it holds none and the pool is booting (results are
 * used in task order, and the first ones would otherwise wait for booting workers: a 4-thread
 * `print | head` gave its first byte after 2.6 s instead of 0.5 s), or when it holds fewer than
 * the workers do on average (a worker's further slots only overlap its own tasks' inflate waits).
 * Before, a window of a few tasks (whole zlib files printed) went to the main thread alone while
 * the pool booted and to the workers alone once one had returned, the main thread idle: print over
 * the bench's 20 zlib files took as long at 2 threads as at 1.
 */
class Dispatcher {
  private readonly slots: Slots;
  /** a pool task has come back: the workers are up */
  private poolWarm = false;

  constructor(
    private readonly poolThreads: () => number,
    private readonly pool: () => Promise<ScanPool>,
    private readonly stats?: ScanStats,
    mainThreadScans = true,
    private readonly localOp?: LocalOp,
    private readonly rate?: LocalRate,
    perThread = TASKS_PER_THREAD,
  ) {
    this.slots = new Slots(
      () => poolThreads() * perThread,
      () => (mainThreadScans || poolThreads() === 0 ? perThread : 0),
      () => (!this.poolWarm && this.slots.localHeld === 0) || this.slots.localHeld * poolThreads() < this.slots.poolHeld,
    );
  }

  /** `stream`: the task's output comes in pieces there (see task-stream.ts) */
  async run(t: ScanTask, stream?: TaskStream): Promise<TaskResult> {
    if (t.progress) t.progressOwn = new SharedArrayBuffer(16);
    if (await this.slots.take() === 'pool') {
      let r: TaskResult;
      try {
        r = await this.onPool(t, stream);
      } catch (e) {
        // a worker that dies fails every task it held, not only the one that killed it: run the
        // task again alone, so that only the task that fails by itself is lost (and named)
        t.spares = undefined; // moved away with the first attempt
        takeBackProgress(t);
        if (this.stats) this.stats.reruns = (this.stats.reruns ?? 0) + 1;
        // an injected streamed exit kills the first attempt only: its first piece may not have
        // come before its worker died (then the rerun skips nothing), and the rerun must live
        if (t.injectFault === 'exit-streamed') t.injectFault = undefined;
        if (stream) {
          // the records whose output came in pieces are not written twice; the rest comes in
          // pieces too, once the task's turn to be written has come: the isolation pool runs one
          // task at a time, and a rerun there that waited for its turn to write would keep out an
          // older task whose worker died with it (the rest came whole, however big, before)
          stream.endAttempt();
          await stream.turn();
          // the scan's consumer stopped before this task's turn: nothing to run it again for
          if (stream.closed) throw e;
          t.skip = stream.records;
          t.stream = stream.open();
          r = await (await isolationPool()).run(t, [t.stream]);
        } else {
          r = await (await isolationPool()).run(t);
        }
      }
      if (this.stats) this.stats.poolTasks++;
      return r;
    }
    try {
      // let finished workers report first (their messages are macrotasks): without this the
      // main thread would chain local tasks in microtasks and starve the pool
      await new Promise<void>((r) => setImmediate(r));
      localState ??= newWorkerState(spares);
      if (stream) t.stream = stream.open();
      const { result, busyMs } = await runScanTask(t, localState, this.localOp);
      this.rate?.add(result.bytes, busyMs);
      if (this.stats) { this.stats.localTasks++; this.stats.localMs += busyMs; }
      return result;
    } finally {
      this.slots.give('local');
    }
  }

  /** Run a task on the pool (its slot taken); the slot is given back when it ends. */
  private async onPool(t: ScanTask, stream?: TaskStream): Promise<TaskResult> {
    try {
      const pool = await this.pool();
      t.spares = spares.takeSome(SPARES_PER_TASK);
      if (stream) t.stream = stream.open();
      const r = await pool.run(t, t.stream ? [...t.spares, t.stream] : t.spares);
      this.poolWarm = true;
      return r;
    } finally {
      this.slots.give('pool');
    }
  }
}

/**
 * How many tasks may be in flight or waiting for their turn. Small results get a wide window (see
 * scan). Printed text and records of a compressed file too big to share a task come as one result
 * of the file's whole output (one zlib stream is one task) unless the caller streams them (see
 * `ScanOptions.stream`: then a task holds its share of a budget of pieces, and a file a thread is in
 * flight, see streamed.ts), so with such inputs the window is threads + 2: print over the 20 zlib
 * files of 500k flows at 2 threads, peak RSS 662-729 MB -> 328-333 MB, wall 3.74-4.13 s -> 3.58-3.59
 * s (single runs); over raw files' ranges the narrow
 * window cost 20-40% of wall and is not taken.
 */
export function resultWindow(threads: number, small: boolean, inputs: readonly OpenedInput[]): number {
  if (!small && inputs.some((i) => i.compressed && !groupable(i))) return Math.max(3, threads + 2);
  return Math.max(3, threads * (TASKS_PER_THREAD + 1) + 1) * (small ? 4 : 1);
}

/** Take a failed attempt's records and bytes back out of the progress counters (it runs again, or is lost). */
function takeBackProgress(t: ScanTask): void {
  if (!t.progress || !t.progressOwn) return;
  const own = new BigInt64Array(t.progressOwn), all = new BigInt64Array(t.progress);
  Atomics.sub(all, 0, Atomics.load(own, 0));
  Atomics.sub(all, 1, Atomics.load(own, 1));
  t.progressOwn = new SharedArrayBuffer(16);
}

export async function* scan(inputs: OpenedInput[], opts: ScanOptions): AsyncGenerator<ScanEvent> {
  const rangeBytes = opts.rangeBytes ?? DEFAULT_RANGE;
  const known = inputs.reduce((s, i) => s + (i.seekable ? Math.max(0, i.size - i.dataStart) * (i.compressed ? 6 : 1) : 0), 0);
  const threshold = opts.inProcessBelow ?? IN_PROCESS_BELOW[opts.op.kind] ?? DEFAULT_IN_PROCESS;
  const workers = Math.max(0, opts.threads - 1);
  const plan = new TaskPlan(inputs, opts, rangeBytes);
  // below the threshold the main thread starts alone; workers join when its rate says the rest is
  // long (a slow machine, a costly filter). Once started they stay.
  const rate = new LocalRate();
  let timed = false;
  const poolThreads = (): number => {
    if (workers === 0) return 0;
    if (!timed && known < threshold && plan.fed < threshold) timed = rate.worthWorkers(known);
    return known >= threshold || plan.fed >= threshold || timed ? workers : 0;
  };
  const perThread = Math.max(1, Math.min(TASKS_PER_THREAD, opts.tasksPerThread ?? TASKS_PER_THREAD));
  const dispatcher = new Dispatcher(poolThreads, () => scanPool(workers), opts.stats, opts.mainThreadScans ?? true, opts.localOp, rate, perThread);
  if (poolThreads() > 0) void scanPool(workers); // start booting workers now

  const runTask = async (t: ScanTask, stream?: TaskStream): Promise<TaskResult | ScanFailure> => {
    if (opts.injectFault && opts.injectFault.seq === t.seq) t.injectFault = opts.injectFault.kind;
    try {
      return await dispatcher.run(t, stream);
    } catch (e) {
      takeBackProgress(t);
      return ScanFailure.of(t, e);
    }
  };

  // results come back in task order, so a slow task holds the window: a thread that is done with its
  // own tasks waits while the oldest one sits third in a worker's queue. Small results (counts, stat
  // partials: a hash report keeps every partial until its merge anyway) get a wider window; printed
  // text and plot lines are large and keep the narrow one, narrower still for whole zlib streams.
  const small = opts.smallResults ?? opts.op.kind === 'count';
  const window = resultWindow(opts.threads, small, inputs);
  const outcome = async (it: Item, stream?: TaskStream): Promise<ScanEvent> => {
    if (it.end) return { kind: 'end', ...it.end };
    const r = await runTask(it.task!, stream);
    if (!(r instanceof ScanFailure)) return { kind: 'result', input: it.input, result: r };
    if (!opts.keepGoing) throw r;
    return { kind: 'fault', input: it.input, faults: r.lostFaults(it.task!) };
  };
  // (only runs with whole compressed streams as tasks: other tasks' output is a range's)
  if (opts.stream && STREAMED_OPS.has(opts.op.kind) && inputs.some((i) => i.compressed && !groupable(i))) {
    // a file a thread, the one being written included (a file's task and its end are two items)
    yield* streamed(plan.items(), outcome, Math.max(4, 2 * opts.threads), opts.streamChunk, opts.recycleChunks);
    return;
  }
  for await (const [ev, ends] of runOrdered<Item, [ScanEvent, OpenedInput[] | undefined]>(
    plan.items(),
    async (it) => [await outcome(it), it.ends],
    window,
    (it) => it.release?.(),
  )) {
    yield ev;
    // a group's files end after its task, in input order
    for (const input of ends ?? []) yield { kind: 'end', input, faults: [] };
  }
}

