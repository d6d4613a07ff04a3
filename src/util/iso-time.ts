/**
 * Date#toISOString() of a time in ms since the epoch, written as bytes ("2026-11-01T00:15:00.123Z"):
 * the export of millions of records spent most of its time building Date objects and strings.
 * Years 0-9999 only; the caller falls back to Date for the rest (toISOString then writes a sign
 * and six year digits).
 */
import { civil, newTm, type Tm } from './localtime.ts';

/** isoTime's scratch: the broken-down time, and the day (since the epoch) whose date it holds. */
export interface IsoScratch { tm: Tm; day: number }

export function newIsoScratch(): IsoScratch {
  return { tm: newTm(), day: Number.NaN };
}

function two(b: Uint8Array, p: number, v: number): number {
  b[p] = 48 + Math.floor(v / 10); b[p + 1] = 48 + (v % 10);
  return p + 2;
}

/**
 * Write the ISO 8601 UTC form of `ms` at p and return the end, or -1 (nothing written) when its
 * year is outside 0-9999 or ms is not an integer. Needs 24 bytes of room. The date is worked out
 * once per day (`s` keeps it): a task's flows mostly share a few days.
 */
export function isoTime(b: Uint8Array, p: number, ms: number, s: IsoScratch): number {
  if (!Number.isInteger(ms)) return -1;
  const secs = Math.floor(ms / 1000), milli = ms - secs * 1000;
  const day = Math.floor(secs / 86400);
  const tm = s.tm;
  if (day !== s.day) {
    civil(secs, tm);
    if (tm.year < 0 || tm.year > 9999) { s.day = Number.NaN; return -1; }
    s.day = day;
  }
  const y = tm.year, sod = secs - day * 86400;
  const hour = Math.floor(sod / 3600), min = Math.floor(sod / 60) % 60, sec = sod % 60;
  p = two(b, p, Math.floor(y / 100)); p = two(b, p, y % 100); b[p++] = 45;
  p = two(b, p, tm.mon + 1); b[p++] = 45;
  p = two(b, p, tm.mday); b[p++] = 84;
  p = two(b, p, hour); b[p++] = 58;
  p = two(b, p, min); b[p++] = 58;
  p = two(b, p, sec); b[p++] = 46;
  b[p] = 48 + Math.floor(milli / 100); b[p + 1] = 48 + (Math.floor(milli / 10) % 10); b[p + 2] = 48 + (milli % 10);
  b[p + 3] = 90;
  return p + 4;
}
