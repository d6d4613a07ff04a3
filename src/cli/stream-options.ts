/**
 * The options the flow-tools programs that write a stream take alike: -b big|little and -z level,
 * with flow-tools' messages when their values are wrong, and -V version.
 */
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN } from '../format/constants.ts';
import { atoi } from './getopt.ts';

/** -b: the output byte order, or undefined after flow-tools' message (the tool exits 1). */
export function byteOrderArg(tool: string, v: string, err: (text: string) => void): number | undefined {
  const s = v.toLowerCase();
  if (s === 'little') return FT_HEADER_LITTLE_ENDIAN;
  if (s === 'big') return FT_HEADER_BIG_ENDIAN;
  err(`${tool}: expecting "big" or "little"\n`);
  return undefined;
}

/** -z: the zlib level 0-9 (atoi), or undefined after flow-tools' message (the tool exits 1). */
export function zLevelArg(tool: string, v: string, err: (text: string) => void): number | undefined {
  const z = atoi(v);
  if (z >= 0 && z <= 9) return z;
  err(`${tool}: Compression level must be between 0 and 9\n`);
  return undefined;
}

/** -V, sscanf("%u.%u"): the version and, when given, the aggregation method; undefined when no number. */
export function scanVersion(text: string): { d: number; agg?: number } | undefined {
  const m = /^\s*([+-]?\d+)(?:\.\s*([+-]?\d+))?/.exec(text);
  if (!m) return undefined;
  const u = (s: string): number => Number(BigInt.asUintN(32, BigInt(s)));
  return { d: u(m[1]!) & 0xffff, agg: m[2] === undefined ? undefined : u(m[2]) & 0xff };
}
