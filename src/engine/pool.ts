/**
 * The only Piscina import: a pool of scan workers. Run from source (tests, `tsx`), the workers load
 * the TypeScript entry through tsx; installed, they run the compiled JavaScript in dist/.
 */
import { fileURLToPath } from 'node:url';
import type { ScanTask, TaskResult } from './types.ts';

export interface ScanPool {
  run(task: ScanTask): Promise<TaskResult>;
  close(): Promise<void>;
  readonly threads: number;
}

function workerEntry(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? '../../workers/scan.ts' : '../../workers/scan.js', import.meta.url);
  return { filename: fileURLToPath(url), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export async function createScanPool(threads: number, progress?: SharedArrayBuffer): Promise<ScanPool> {
  const { Piscina } = await import('piscina');
  const { filename, execArgv } = workerEntry();
  const pool = new Piscina({
    filename,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    workerData: { progress },
    // tasks are few and large; no benefit from Atomics polling between them
    atomics: 'disabled',
  });
  return {
    threads,
    run: (task) => pool.run(task, { transferList: transferablesOf(task) }) as Promise<TaskResult>,
    close: () => pool.close({ force: true }),
  };
}

function transferablesOf(_task: ScanTask): [] {
  // tasks carry paths or SharedArrayBuffers (shared, never transferred)
  return [];
}
