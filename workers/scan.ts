/**
 * Piscina worker: runs ScanTasks with the shared engine code ({@link file://../src/engine/scan-task.ts}).
 * The read buffer and the compiled-filter cache live for the worker's lifetime; results move back
 * with their ArrayBuffers transferred, not copied.
 */
import Piscina from 'piscina';
import { newWorkerState, runScanTask } from '../src/engine/scan-task.ts';
import type { ScanTask, TaskResult } from '../src/engine/types.ts';

const state = newWorkerState();

/** A result whose ArrayBuffers Piscina transfers (a plain object's nested buffers would be copied). */
class Moved {
  constructor(private readonly value: TaskResult, private readonly buffers: ArrayBuffer[]) {}
  get [Piscina.transferableSymbol](): object { return this.buffers; }
  get [Piscina.valueSymbol](): object { return this.value; }
}

export default async function scan(task: ScanTask): Promise<unknown> {
  const { result, transfer } = await runScanTask(task, state);
  return transfer.length ? Piscina.move(new Moved(result, transfer) as never) : result;
}
