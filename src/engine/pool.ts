/**
 * The only Piscina import: a pool of scan workers, kept for the life of the process (creating
 * workers costs tens of milliseconds each, a second scan in the same process reuses them). Workers
 * always run the compiled JavaScript in dist/, also when the coordinator runs from source (tests):
 * Node 20 worker threads cannot load TypeScript through tsx reliably, and the test setup builds
 * dist/ when it is older than the sources.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import type { JobSpec } from '../ops/types.ts';
import type { ScanTask, TaskResult } from './types.ts';

export interface ScanPool {
  /** `transfer`: ArrayBuffers (and a stream's port) of the task to move, not copy */
  run(task: ScanTask, transfer?: (ArrayBuffer | MessagePort)[]): Promise<TaskResult>;
  /** run a job (see jobs.ts) on a worker: the worker entry's `job` export */
  job(spec: JobSpec): Promise<unknown>;
  readonly threads: number;
}

/**
 * The compiled worker entry: the bundled dist/bundle/scan-worker.js when this code is itself bundled
 * (dist/bundle/TOOL.cjs), else dist/workers/scan.js seen from src/engine/ or dist/src/engine/.
 */
export function workerEntry(): string {
  const here = import.meta.url;
  if (here.includes('/dist/bundle/')) return fileURLToPath(new URL('./scan-worker.js', here));
  return fileURLToPath(new URL(here.endsWith('.ts') ? '../../dist/workers/scan.js' : '../../workers/scan.js', here));
}

interface PoolEntry { pool: Promise<ScanPool>; close: () => Promise<void> }
// coordinator state: the process's pools by size (and the isolation pool)
const pools = new Map<number, PoolEntry>();

/** The process's pool of `threads` workers, created on first use. */
export function scanPool(threads: number): Promise<ScanPool> {
  return poolOf(threads, threads, 3);
}

/**
 * A pool of one worker that holds one task at a time, for re-running tasks whose worker died: a
 * worker that dies fails every task it held, and only a task that fails here, alone, is lost.
 */
export function isolationPool(): Promise<ScanPool> {
  return poolOf(ISOLATION_KEY, 1, 1);
}

const ISOLATION_KEY = -1;

function poolOf(key: number, threads: number, tasksPerWorker: number): Promise<ScanPool> {
  let e = pools.get(key);
  if (!e) {
    let closer: () => Promise<void> = async () => undefined;
    const pool = (async () => {
      // require, not import(): the executables' bundles are CommonJS scripts compiled with a code
      // cache (bin/launch.js), where a dynamic import() has no loader to resolve it
      const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
      // When the workers and the main thread take every core, a worker compiles its hot loops
      // itself instead of on V8's background thread: that thread only took a core from a busy
      // scan while the loop went on in slow code. Set before the workers' isolates exist (V8
      // reads it when an isolate starts; the main thread's keeps compiling in the background).
      // Paired at 2 threads on 2 cores (bench/pair.mjs): -f 10 -S 2 wall 0.902 (6 of 6 pairs),
      // -f 11 -S 1 0.976 (CPU 0.952), zlib -f 0 0.966, print 0.993.
      if (threads + 1 >= os.availableParallelism()) v8.setFlagsFromString('--no-concurrent-recompilation');
      const p = new Piscina({
        filename: workerEntry(),
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 60_000,
        // tasks are few and large: no gain from Atomics polling between them
        atomics: 'disabled',
        // zlib tasks are async: let a worker overlap several (see TASKS_PER_THREAD in scan.ts)
        concurrentTasksPerWorker: tasksPerWorker,
      });
      closer = () => p.close({ force: true });
      return {
        threads,
        run: (task: ScanTask, transfer?: (ArrayBuffer | MessagePort)[]) => p.run(task, transfer?.length ? { transferList: transfer } : undefined) as Promise<TaskResult>,
        job: (spec: JobSpec) => p.run(spec, { name: 'job' }) as Promise<unknown>,
      };
    })();
    e = { pool, close: () => closer() };
    pools.set(key, e);
  }
  return e.pool;
}

/** Whether this process has started its pool of `threads` workers (a later phase may reuse it for free). */
export function poolStarted(threads: number): boolean {
  return pools.has(threads);
}

/** Stop every pool (tests, benchmarks; a CLI run simply exits). */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  for (const e of all) {
    await e.pool.catch(() => undefined);
    await e.close();
  }
}
