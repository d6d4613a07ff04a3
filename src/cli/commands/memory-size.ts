/**
 * `--max-memory <size>`: a byte count with an optional binary unit (512M, 2G, 1.5GiB, 65536), and
 * the default cap when the option is not given: 80% of the memory this process may use (the
 * cgroup limit when there is one, else physical RAM).
 */
import os from 'node:os';
import { ExitError } from '../runtime.ts';
import { EXIT } from './session.ts';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Parse a size; throws a usage error naming the option for anything else. */
export function parseSize(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*$/.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new ExitError(EXIT.USAGE, `${option} must be a size such as 512M, 2G or a number of bytes, not "${text}"`);
  }
  return bytes;
}

/** The cap without --max-memory: 80% of the memory available to the process. */
export function defaultMaxMemory(): number {
  const limit = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = os.totalmem();
  const avail = limit && limit > 0 && limit < total ? limit : total;
  return Math.floor(avail * 0.8);
}
