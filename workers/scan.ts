/**
 * Piscina worker: runs ScanTasks with the shared engine code ({@link file://../src/engine/scan-task.ts})
 * and, as the named handler `job`, an op's parallel jobs ({@link file://../src/engine/jobs.ts}).
 * The read buffer and the compiled-filter cache live for the worker's lifetime; results move back
 * with their ArrayBuffers transferred, not copied.
 */
import Piscina from 'piscina';
import { newWorkerState, runScanTask } from '../src/engine/scan-task.ts';
import type { ScanTask } from '../src/engine/types.ts';
import { runJob } from '../src/ops/registry.ts';
import type { JobSpec } from '../src/ops/types.ts';

const state = newWorkerState();

/** A result whose ArrayBuffers Piscina transfers (a plain object's nested buffers would be copied). */
class Moved {
  constructor(private readonly value: object, private readonly buffers: ArrayBuffer[]) {}
  get [Piscina.transferableSymbol](): object { return this.buffers; }
  get [Piscina.valueSymbol](): object { return this.value; }
}

export default async function scan(task: ScanTask): Promise<unknown> {
  const { result, transfer } = await runScanTask(task, state);
  return transfer.length ? Piscina.move(new Moved(result, transfer) as never) : result;
}

/** Named handler: one job of an op's parallel phase (merge, print). */
export async function job(spec: JobSpec): Promise<unknown> {
  const { result, transfer } = await runJob(spec);
  return transfer.length ? Piscina.move(new Moved(result as object, transfer) as never) : result;
}
