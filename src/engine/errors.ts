/**
 * Errors of the scan engine itself (not of the input): a worker that threw or died while holding a
 * task. Carries the file and byte range it was working on, and keeps the cause.
 */
import type { ScanTask } from './types.ts';

export class ScanFailure extends Error {
  /** what went wrong in the worker (the cause's message) */
  readonly reason: string;

  constructor(readonly file: string, readonly range: string, cause: unknown) {
    const reason = (cause as Error)?.message ?? String(cause);
    super(`worker failed while reading ${file} (${range}): ${reason}`, { cause });
    this.name = 'ScanFailure';
    this.reason = reason;
  }

  static of(t: ScanTask, cause: unknown): ScanFailure {
    const d = t.data;
    const range = d.kind === 'file' ? `bytes ${d.start}-${d.end}` : d.kind === 'zfile' ? `compressed data from byte ${d.start}` : `stdin chunk ${t.seq}`;
    return new ScanFailure(t.file, range, cause);
  }
}
