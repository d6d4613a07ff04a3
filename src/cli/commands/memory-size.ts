/**
 * `--max-memory <size>`: a byte count with an optional binary unit (512M, 2G, 1.5GiB, 65536); the
 * default cap when the option is not given is defaultMaxMemory() (src/stat/mem-cap.ts).
 */
import { ExitError } from '../runtime.ts';
import { EXIT } from './session.ts';
import { sizeBytes } from '../../stat/mem-cap.ts';

/** Parse a size; throws a usage error naming the option for anything else. */
export function parseSize(option: string, text: string): number {
  const bytes = sizeBytes(text);
  if (bytes === undefined) {
    throw new ExitError(EXIT.USAGE, `${option} must be a size such as 512M, 2G or a number of bytes, not "${text}"`);
  }
  return bytes;
}

