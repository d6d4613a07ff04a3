/**
 * Errors of the scan engine itself (not of the input): a worker that threw or died while holding a
 * task. Carries the file and byte range it was working on, and keeps the cause.
 */
import type { Fault, ScanTask } from './types.ts';

export class ScanFailure extends Error {
  /** what went wrong in the worker (the cause's message) */
  readonly reason: string;

  constructor(readonly file: string, readonly range: string, cause: unknown) {
    const reason = (cause as Error)?.message ?? String(cause);
    super(`worker failed while reading ${file} (${range}): ${reason}`, { cause });
    this.name = 'ScanFailure';
    this.reason = reason;
  }

  /**
   * Under --keep-going, what the failed task `t` lost: its range, or each file of a group of small
   * files (each named, and counted damaged).
   */
  lostFaults(t: ScanTask): Fault[] {
    const d = t.data;
    if (d.kind === 'group') {
      return d.parts.map((q) => ({ file: q.file, offset: q.data.start, code: 'WORKER', message: `worker failed on ${this.range} (${this.reason}); file skipped (--keep-going)` }));
    }
    const offset = d.kind === 'shared' ? 0 : d.start;
    return [{ file: this.file, offset, code: 'WORKER', message: `worker failed on ${this.range} (${this.reason}); range skipped (--keep-going)` }];
  }

  static of(t: ScanTask, cause: unknown): ScanFailure {
    const d = t.data;
    const range = d.kind === 'file' ? `bytes ${d.start}-${d.end}` : d.kind === 'zfile' ? `compressed data from byte ${d.start}`
      : d.kind === 'group' ? `a task of ${d.parts.length} small files, through ${d.parts[d.parts.length - 1]!.file}` : `stdin chunk ${t.seq}`;
    return new ScanFailure(t.file, range, cause);
  }
}
