/**
 * What a compressed data section's inflate outcome reports (FORMAT.md 5.3), as faults of `file`:
 * corrupt data, a partial record at the end, bytes after the zlib stream (quiet in flow-tools).
 * Shared by scan tasks (files) and the standard-input feed.
 */
import type { InflateOutcome } from '../io/inflate.ts';
import type { Fault } from './types.ts';

/** `dataStart`: where the section begins in the file (trailing bytes are placed from it). */
export function inflateFaults(outcome: InflateOutcome, file: string, dataStart: number): Fault[] {
  const faults: Fault[] = [];
  if (outcome.failed) {
    faults.push({ file, offset: outcome.failedAt, inData: true, code: 'INFLATE_FAILED', message: 'inflate(): failed' });
  } else if (outcome.partial) {
    faults.push({ file, offset: outcome.delivered, inData: true, code: 'PARTIAL_INFLATED', message: 'Warning, partial inflated record before EOF' });
  }
  if (outcome.trailing) {
    faults.push({ file, offset: dataStart + outcome.consumed, code: 'TRAILING_GARBAGE', quietInFlowTools: true,
      message: `${outcome.trailing} bytes after the end of the zlib stream (ignored)` });
  }
  return faults;
}
