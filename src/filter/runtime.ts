/**
 * Functions the generated predicates call (passed to them as table references): the start/end
 * second of a flow, local midnight of its day for `time` primitives, a record hash for seeded
 * random-sample.
 */
import { ftltimeMs } from '../util/fttime.ts';
import { LocalClock } from '../util/localtime.ts';

/** ftltime() seconds of an uptime stamp. */
export function ftsecs(sysUpTime: number, unixSecs: number, unixNsecs: number, t: number): number {
  return Math.floor(ftltimeMs(sysUpTime, unixSecs, unixNsecs, t) / 1000);
}

/** Hash of a record's bytes and a seed (FNV-1a over 32-bit words, then a final mix). */
export function recordHash(dv: DataView, p: number, size: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i + 4 <= size; i += 4) h = Math.imul(h ^ dv.getUint32(p + i, true), 0x01000193);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}

/** The unix second of local midnight of t's day, in t's own UTC offset (mktime with t's tm_isdst). */
export class ClockDay {
  private readonly clock = new LocalClock();
  dayStart(t: number): number {
    const off = this.clock.gmtoff(t);
    const l = t + off;
    return l - (((l % 86400) + 86400) % 86400) - off;
  }
}
