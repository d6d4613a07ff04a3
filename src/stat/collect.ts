/**
 * One parallel pass for a flow-stat report: scan the inputs with the stat op and merge each task's
 * partial as it arrives (scan() delivers them in input order, so plot lines can be streamed). Hash
 * reports' partials are merged after the scan by partition-range jobs, on the pool beside the main
 * thread when the scan used it.
 */
import { poolStarted } from '../engine/pool.ts';
import { recycle, scan, type ScanEvent, type ScanOptions } from '../engine/scan.ts';
import type { OpenedInput } from '../engine/open.ts';
import { StatAccumulator, type StatResult } from './accumulate.ts';
import { FORMATS } from './formats.ts';
import { capHit, MemCapExceeded, newMemCap } from './mem-cap.ts';
import { payloadBuffers } from './partial.ts';
import { statOp } from '../ops/stat-op.ts';
import type { LocalOp } from '../engine/scan-task.ts';
import { releaseMemory } from '../util/release-memory.ts';
import { dropMergeScratch } from './part-merge.ts';
import { mergeAll } from './merge-run.ts';
import { dropStageScratch } from './stage-memory.ts';

export interface CollectOptions extends Omit<ScanOptions, 'op'> {
  /** plot reports: receives the lines in order as tasks finish */
  textSink?: (text: Uint8Array) => void;
  /** every scan event, for fault reporting and progress (called before the partial is merged) */
  observe?: (ev: ScanEvent) => void;
  /** aggregation memory cap in bytes (undefined: none) */
  maxMemory?: number;
}

/** The memory cap stopped the report. */
export class MemCapError extends Error {
  constructor(readonly format: number, readonly keys: number, readonly capBytes: number) {
    super(`report ${format} (${FORMATS[format]!.name}) reached the memory cap of ${sizeText(capBytes)} at ${keys.toLocaleString('en-US')} distinct keys; raise --max-memory or narrow the input with a filter`);
    this.name = 'MemCapError';
  }
}

/** Bytes as flowsift prints a cap: whole MiB/GiB when exact, else bytes. */
export function sizeText(b: number): string {
  if (b >= 1 << 30 && b % (1 << 30) === 0) return `${b / (1 << 30)} GiB`;
  if (b >= 1 << 20 && b % (1 << 20) === 0) return `${b / (1 << 20)} MiB`;
  if (b >= 1 << 10 && b % (1 << 10) === 0) return `${b / (1 << 10)} KiB`;
  return `${b} bytes`;
}

/** distinct keys per partition aimed at (a partition's merge table stays in the CPU cache) */
const KEYS_PER_PART = 8192;
const MAX_PART_BITS = 9;
/** partition bits when the input size is unknown (pipes) */
const UNKNOWN_PART_BITS = 6;
/**
 * Inputs below this many bytes run on the main thread alone for the reports whose per-flow work is a
 * few additions (the summary, the array reports): a worker's boot and cold JIT cost more than the
 * part of a short scan it takes over. Measured with bench/pair.mjs at 2 threads, workers from the
 * start against the main thread alone (new/base wall, the main thread taking the first tasks while
 * workers boot): -f 0 over 256 MB 0.73 (alone better), 384 MB 1.00, 640 MB 1.21 (workers better);
 * -f 5 -S 1 over 384 MB 0.97, 640 MB 1.05. (Before the main thread took the first tasks, workers lost
 * at 640 MB too: 0.86-0.96 s against 0.70-0.79 s.)
 */
const CHEAP_IN_PROCESS_BELOW = 512 << 20;
/**
 * The same for the array reports, whose flows now cost the main thread less than the summary's
 * (slots read ahead, bench/RESULTS.md): over the 640 MB archive at 2 threads, the main thread alone
 * against a worker beside it (new/base wall, bench/pair.mjs, same bytes): -f 5 -S 1 0.91 (7 of 8
 * pairs), -f 12 0.79 (6 of 6), -f 7 -S 1 0.88 (4 of 6), CPU 0.55-0.61; the summary (-f 0) lost
 * with 1 GiB (1.14, 0 of 8), so it keeps 512 MB. A slow spell still starts the workers (LocalRate).
 */
const ARRAY_IN_PROCESS_BELOW = 1 << 30;
/** partial entries (about 30 MB) from which a collection after the merge is worth its time */
const RELEASE_MIN = 1_000_000;
/**
 * Tasks a thread holds at once for a hash report over compressed files (the scan's default is
 * three, which overlaps inflate rounds). The 20 zlib files of the bench archive at 2 threads,
 * paired against three: -f 11 -S 1 peak RSS 0.788 (lower in 8 of 8 pairs), wall 0.937; -f 10 -S 2
 * RSS 0.920 (6 of 6), wall 1.078 in one series and 0.932 in another (noise); at 4 threads -f 10's
 * peak fell from 0.99-1.18 GB to 0.82-0.97. -f 0, whose tasks hold little, lost 16% of wall at
 * two and keeps three.
 */
const HASH_ZLIB_TASKS = 2;
/** partial entries from which a merge is worth running on the pool when the scan did not start it */
const POOL_MERGE_MIN = 2_000_000;

/** The reports collected in this process so far (each scan's StatSpec.run: coordinator state). */
const runs = { n: 0 };

const cpuMs = (c: NodeJS.CpuUsage): number => Math.round((c.user + c.system) / 1000);

export async function collectStat(inputs: OpenedInput[], format: number, opts: CollectOptions): Promise<StatResult> {
  const fmt = FORMATS[format]!;
  const records = inputs.reduce((s, i) => s + (i.seekable && i.size > 0 ? (i.size - i.dataStart) / (i.inRecSize || 64) : 0), 0);
  const unknown = inputs.some((i) => !i.seekable);
  let partBits = 0;
  if (fmt.shape === 'hash') {
    const keys = records / 2;
    while (partBits < MAX_PART_BITS && keys / (1 << partBits) > KEYS_PER_PART) partBits++;
    if (unknown) partBits = Math.max(partBits, UNKNOWN_PART_BITS);
  }
  const cap = opts.maxMemory !== undefined && fmt.shape === 'hash' ? newMemCap(opts.maxMemory) : undefined;
  const capped = (e: unknown): unknown => {
    const keys = capHit(cap);
    if (keys >= 0 || e instanceof MemCapExceeded) return new MemCapError(format, Math.max(0, keys), opts.maxMemory!);
    return e;
  };
  const acc = new StatAccumulator(fmt, opts.textSink, cap);
  const { textSink: _sink, observe, maxMemory: _m, ...scanOpts } = opts;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let c1 = c0;
  try {
    const cheap = fmt.shape === 'summary' || fmt.shape === 'totals';
    const inProcessBelow = scanOpts.inProcessBelow ?? (fmt.shape === 'array' ? ARRAY_IN_PROCESS_BELOW : cheap ? CHEAP_IN_PROCESS_BELOW : undefined);
    // the main thread's own tasks of an array report add straight into the report's table. Not
    // with --keep-going: a task that fails half-way is skipped then, and must take its records with it
    const direct = fmt.shape === 'array' && !scanOpts.keepGoing;
    const localOp: LocalOp | undefined = direct ? (spec, ctx) => (spec.kind === 'stat' ? statOp(spec, ctx, acc.arrayTable()) : undefined) : undefined;
    // a hash task over a compressed file holds its buckets and its output (growing to the file's
    // distinct keys) while it waits on inflate rounds: two a thread, not three
    const tasksPerThread = fmt.shape === 'hash' && inputs.some((i) => i.compressed) ? HASH_ZLIB_TASKS : undefined;
    // every partial but plot lines (two per flow) is small: let more tasks run ahead of the oldest
    // small files share tasks (a report merges its partials: no output is written per input)
    for await (const ev of scan(inputs, { ...scanOpts, inProcessBelow, localOp, op: { kind: 'stat', format, partBits, cap, run: ++runs.n, records: unknown ? 0 : records }, smallResults: fmt.shape !== 'plot', groupSmall: scanOpts.groupSmall ?? true, tasksPerThread })) {
      observe?.(ev);
      if (ev.kind === 'result' && ev.result.payload.kind === 'stat') {
        acc.add(ev.result.payload, ev.result.seq, ev.result.matched);
        // array partials are added into the report's own table: their buffers can be reused
        if (fmt.shape === 'array') recycle(payloadBuffers(ev.result.payload));
      }
    }
    const t1 = performance.now();
    c1 = process.cpuUsage();
    const partialEntries = acc.partialEntries();
    if (fmt.shape === 'hash') {
      const workers = Math.max(0, opts.threads - 1);
      const parallel = workers > 0 && (poolStarted(workers) || partialEntries >= POOL_MERGE_MIN);
      if (parallel) {
        acc.merged(await mergeAll(acc.mergeJobs(), workers));
      }
    }
    const r = acc.result();
    // the merge has dropped the partials: free them before the print order takes its memory (a
    // full collection is worth its milliseconds only when they are big), with this thread's merge
    // and stage scratch, so that its first walk job finds nothing left to collect (one full
    // collection, not two: the second took 20 ms in -f 11 -S 1)
    if (fmt.shape === 'hash' && partialEntries >= RELEASE_MIN) {
      dropMergeScratch();
      dropStageScratch();
      releaseMemory();
    }
    if (opts.stats) {
      opts.stats.phases = {
        ...opts.stats.phases, scanMs: Math.round(t1 - t0), scanCpuMs: cpuMs(process.cpuUsage(c0)) - cpuMs(process.cpuUsage(c1)),
        mergeMs: Math.round(performance.now() - t1), mergeCpuMs: cpuMs(process.cpuUsage(c1)),
        ...(fmt.shape === 'hash' ? { partialEntries, keys: r.table?.n ?? 0 } : {}),
      };
    }
    return r;
  } catch (e) {
    throw capped(e);
  }
}
