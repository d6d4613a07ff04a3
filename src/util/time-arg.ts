/**
 * A point in time given on the command line (--from/--to): ISO 8601 ("2026-11-01T02:00:00Z",
 * "2026-11-01T02:00+01:00", "2026-11-01 02:00:00.250"), unix seconds ("@1793498400", "@1793498400.5"),
 * or any getdate(3) phrase flow-tools accepts ("yesterday", "2 hours ago", "July 6, 2005 17:00").
 * Without a zone the time is local (TZ), as flow-print shows times. Returns unix milliseconds.
 */
import { parseGetdate } from './getdate.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const UNIX = /^@(\d{1,12})(?:\.(\d+))?$/;

/** Milliseconds of a fraction's digits ("25" -> 250), truncated below a millisecond. */
function fractionMs(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0;
}

/** Minutes east of UTC of "Z", "+01", "+0130", "-05:00". */
function zoneMinutes(z: string): number {
  if (/^(z|utc)$/i.test(z)) return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/**
 * Unix milliseconds of `text`, or undefined when it names no time. `nowSeconds` anchors relative
 * phrases ("2 hours ago").
 */
export function parseTimeArg(text: string, nowSeconds: number): number | undefined {
  const s = text.trim();
  // getdate reads an empty phrase as today's midnight
  if (s === '') return undefined;
  const u = UNIX.exec(s);
  if (u) return Number(u[1]) * 1000 + fractionMs(u[2]);
  const m = ISO.exec(s);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', sec = '0'] = [m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]];
    const nums = [Number(mo), Number(d), Number(h), Number(mi), Number(sec)];
    if (nums[0]! < 1 || nums[0]! > 12 || nums[1]! < 1 || nums[1]! > 31 || nums[2]! > 23 || nums[3]! > 59 || nums[4]! > 60) return undefined;
    const ms = fractionMs(m[7]);
    if (m[8]) {
      const utc = Date.UTC(Number(y), nums[0]! - 1, nums[1]!, nums[2]!, nums[3]!, nums[4]!);
      // Date.UTC rolls 31 November over to 1 December: refuse a day the month lacks
      if (new Date(utc).getUTCDate() !== nums[1]) return undefined;
      return utc - zoneMinutes(m[8]) * 60_000 + ms;
    }
    const local = parseGetdate(`${y}-${mo}-${d} ${h}:${mi}:${sec}`, nowSeconds);
    return local === undefined ? undefined : local * 1000 + ms;
  }
  const g = parseGetdate(s, nowSeconds);
  return g === undefined ? undefined : g * 1000;
}

/** ISO 8601 UTC text of unix milliseconds, for messages ("2026-11-01T02:00:00Z"). */
export function isoUtc(ms: number): string {
  const t = new Date(ms).toISOString();
  return t.endsWith('.000Z') ? `${t.slice(0, -5)}Z` : t;
}
