/**
 * ftltime(): the absolute time of a flow's First/Last from the export time and the router uptime,
 * computed as the reference flow-tools build does (FORMAT.md 7.1): in uint64 milliseconds,
 * unix_secs*1000 + unix_nsecs/10^6 - sysUpTime + t. A negative result wraps to 2^64 + ms (shown
 * here as the nearest double; flow-print's stamps handle that case exactly in print/stamp.ts).
 */

/** Absolute milliseconds since the epoch of uptime stamp `t` (First or Last), uint64-wrapped. */
export function ftltimeMs(sysUpTime: number, unixSecs: number, unixNsecs: number, t: number): number {
  const ms = unixSecs * 1000 + Math.floor(unixNsecs / 1000000) - sysUpTime + t;
  return ms >= 0 ? ms : ms + 2 ** 64;
}
