/**
 * The options the flow-tools programs that write a stream take alike: -b big|little, -z level, -C
 * comment and -d (accepted, no profile), with flow-tools' messages when their values are wrong;
 * -v VAR=value and -V version.
 */
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN } from '../format/constants.ts';
import { varBinding } from '../filter/var-binding.ts';
import { atoi } from './getopt.ts';

/** What -b, -z and -C set. */
export interface StreamOptValues { byteOrder: number; zLevel: number; comment?: string }

/**
 * Option `k` (value `v`) if it is -b, -z, -C or -d (getopt passes only the letters the tool takes):
 * 'done' when it was one of them, 'error' after flow-tools' message (the tool exits 1), 'other'.
 */
export function streamOption(tool: string, k: string, v: string | undefined, o: StreamOptValues, err: (text: string) => void): 'done' | 'error' | 'other' {
  switch (k) {
    case 'b': {
      const b = byteOrderArg(tool, v!, err);
      if (b === undefined) return 'error';
      o.byteOrder = b;
      return 'done';
    }
    case 'z': {
      const z = zLevelArg(tool, v!, err);
      if (z === undefined) return 'error';
      o.zLevel = z;
      return 'done';
    }
    case 'C': o.comment = v; return 'done';
    case 'd': return 'done';
    default: return 'other';
  }
}

/** -v VAR=value (ftvar_pset) into `vars`; false after flow-tools' message (the tool exits 1). */
export function varArg(tool: string, v: string, vars: Record<string, string>, err: (text: string) => void): boolean {
  const kv = varBinding(v);
  if (!kv) { err(`${tool}: ftvar_pset(${v}): failed (expecting VAR=value)\n`); return false; }
  vars[kv[0]] = kv[1];
  return true;
}

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
