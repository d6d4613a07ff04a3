/**
 * ftltime(): the absolute time of a flow's First/Last, from the export time and the router uptime
 * (FORMAT.md 7.1), in the u32 arithmetic flow-tools uses.
 */

/** Absolute milliseconds since the epoch of uptime stamp `t` (First or Last). */
export function ftltimeMs(sysUpTime: number, unixSecs: number, unixNsecs: number, t: number): number {
  const sysS = Math.floor(sysUpTime / 1000);
  const sysM = sysUpTime % 1000;
  let secs = unixSecs;
  let msecs = Math.floor(unixNsecs / 1000000);
  secs = (secs - sysS) >>> 0;
  if (sysM > msecs) {
    secs = (secs - 1) >>> 0;
    msecs += 1000;
  }
  msecs -= sysM;
  secs = (secs + Math.floor(t / 1000)) >>> 0;
  msecs += t % 1000;
  if (msecs >= 1000) {
    msecs -= 1000;
    secs = (secs + 1) >>> 0;
  }
  return secs * 1000 + msecs;
}
